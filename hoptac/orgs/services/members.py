"""A provincial alliance's member list, imported from a spreadsheet: read, checked row by row, compared
with the members already registered (by tax code), and only then saved, all or nothing.

The columns are found by their Vietnamese headers, in any order and with or without diacritics:
Tên, Loại hình, Mã số thuế, Địa chỉ, Xã/phường, Ngành nghề/Lĩnh vực, Người đại diện theo pháp luật,
Điện thoại, Email. Only Tên and Mã số thuế are required; a cooperative group (THT) may have no tax code
and is then known by its name. A column left out of the file leaves that field of existing members as
it is; a column in the file is the truth, blank cells included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoptac.core.text import nfc, squash_spaces
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.errors import MemberFileError
from hoptac.orgs.member_columns import (
    CONTACT_COLUMNS,
    HEADER_OF,
    LABELS,
    REQUIRED,
    header_text,
    kind_from_name,
    kind_written,
)
from hoptac.orgs.models import ALLIANCE_KINDS, MEMBER_KINDS, Organisation, OrganisationKind
from hoptac.orgs.sheets import Cell, Formula, sheet_rows
from hoptac.orgs.tax_codes import TaxCodeFault, tax_code_clean, tax_code_fault

HEADER_ROWS = 10  # the header is one of the first rows that hold anything
BATCH = 1_000
LOOKUP_BATCH = 2_000  # tax codes per query: well under every database's parameter limit

FILE_NO_HEADER = _(
    "%(file)s has no header row: one of its first %(rows)d rows must name the columns, at least %(columns)s."
)
FILE_MISSING_COLUMN = _("%(file)s has no %(column)s column: add it to the header row.")
FILE_SAME_COLUMN = _("%(file)s has two %(column)s columns: keep one.")
FILE_NO_MEMBERS = _("%(file)s has a header row but no members under it.")
NOT_AN_ALLIANCE = _(
    "%(unit)s is not an alliance: members are imported into a provincial or the national alliance."
)
ALLIANCE_ENDED = _("%(unit)s ended on %(date)s: import its members into %(successor)s.")
ROW_FORMULA = _(
    "Row %(row)d: the %(column)s cell holds a formula; copy the sheet and paste it as values only."
)
ROW_NO_NAME = _("Row %(row)d: the name is empty.")
ROW_BAD_KIND = _("Row %(row)d: %(kind)s is not a kind of member; write HTX, LHHTX, QTDND, THT or DN.")
ROW_NO_KIND = _(
    "Row %(row)d: the kind is empty and the name does not tell it; write HTX, LHHTX, QTDND, THT or DN."
)
ROW_NO_TAX_CODE = _("Row %(row)d: the tax code is empty; only a cooperative group (THT) may have none.")
ROW_TAX_CODE_SHAPE = _(
    "Row %(row)d: tax code %(code)s must be 10 digits, or 10 digits, a hyphen and 3 digits for a branch."
)
ROW_TAX_CODE_CHECK = _("Row %(row)d: tax code %(code)s fails its check digit.")
ROW_SAME_TAX_CODE = _("Row %(row)d: tax code %(code)s is already on row %(first)d.")
ROW_SAME_NAME = _("Row %(row)d: %(name)s, without a tax code, is already on row %(first)d.")
ROW_TAX_CODE_TAKEN = _(
    "Row %(row)d: tax code %(code)s belongs to %(owner)s, which is not a member of %(alliance)s."
)
ROW_BAD_EMAIL = _("Row %(row)d: %(email)s is not an e-mail address.")
ROW_TOO_LONG = _("Row %(row)d: %(column)s is longer than %(limit)d characters.")


@dataclass
class MemberImportReport:
    """What an import did, or would do in a dry run. Any error means nothing was saved."""

    file_name: str
    dry_run: bool
    rows: int = 0  # member rows read under the header
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    def add_error(self, message: str) -> None:
        self.errors.append(str(message))


@dataclass(frozen=True)
class MemberRow:
    number: int
    name: str
    kind: str
    tax_code: str | None
    contacts: dict[str, str]  # only the columns the file has

    @property
    def key(self) -> str:
        return unit_key(self.name)


@dataclass
class MemberChanges:
    new: list[Organisation] = field(default_factory=list)
    changed: list[Organisation] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)


def members_read(
    *, data: bytes, file_name: str, alliance: Organisation, dry_run: bool
) -> tuple[MemberImportReport, MemberChanges]:
    """Read and check the file, and work out what saving it would change. Writes nothing."""
    report = MemberImportReport(file_name=file_name, dry_run=dry_run)
    changes = MemberChanges()
    if not _alliance_accepts(alliance, report):
        return report, changes
    try:
        rows, columns = _rows(data, file_name, report)
    except MemberFileError as error:  # the file is refused as a whole: its rows' errors no longer matter
        report.errors = [str(error)]
        return report, changes
    if not report.errors:
        _compare(rows, columns, alliance, report, changes)
    if report.errors:
        report.created = report.updated = report.unchanged = 0
    return report, changes


def members_save(changes: MemberChanges) -> None:
    Organisation.objects.bulk_create(changes.new, batch_size=BATCH)
    if changes.changed:
        Organisation.objects.bulk_update(changes.changed, [*changes.fields, "updated_at"], batch_size=BATCH)


def _alliance_accepts(alliance: Organisation, report: MemberImportReport) -> bool:
    if alliance.kind not in ALLIANCE_KINDS:
        report.add_error(NOT_AN_ALLIANCE % {"unit": alliance.name})
    elif alliance.valid_until is not None:
        successor = alliance.successor.name if alliance.successor_id else "—"
        facts = {
            "unit": alliance.name,
            "date": alliance.valid_until.strftime("%d/%m/%Y"),
            "successor": successor,
        }
        report.add_error(ALLIANCE_ENDED % facts)
    return not report.errors


def _rows(data: bytes, file_name: str, report: MemberImportReport) -> tuple[list[MemberRow], list[str]]:
    """The file's valid member rows and the columns it has; row errors go to `report`."""
    lines = sheet_rows(data, file_name)
    header = None
    for _row in range(HEADER_ROWS):
        number, cells = next(lines, (0, None))
        if cells is None:
            break
        header = _header(cells, file_name)
        if header is not None:
            break
    if header is None:
        columns = ", ".join(LABELS[c] for c in REQUIRED)
        raise MemberFileError(FILE_NO_HEADER % {"file": file_name, "rows": HEADER_ROWS, "columns": columns})
    for column in REQUIRED:
        if column not in header.values():
            raise MemberFileError(FILE_MISSING_COLUMN % {"file": file_name, "column": LABELS[column]})
    rows: list[MemberRow] = []
    first_of: dict[tuple[str, str], int] = {}
    for number, cells in lines:
        mapped = {column: cells[i] for i, column in header.items() if i < len(cells)}
        if all(not isinstance(v, Formula) and not _text(v) for v in mapped.values()):
            continue  # a template's numbered but empty row ("STT" filled in, nothing else)
        report.rows += 1
        row = _member_row(number, mapped, report)
        if row is None:
            continue
        ident = ("code", row.tax_code) if row.tax_code else ("name", row.key)
        if ident in first_of:
            message = ROW_SAME_TAX_CODE if row.tax_code else ROW_SAME_NAME
            facts = {"row": number, "code": row.tax_code, "name": row.name, "first": first_of[ident]}
            report.add_error(message % facts)
            continue
        first_of[ident] = number
        rows.append(row)
    if not rows and not report.errors:
        raise MemberFileError(FILE_NO_MEMBERS % {"file": file_name})
    return rows, [c for c in header.values() if c in CONTACT_COLUMNS]


