"""Hand-written additions to the generated resources (waiting for instances), one module per API version."""
