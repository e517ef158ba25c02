import io
import unicodedata
import zipfile
from datetime import date

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from hoptac.orgs.models import MEMBER_KINDS, Organisation, OrganisationKind
from hoptac.orgs.selectors import alliance_named
from hoptac.orgs.services.organisations import members_import, organisation_create
from hoptac.orgs.sheets import MAX_BYTES
from hoptac.orgs.tax_codes import TaxCodeFault, tax_code_clean, tax_code_fault
from hoptac.orgs.tests.conftest import alliance

pytestmark = pytest.mark.django_db

HEADER = [
    "STT",
    "Tên",
    "Loại hình",
    "Mã số thuế",
    "Địa chỉ",
    "Xã/phường",
    "Ngành nghề/Lĩnh vực",
    "Người đại diện theo pháp luật",
    "Điện thoại",
    "Email",
]
ROWS = [
    [1, "HTX Nông nghiệp Tam Sơn", "HTX", "0100109106", "Thôn Tam Sơn", "Tam Sơn", "Nông nghiệp", "Nguyễn Văn An",
     "0912345678", "tamson@example.vn"],
    [2, "Liên hiệp HTX Kinh Bắc", "LHHTX", "0300588569", "Số 1 Lý Thái Tổ", "Kinh Bắc", "Thương mại", "Trần Thị Bình",
     "0222 3822 123", ""],
    [3, "Quỹ tín dụng nhân dân Đình Bảng", "QTDND", "2300100016", "", "Đình Bảng", "Tín dụng", "Lê Văn Cường", "", ""],
    [4, "Tổ hợp tác Rau sạch Yên Phong", "THT", "", "", "Yên Phong", "Rau", "", "", ""],
    [5, "Công ty TNHH Mây tre Phù Lãng", "DN thành viên", "0100109106-001", "", "Phù Lãng", "Thủ công", "", "", ""],
]  # fmt: skip


