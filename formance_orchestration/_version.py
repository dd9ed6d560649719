"""The package version, single-sourced here (read by hatchling and the User-Agent)."""

__version__ = "0.1.0"
