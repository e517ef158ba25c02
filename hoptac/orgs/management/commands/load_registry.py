import time

from django.core.management.base import BaseCommand

from hoptac.orgs.services.organisations import registry_load


class Command(BaseCommand):
    help = "Create or update the organisation registry shipped in hoptac/orgs/registry/. Safe to run again."

    def handle(self, *args, **options):
        started = time.perf_counter()
        counts = registry_load()
        for table, count in counts.items():
            self.stdout.write(
                f"{table}: {count.created} created, {count.updated} updated, {count.unchanged} unchanged"
            )
        self.stdout.write(f"registry loaded in {time.perf_counter() - started:.2f} s")