def _header(cells: list[Cell], file_name: str) -> dict[int, str] | None:
    """Column index → field, if `cells` is the header row (it names the member's name and more)."""
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        column = HEADER_OF.get(header_text(cell))
        if column is None:
            continue
        if column in found.values():
            raise MemberFileError(FILE_SAME_COLUMN % {"file": file_name, "column": LABELS[column]})
        found[index] = column
    return found if "name" in found.values() and len(found) >= 2 else None


def _member_row(number: int, cells: dict[str, Cell], report: MemberImportReport) -> MemberRow | None:
    errors_before = len(report.errors)
    for column, cell in cells.items():
        if isinstance(cell, Formula):
            report.add_error(ROW_FORMULA % {"row": number, "column": LABELS[column]})
    if len(report.errors) > errors_before:
        return None
    name = _text(cells.get("name"))
    kind = _kind(number, _text(cells.get("kind")), name, report)
    tax_code = _tax_code(number, cells.get("tax_code"), kind, report)
    contacts = {column: _contact(column, cells.get(column)) for column in CONTACT_COLUMNS if column in cells}
    if not name:
        report.add_error(ROW_NO_NAME % {"row": number})
    for column, value in [("name", name), *contacts.items()]:
        limit = Organisation._meta.get_field(column).max_length
        if len(value) > limit:
            report.add_error(ROW_TOO_LONG % {"row": number, "column": LABELS[column], "limit": limit})
    if contacts.get("email"):
        try:
            validate_email(contacts["email"])
        except ValidationError:
            report.add_error(ROW_BAD_EMAIL % {"row": number, "email": contacts["email"]})
    if len(report.errors) > errors_before or kind is None:
        return None
    return MemberRow(number=number, name=name, kind=kind, tax_code=tax_code, contacts=contacts)


