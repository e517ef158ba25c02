"""What a tracking sheet's dry run or confirmed import found: each row's outcome, the changes it
makes, and the check as a whole, which the page shows and the confirm token carries.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy

from hoptac.tracking.services.progress import ProgressReport


class Outcome(models.TextChoices):
    CHANGE = "change", gettext_lazy("to be changed")
    UNCHANGED = "unchanged", gettext_lazy("no change")
    ERROR = "error", gettext_lazy("error")
    CONFLICT = "conflict", gettext_lazy("changed in the system since the export: not applied")
    NOT_YOURS = "not_yours", gettext_lazy("not yours to report on: not applied")
    REMOVED = "removed", gettext_lazy("no longer in the plan: not applied")


SKIPPED = (Outcome.CONFLICT, Outcome.NOT_YOURS, Outcome.REMOVED)


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class RowOutcome:
    row: int
    activity: str
    outcome: str
    messages: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def outcome_label(self) -> str:
        return str(Outcome(self.outcome).label)


@dataclass
class SheetCheck:
    """What importing a sheet would do (a dry run), or did. Any error means nothing was saved."""

    file_name: str
    applied: bool = False
    errors: list[str] = field(default_factory=list)  # about the file, or the import, as a whole
    rows: list[RowOutcome] = field(default_factory=list)
    untouched: int = 0
    token: str = ""

    def _of(self, *outcomes: str) -> list[RowOutcome]:
        return [r for r in self.rows if r.outcome in outcomes]

    @property
    def changed(self) -> list[RowOutcome]:
        return self._of(Outcome.CHANGE)

    @property
    def row_errors(self) -> list[RowOutcome]:
        return self._of(Outcome.ERROR)

    @property
    def skipped(self) -> list[RowOutcome]:
        return self._of(*SKIPPED)

    @property
    def unchanged(self) -> int:
        return self.untouched + len(self._of(Outcome.UNCHANGED))

    @property
    def can_confirm(self) -> bool:
        return not self.applied and not self.errors and not self.row_errors and bool(self.changed)

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, facts: dict) -> SheetCheck:
        rows = [
            RowOutcome(**{**r, "changes": [Change(**c) for c in r["changes"]]}) for r in facts.pop("rows")
        ]
        return cls(**facts, rows=rows)


@dataclass
class PendingRow:
    row: int
    activity_id: int
    version: int
    report: ProgressReport
