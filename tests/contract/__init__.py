"""Contract conformance against the official OpenAPI document (``nox -s contract``)."""