def _kind(number: int, written: str, name: str, report: MemberImportReport) -> str | None:
    if written:
        kind = kind_written(written)
        if kind is None:
            report.add_error(ROW_BAD_KIND % {"row": number, "kind": written})
        return kind
    kind = kind_from_name(name)
    if kind is None and name:
        report.add_error(ROW_NO_KIND % {"row": number})
    return kind


def _tax_code(number: int, cell: Cell, kind: str | None, report: MemberImportReport) -> str | None:
    if isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer():
        # A code typed into a number cell loses its leading zero: 100109106 was 0100109106.
        code = str(int(cell)).zfill(10)
    else:
        code = tax_code_clean(_text(cell))
    if not code:
        if kind not in (None, OrganisationKind.COOPERATIVE_GROUP):
            report.add_error(ROW_NO_TAX_CODE % {"row": number})
        return None
    fault = tax_code_fault(code)
    if fault is TaxCodeFault.SHAPE:
        report.add_error(ROW_TAX_CODE_SHAPE % {"row": number, "code": code})
    elif fault is TaxCodeFault.CHECK_DIGIT:
        report.add_error(ROW_TAX_CODE_CHECK % {"row": number, "code": code})
    return code


def _contact(column: str, cell: Cell) -> str:
    if column == "phone" and isinstance(cell, int | float) and not isinstance(cell, bool):
        digits = str(int(cell))
        return "0" + digits if len(digits) == 9 else digits  # a number cell drops the leading 0 too
    return _text(cell)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return squash_spaces(nfc(str(cell)))


def _compare(
    rows: list[MemberRow],
    columns: list[str],
    alliance: Organisation,
    report: MemberImportReport,
    changes: MemberChanges,
) -> None:
    """Match each row to a registered member (by tax code, else a THT by name) and sort it into new,
    changed and unchanged; a tax code held outside this alliance's members is an error."""
    holders = _holders(r.tax_code for r in rows if r.tax_code)
    nameless = {
        o.key: o
        for o in Organisation.objects.filter(parent=alliance, kind__in=MEMBER_KINDS, tax_code__isnull=True)
    }
    changes.fields = ["name", "key", "kind", "tax_code", "province", *columns]
    now = timezone.now()
    for row in rows:
        existing = holders.get(row.tax_code) if row.tax_code else None
        if existing is not None and (existing.parent_id != alliance.pk or existing.kind not in MEMBER_KINDS):
            facts = {
                "row": row.number,
                "code": row.tax_code,
                "owner": existing.name,
                "alliance": alliance.name,
            }
            report.add_error(ROW_TAX_CODE_TAKEN % facts)
            continue
        if existing is None:
            existing = nameless.pop(row.key, None)
        wanted = {
            "name": row.name,
            "key": row.key,
            "kind": row.kind,
            "tax_code": row.tax_code,
            "province_id": alliance.province_id,
            **row.contacts,
        }
        if existing is None:
            changes.new.append(Organisation(parent=alliance, **wanted))
            report.created += 1
        elif any(getattr(existing, f) != v for f, v in wanted.items()):
            for f, v in wanted.items():
                setattr(existing, f, v)
            existing.updated_at = now
            changes.changed.append(existing)
            report.updated += 1
        else:
            report.unchanged += 1


def _holders(codes: Iterable[str]) -> dict[str, Organisation]:
    codes = list(codes)
    holders: dict[str, Organisation] = {}
    for start in range(0, len(codes), LOOKUP_BATCH):
        batch = codes[start : start + LOOKUP_BATCH]
        holders.update((o.tax_code, o) for o in Organisation.objects.filter(tax_code__in=batch))
    return holders
