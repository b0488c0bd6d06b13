"""Errors the services raise; the API maps them to status codes.

PermissionDenied (django) -> 403, NotFound -> 404, ValidationError (django) -> 422,
Conflict -> 409.
"""


class NotFound(Exception):
    """The object does not exist or the caller may not see it (never say which)."""


class Conflict(Exception):
    """Not available in the current state, or the object changed since it was read."""
