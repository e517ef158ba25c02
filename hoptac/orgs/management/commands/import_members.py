from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from hoptac.orgs.selectors import alliance_named
from hoptac.orgs.services.organisations import members_import


class Command(BaseCommand):
    help = "Import an alliance's members from an XLSX or CSV file (Tên, Loại hình, Mã số thuế, ...)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--alliance", required=True, help='its name or key, e.g. "Liên minh HTX tỉnh Bắc Ninh"'
        )
        parser.add_argument("--dry-run", action="store_true", help="check the file and count, save nothing")

    def handle(self, *args, file: Path, alliance: str, dry_run: bool, **options):
        with translation.override("en"):
            unit = alliance_named(alliance)
            if unit is None:
                raise CommandError(
                    f"No alliance is named {alliance!r}: give its name as the registry has it."
                )
            try:
                data = file.read_bytes()
            except OSError as error:
                raise CommandError(f"{file}: {error.strerror}") from error
            report = members_import(by=None, data=data, file_name=file.name, alliance=unit, dry_run=dry_run)
        self.stdout.write(
            f"{file.name} into {unit.name}: {report.rows} rows read; {report.created} created, "
            f"{report.updated} updated, {report.unchanged} unchanged"
            + ("; dry run, nothing saved" if dry_run else "")
        )
        for message in report.errors:
            self.stderr.write(message)
        if report.errors:
            count = len(report.errors)
            raise CommandError(f"{count} error{'s' if count > 1 else ''}: nothing was saved.")
