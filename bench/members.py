"""Benchmark of the member import: `.venv/bin/python bench/members.py [ROWS]`.

Migrates a fresh SQLite database in a temporary folder and loads the registry into it (beside reading
the registry's files, the least any load must do). Writes ROWS members (30,000 by default) into an XLSX
file in the same folder and imports it into the Bắc Ninh alliance. Prints seconds and rows per second
beside a baseline measured in the same run (openpyxl reading the same sheet, the least any import must
do), then a re-import of the same file (every row unchanged), then a dry run of a two-row sheet whose
column is formatted down to row 1,048,576 (beside the same sheet unformatted), then the time to resolve
the 50 unit names of a plan with all those members registered (beside one query for the same names'
keys). Wall time, as the database's work is part of it. Exits 1 when a target is missed.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 30_000
TARGET_REGISTRY_S = 5.0
TARGET_IMPORT_S = 60.0
TARGET_FORMATTED_S = 2.0
TARGET_RESOLVE_S = 1.0
KINDS = ("HTX", "HTX", "HTX", "LHHTX", "QTDND", "THT", "DN thành viên")
SECTORS = ("Nông nghiệp", "Dịch vụ tổng hợp", "Thủy sản", "Thương mại")
VILLAGES = (
    "Tam Sơn", "Đình Bảng", "Phù Lãng", "Yên Phong", "Đông Xuân", "Vĩnh Cường", "Mỹ Hòa", "Tân Lập",
    "Kinh Bắc", "Đông Hồ", "Lạc Vệ", "Phật Tích", "Hương Mạc", "Trang Hạ", "Quế Võ", "Gia Bình",
    "Lương Tài", "Thuận Thành", "Tiên Du", "Từ Sơn", "Châu Khê", "Đồng Kỵ", "Phù Khê", "Tương Giang",
    "Vân Hà", "Liên Bão", "Nội Duệ", "Hoàn Sơn", "Việt Đoàn", "Cảnh Hưng",
)  # fmt: skip


def member_name(i: int) -> str:
    return f"Hợp tác xã {SECTORS[i % len(SECTORS)]} {VILLAGES[i % len(VILLAGES)]} {i}"


WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def tax_codes():
    """Valid 10-digit codes in order: nine digits and the check digit they call for."""
    for serial in range(2_300_000_000 // 10, 10**9):
        digits = f"{serial:09d}"
        remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
        if remainder:
            yield digits + str((10 - remainder) % 10)


def workbook_bytes(rows: int) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Thành viên")
    sheet.append(["STT", "Tên", "Loại hình", "Mã số thuế", "Địa chỉ", "Xã/phường", "Ngành nghề/Lĩnh vực",
                  "Người đại diện theo pháp luật", "Điện thoại", "Email"])  # fmt: skip
    codes = tax_codes()
    for i in range(rows):
        sheet.append([
            i + 1, member_name(i), KINDS[i % len(KINDS)], next(codes), f"Thôn {i}, xã Tam Sơn", "Tam Sơn",
            "Nông nghiệp", f"Nguyễn Văn {i}", f"09{i:08d}", f"htx{i}@example.vn",
        ])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def formatted_sheet(*, formatted: bool) -> bytes:
    """A sheet of one member; `formatted`, its tax code column formatted as text down to the last row
    Excel has, which makes the sheet claim a million rows."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [["Tên", "Loại hình", "Mã số thuế"], ["HTX Tam Sơn", "HTX", "0100109106"]]:
        sheet.append(row)
    if formatted:
        sheet.cell(row=1_048_576, column=3).number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def baseline(data: bytes) -> int:
    """Read every cell of the sheet with openpyxl, as the import does, and do nothing with it."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    count = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return count


def seconds(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="hoptac-bench-") as folder:
        # Before Django starts: the settings read the database from the environment once.
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        import django

        django.setup()
        from django.core.management import call_command

        from hoptac.documents.parse.units import unit_key
        from hoptac.orgs.models import Organisation, OrganisationKind
        from hoptac.orgs.registry.specs import registry_specs
        from hoptac.orgs.resolver import resolve_units
        from hoptac.orgs.services.organisations import members_import, registry_load

        # Every app, not orgs alone: migrating writes rows of other apps too (the data generation).
        call_command("migrate", verbosity=0)
        spent, _ = seconds(registry_specs)
        print(f"registry, into a fresh SQLite database:\n  baseline (its files read): {spent:6.2f} s")
        spent, _ = seconds(registry_load)
        failed = spent >= TARGET_REGISTRY_S
        print(
            f"  loaded:                    {spent:6.2f} s"
            f"  target < {TARGET_REGISTRY_S:.0f} s: {'MISSED' if failed else 'ok'}"
        )
        alliance = Organisation.objects.get(
            kind=OrganisationKind.PROVINCIAL_ALLIANCE, province__name="Bắc Ninh", valid_until__isnull=True
        )
        spent, data = seconds(lambda: workbook_bytes(ROWS))
        (Path(folder) / "members.xlsx").write_bytes(data)
        size_mb = len(data) / 1e6
        print(f"{ROWS:,} members written to members.xlsx ({size_mb:.1f} MB) in {spent:.1f} s")

        spent, _ = seconds(lambda: baseline(data))
        print(f"  baseline (openpyxl reads the sheet): {spent:6.2f} s {ROWS / spent:9,.0f} rows/s")

        def run():
            return members_import(
                by=None, data=data, file_name="members.xlsx", alliance=alliance, dry_run=False
            )

        for label in ("import (all new)", "re-import (all unchanged)"):
            spent, report = seconds(run)
            missed = spent >= TARGET_IMPORT_S or report.errors
            failed = failed or bool(missed)
            counts = f"{report.created:,} created, {report.updated:,} updated, {report.unchanged:,} unchanged"
            print(
                f"  {label + ':':36}{spent:6.2f} s {ROWS / spent:9,.0f} rows/s"
                f"  ({counts}; {len(report.errors)} errors)"
                f"  target < {TARGET_IMPORT_S:.0f} s: {'MISSED' if missed else 'ok'}"
            )

        def dry_run(sheet: bytes):
            return members_import(
                by=None, data=sheet, file_name="formatted.xlsx", alliance=alliance, dry_run=True
            )

        plain, formatted = formatted_sheet(formatted=False), formatted_sheet(formatted=True)
        print("a sheet of 2 rows, dry run:")
        spent, _ = seconds(lambda: dry_run(plain))
        print(f"  baseline (column not formatted):        {spent:6.2f} s")
        spent, report = seconds(lambda: dry_run(formatted))
        missed = spent >= TARGET_FORMATTED_S or report.errors
        failed = failed or bool(missed)
        print(
            f"  column formatted down to row 1,048,576: {spent:6.2f} s  ({len(report.errors)} errors)"
            f"  target < {TARGET_FORMATTED_S:.0f} s: {'MISSED' if missed else 'ok'}"
        )

        step = max(1, ROWS // 30)
        names = [member_name(i).replace("Hợp tác xã", "HTX") for i in range(0, ROWS, step)][:30]
        names += ["Văn phòng", "Ban Kế hoạch - Hỗ trợ", "UBND tỉnh Bắc Giang", "LM HTX tỉnh Vĩnh Phúc"]
        # Close matches among the members: the sector left out, or the village mistyped.
        names += [member_name(i).replace("Nông nghiệp ", "") for i in range(60, ROWS, ROWS // 4)][:4]
        names += [member_name(i).replace("Sơn", "Sơnn") for i in range(0, ROWS, len(VILLAGES) * 997)][:4]
        names += [f"Hợp tác xã Không Tên {i}" for i in range(50 - len(names))]
        keys = [unit_key(name) for name in names]
        spent, _ = seconds(lambda: list(Organisation.objects.filter(key__in=keys).values_list("pk")))
        print(
            f"resolving {len(names)} names with {ROWS:,} members registered:\n"
            f"  baseline (one query for their keys): {spent:.3f} s"
        )
        spent, found = seconds(lambda: resolve_units(names, context=alliance))
        missed = spent >= TARGET_RESOLVE_S
        failed = failed or missed
        sure = sum(1 for r in found.values() if r.confidence == 1.0)
        close = sum(1 for r in found.values() if 0 < r.confidence < 1)
        print(
            f"  resolved:                             {spent:.3f} s "
            f"({sure} exact, {close} close, {len(names) - sure - close} none)"
            f"  target < {TARGET_RESOLVE_S:.0f} s: {'MISSED' if missed else 'ok'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