def xlsx(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH THÀNH VIÊN LIÊN MINH HTX TỈNH BẮC NINH"])  # a title above the header
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(rows, header=HEADER, delimiter=",") -> str:
    lines = [header, *rows]
    return "\n".join(delimiter.join(f'"{cell}"' for cell in line) for line in lines) + "\n"


def to_cp1258(text: str) -> bytes:
    """`text` as Windows-1258 writes it: letters with their vowel marks (â, ê, ơ...), tones combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in text:
        base, *marks = unicodedata.normalize("NFD", char)
        out.append(unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones)))
        out.extend(m for m in marks if m in tones)
    return "".join(out).encode("cp1258")


def run(data: bytes, *, file_name="thanh-vien.xlsx", dry_run=False, place="Bắc Ninh"):
    return members_import(by=None, data=data, file_name=file_name, alliance=alliance(place), dry_run=dry_run)


def members_of(place: str):
    return Organisation.objects.filter(parent=alliance(place), kind__in=MEMBER_KINDS)


@pytest.mark.parametrize(
    ("code", "fault"),
    [
        ("0100109106", None),  # Viettel
        ("0300588569", None),  # Vinamilk
        ("2300100016", None),
        ("0100109106-001", None),  # a branch
        ("0100109107", TaxCodeFault.CHECK_DIGIT),
        ("0300588560", TaxCodeFault.CHECK_DIGIT),
        ("0000000000", TaxCodeFault.CHECK_DIGIT),  # the weighted sum is 0 mod 11: no digit can check it
        ("010010910", TaxCodeFault.SHAPE),
        ("0100109106-000", TaxCodeFault.SHAPE),
        ("0100109106-01", TaxCodeFault.SHAPE),
        ("01001091O6", TaxCodeFault.SHAPE),
    ],
)
def test_the_tax_code_check_digit(code, fault):
    assert tax_code_fault(tax_code_clean(code)) is fault


def test_an_xlsx_list_creates_the_members_with_their_details(registry):
    report = run(xlsx(ROWS))
    assert (report.errors, report.rows, report.created, report.updated, report.unchanged) == ([], 5, 5, 0, 0)
    bac_ninh = alliance("Bắc Ninh")
    members = {m.name: m for m in members_of("Bắc Ninh")}
    assert {name: m.kind for name, m in members.items()} == {
        "HTX Nông nghiệp Tam Sơn": OrganisationKind.COOPERATIVE,
        "Liên hiệp HTX Kinh Bắc": OrganisationKind.COOPERATIVE_UNION,
        "Quỹ tín dụng nhân dân Đình Bảng": OrganisationKind.CREDIT_FUND,
        "Tổ hợp tác Rau sạch Yên Phong": OrganisationKind.COOPERATIVE_GROUP,
        "Công ty TNHH Mây tre Phù Lãng": OrganisationKind.MEMBER_ENTERPRISE,
    }
    tam_son = members["HTX Nông nghiệp Tam Sơn"]
    assert (tam_son.tax_code, tam_son.address, tam_son.commune, tam_son.sector) == (
        "0100109106",
        "Thôn Tam Sơn",
        "Tam Sơn",
        "Nông nghiệp",
    )
    assert (tam_son.legal_representative, tam_son.phone, tam_son.email) == (
        "Nguyễn Văn An",
        "0912345678",
        "tamson@example.vn",
    )
    assert (tam_son.parent, tam_son.province, tam_son.key) == (
        bac_ninh,
        bac_ninh.province,
        "hop tac xa nong nghiep tam son",
    )
    assert members["Tổ hợp tác Rau sạch Yên Phong"].tax_code is None
    assert members["Công ty TNHH Mây tre Phù Lãng"].tax_code == "0100109106-001"


def test_a_second_import_is_idempotent_and_updates_what_changed(registry):
    run(xlsx(ROWS))
    again = run(xlsx(ROWS))
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 5, [])
    changed = [row[:] for row in ROWS]
    changed[0][8] = "0987654321"
    changed[3][6] = "Rau an toàn"  # the THT without a tax code is found by its name
    changed.append([6, "HTX Dịch vụ Đông Xuân", "HTX", "0300588569-002", "", "", "", "", "", ""])
    third = run(xlsx(changed))
    assert (third.created, third.updated, third.unchanged, third.errors) == (1, 2, 3, [])
    assert Organisation.objects.get(tax_code="0100109106").phone == "0987654321"
    assert Organisation.objects.get(name="Tổ hợp tác Rau sạch Yên Phong").sector == "Rau an toàn"
    assert members_of("Bắc Ninh").count() == 6


def test_a_column_missing_from_the_file_leaves_that_field_alone(registry):
    run(xlsx(ROWS))
    header = ["Tên", "Mã số thuế", "Loại hình"]
    report = run(xlsx([["HTX Nông nghiệp Tam Sơn", "0100109106", "HTX"]], header=header))
    assert (report.unchanged, report.updated) == (1, 0)
    assert Organisation.objects.get(tax_code="0100109106").email == "tamson@example.vn"


def test_headers_are_found_without_diacritics_in_any_order_with_variants(registry):
    header = ["ma so thue (MST)", "TEN HTX", "Loai hinh", "SĐT", "E-mail", "Xã, phường", "Lĩnh vực hoạt động"]
    row = ["0100109106", "HTX Tam Sơn", "Hợp tác xã", "0912 345 678", "a@b.vn", "Tam Sơn", "Nông nghiệp"]
    report = run(xlsx([row], header=header))
    assert report.errors == []
    tam_son = Organisation.objects.get(tax_code="0100109106")
    assert (tam_son.name, tam_son.phone, tam_son.email, tam_son.commune, tam_son.sector) == (
        "HTX Tam Sơn",
        "0912 345 678",
        "a@b.vn",
        "Tam Sơn",
        "Nông nghiệp",
    )


def test_a_kind_left_empty_is_read_from_the_name(registry):
    report = run(
        xlsx(
            [["HTX Tam Sơn", "0100109106", ""], ["Quỹ TDND Lim", "0300588569", ""]],
            header=["Tên", "MST", "Loại"],
        )
    )
    assert report.errors == []
    kinds = set(members_of("Bắc Ninh").values_list("kind", flat=True))
    assert kinds == {OrganisationKind.COOPERATIVE, OrganisationKind.CREDIT_FUND}


def test_a_tax_code_typed_into_a_number_cell_gets_its_leading_zero_back(registry):
    report = run(
        xlsx(
            [["HTX Tam Sơn", 100109106, "HTX", 912345678]],
            header=["Tên", "Mã số thuế", "Loại hình", "Điện thoại"],
        )
    )
    assert report.errors == []
    assert Organisation.objects.get(tax_code="0100109106").phone == "0912345678"


def test_a_csv_in_utf8_with_a_bom(registry):
    report = run(("\ufeff" + csv_text(ROWS)).encode("utf-8"), file_name="thanh-vien.csv")
    assert (report.errors, report.created) == ([], 5)
    assert Organisation.objects.get(tax_code="2300100016").name == "Quỹ tín dụng nhân dân Đình Bảng"


def test_a_csv_with_semicolons_in_utf8_without_a_bom(registry):
    report = run(csv_text(ROWS, delimiter=";").encode("utf-8"), file_name="thanh-vien.csv")
    assert (report.errors, report.created) == ([], 5)


def test_a_csv_in_windows_1258_is_read_and_stored_in_nfc(registry):
    data = to_cp1258(csv_text(ROWS))
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    report = run(data, file_name="thanh-vien.csv")
    assert (report.errors, report.created) == ([], 5)
    name = Organisation.objects.get(tax_code="2300100016").name
    assert name == "Quỹ tín dụng nhân dân Đình Bảng"
    assert unicodedata.is_normalized("NFC", name)


def test_row_errors_name_their_rows_and_nothing_is_saved(registry):
    rows = [
        ["HTX Một", "HTX", "0100109107"],  # row 4: check digit
        ["HTX Hai", "HTX", "12345"],  # row 5: shape
        ["", "HTX", "0300588569"],  # row 6: no name
        ["HTX Bốn", "Hội", "2300100016"],  # row 7: not a kind of member
        ["HTX Năm", "HTX", ""],  # row 8: an HTX needs a tax code
        ["HTX Sáu", "HTX", "0100109106"],
        ["HTX Sáu bis", "HTX", "0100109106"],  # row 10: the same tax code as row 9
        ["Tổ hợp tác Mười", "THT", ""],
    ]
    header = ["Tên", "Loại hình", "Mã số thuế"]
    before = Organisation.objects.count()
    real = run(xlsx(rows, header=header))
    dry = run(xlsx(rows, header=header), dry_run=True)
    assert (
        real.errors
        == dry.errors
        == [
            "Row 4: tax code 0100109107 fails its check digit.",
            "Row 5: tax code 12345 must be 10 digits, or 10 digits, a hyphen and 3 digits for a branch.",
            "Row 6: the name is empty.",
            "Row 7: Hội is not a kind of member; write HTX, LHHTX, QTDND, THT or DN.",
            "Row 8: the tax code is empty; only a cooperative group (THT) may have none.",
            "Row 10: tax code 0100109106 is already on row 9.",
        ]
    )
    assert (real.created, real.updated, real.unchanged) == (0, 0, 0)
    assert Organisation.objects.count() == before


def test_numbered_empty_rows_of_a_template_are_skipped(registry):
    rows = [[1, "HTX Tam Sơn", "HTX", "0100109106"], [2, "", "", ""], [3, None, None, None]]
    report = run(xlsx(rows, header=["STT", "Tên", "Loại hình", "Mã số thuế"]))
    assert (report.errors, report.rows, report.created) == ([], 1, 1)


def test_formulas_and_bad_emails_are_row_errors(registry):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Tên", "Loại hình", "Mã số thuế", "Email"])
    sheet.append(["HTX Một", "HTX", '=CONCAT("0100","109106")', ""])
    sheet.append(["HTX Hai", "HTX", "0300588569", "hai@"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = run(buffer.getvalue())
    assert report.errors == [
        "Row 2: the Mã số thuế cell holds a formula; copy the sheet and paste it as values only.",
        "Row 3: hai@ is not an e-mail address.",
    ]
    assert not Organisation.objects.filter(tax_code="0300588569").exists()


def test_a_tax_code_of_another_alliances_member_is_an_error(registry):
    organisation_create(
        by=None,
        kind=OrganisationKind.COOPERATIVE,
        name="HTX Mỹ Hòa",
        parent=alliance("An Giang"),
        tax_code="0100109106",
    )
    report = run(xlsx(ROWS[:2]))
    assert report.errors == [
        "Row 4: tax code 0100109106 belongs to HTX Mỹ Hòa, which is not a member of "
        "Liên minh Hợp tác xã tỉnh Bắc Ninh."
    ]
    assert not Organisation.objects.filter(tax_code="0300588569").exists()


def test_a_dry_run_counts_and_saves_nothing(registry):
    report = run(xlsx(ROWS), dry_run=True)
    assert (report.errors, report.created, report.dry_run) == ([], 5, True)
    assert not Organisation.objects.filter(tax_code="0100109106").exists()


def test_members_go_to_a_current_alliance_only(registry):
    report = run(xlsx(ROWS), place="Yên Bái")
    assert report.errors == [
        "Liên minh Hợp tác xã tỉnh Yên Bái ended on 30/06/2025: import its members into "
        "Liên minh Hợp tác xã tỉnh Lào Cai."
    ]
    office = Organisation.objects.get(name="Văn phòng Liên minh Hợp tác xã tỉnh Bắc Ninh")
    refused = members_import(by=None, data=xlsx(ROWS), file_name="x.xlsx", alliance=office, dry_run=False)
    assert refused.errors[0].startswith("Văn phòng Liên minh Hợp tác xã tỉnh Bắc Ninh is not an alliance")


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "file_name", "message"),
    [
        (b"", "empty.xlsx", "empty.xlsx is empty."),
        (b"x" * (MAX_BYTES + 1), "big.csv", "big.csv is 10.0 MB, over the 10.0 MB limit: split the list into smaller files."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.xls", "old.xls is an old Excel .xls file"),
        (b"PK\x03\x04 not really a zip", "broken.xlsx", "broken.xlsx cannot be opened as an Excel workbook"),
        (zipped({"word/document.xml": b"<w/>"}), "letter.xlsx", "letter.xlsx is a ZIP package but not an Excel workbook"),
        (zipped({"xl/workbook.xml": b"<workbook/>", "xl/sheet.xml": b"0" * 3_000_000}), "bomb.xlsx", "bomb.xlsx is refused"),
        (zipped({"xl/workbook.xml": b"<not xml"}), "bad.xlsx", "bad.xlsx cannot be opened as an Excel workbook"),
        (bytes(range(256)) * 8, "random.csv", "random.csv is neither an Excel workbook nor a readable CSV file"),
        ("Họ và tên,Ngày sinh\nAn,1990\n".encode(), "people.csv", "people.csv has no header row"),
        (csv_text([], header=["Tên", "Loại hình", "Mã số thuế"]).encode(), "header.csv", "header.csv has a header row but no members"),
        (csv_text([["HTX A", "HTX"]], header=["Tên", "Loại hình"]).encode(), "nocode.csv", "nocode.csv has no Mã số thuế column"),
        (csv_text([["A", "B"]], header=["Tên", "Tên"]).encode(), "twice.csv", "twice.csv has two Tên columns: keep one."),
    ],
)  # fmt: skip
def test_a_bad_file_gets_one_clear_message_and_saves_nothing(registry, data, file_name, message):
    before = Organisation.objects.count()
    report = run(data, file_name=file_name)
    assert len(report.errors) == 1
    assert report.errors[0].startswith(message)
    assert Organisation.objects.count() == before


def test_a_sheet_over_the_row_limit_is_refused(registry, monkeypatch):
    monkeypatch.setattr("hoptac.orgs.sheets.MAX_ROWS", 100)
    rows = [[f"Tổ hợp tác Số {i}", "THT", ""] for i in range(101)]
    report = run(xlsx(rows, header=["Tên", "Loại hình", "Mã số thuế"]), file_name="dai.xlsx")
    assert report.errors == ["dai.xlsx has more than 100 rows: split the list into smaller files."]


def test_a_sheet_formatted_down_to_its_last_row_reads_its_rows(registry):
    # How fast: bench/members.py.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [["Tên", "Loại hình", "Mã số thuế"], ["HTX Tam Sơn", "HTX", "0100109106"]]:
        sheet.append(row)
    sheet.cell(row=1_048_576, column=3).number_format = "@"  # the whole column formatted as text
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = run(buffer.getvalue())
    assert (report.errors, report.created) == ([], 1)


def test_import_members_command_prints_the_report(registry, tmp_path, capsys):
    path = tmp_path / "thanh-vien.xlsx"
    path.write_bytes(xlsx(ROWS))
    call_command("import_members", str(path), "--alliance", "LMHTX tỉnh Bắc Ninh", "--dry-run")
    assert capsys.readouterr().out == (
        "thanh-vien.xlsx into Liên minh Hợp tác xã tỉnh Bắc Ninh: 5 rows read; 5 created, 0 updated, "
        "0 unchanged; dry run, nothing saved\n"
    )
    call_command("import_members", str(path), "--alliance", "Liên minh HTX tỉnh Bắc Ninh")
    assert "5 created" in capsys.readouterr().out
    assert Organisation.objects.filter(tax_code="0100109106").exists()


def test_import_members_command_fails_on_errors_and_unknown_alliances(registry, tmp_path, capsys):
    path = tmp_path / "loi.csv"
    path.write_text(csv_text([["HTX Một", "HTX", "0100109107"]], header=["Tên", "Loại hình", "Mã số thuế"]))
    with pytest.raises(CommandError, match=r"^1 error: nothing was saved\.$"):
        call_command("import_members", str(path), "--alliance", "Liên minh HTX tỉnh Bắc Ninh")
    assert "Row 2: tax code 0100109107 fails its check digit." in capsys.readouterr().err
    with pytest.raises(CommandError, match="No alliance is named"):
        call_command("import_members", str(path), "--alliance", "Liên minh HTX tỉnh Atlantis")


def test_the_command_finds_the_alliance_by_name_alias_or_key_current_first(registry):
    current = alliance("Bắc Ninh")
    Organisation.objects.create(
        kind=OrganisationKind.PROVINCIAL_ALLIANCE,
        name=current.name,
        key=current.key,
        valid_until=date(2000, 1, 1),
    )
    assert alliance_named("LM HTX tỉnh Bắc Ninh") == current
    assert alliance_named("lien minh hop tac xa tinh bac ninh") == current
    assert alliance_named("Liên minh HTX Thừa Thiên Huế") == alliance("Huế")
    assert alliance_named("Liên minh HTX tỉnh Yên Bái") == alliance("Yên Bái")
    assert alliance_named("Văn phòng Liên minh HTX tỉnh Bắc Ninh") is None
