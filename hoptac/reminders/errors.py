from hoptac.core.errors import HoptacError


class ReminderError(HoptacError):
    pass


class InvalidRule(ReminderError):
    """A rule the alliance already has, or one that cannot remind anybody."""
