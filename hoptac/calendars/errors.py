from hoptac.core.errors import HoptacError


class CalendarError(HoptacError):
    pass
