from hoptac.core.errors import HoptacError


class PortalError(HoptacError):
    pass


class UnreadableDocument(PortalError):
    """The engine refused the document; the message carries the engine's reason."""
