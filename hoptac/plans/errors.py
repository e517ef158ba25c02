from hoptac.core.errors import HoptacError


class PlanError(HoptacError):
    pass


class UnreadableDocument(PlanError):
    """The engine refused the document; the message carries the engine's reason."""


class DuplicatePlan(PlanError):
    """The same document (same file, or same issuer, number and date) is already a plan."""


class ImportNotReady(PlanError):
    """A decision the import needs is missing or names something that does not exist."""


class EmptyTitle(PlanError):
    """A plan or an activity saved with a title of nothing but spaces."""


class TitleTooLong(PlanError):
    """A plan's or an activity's title over TITLE_LIMIT characters."""


class EndBeforeStart(PlanError):
    """An activity whose end date comes before its start date."""


class EditConflict(PlanError):
    """Someone else saved the same row after this edit began."""


class InvalidTransition(PlanError):
    """A status change the workflow does not allow."""


class NotAddressed(PlanError):
    """A cascade step asked of a plan or an activity that is not the user's to carry out."""
