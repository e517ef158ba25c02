from hoptac.core.errors import HoptacError


class OrgsError(HoptacError):
    pass


class InvalidOrganisation(OrgsError):
    """An organisation or alias that cannot be registered as given (no name, unknown kind, bad tax code)."""


class MemberFileError(OrgsError):
    """A member file that cannot be read at all: not a spreadsheet, too large, no header row."""
