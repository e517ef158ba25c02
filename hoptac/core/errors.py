"""The root of hoptac's own errors: each app raises a subclass, each interface turns it into a message."""


class HoptacError(Exception):
    """An error whose `str()` is a message for the person who caused it, already translated."""
