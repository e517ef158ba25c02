from hoptac.core.errors import HoptacError


class TrackingError(HoptacError):
    """A report, comment, estimate or tracking sheet that cannot be applied as sent; nothing was."""


class ProgressConflict(TrackingError):
    """Someone reported on the activity after this report was begun."""
