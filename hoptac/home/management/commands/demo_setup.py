from django.core.management.base import BaseCommand

from hoptac.home.services.demo import DEMO_PASSWORD, demo_setup


class Command(BaseCommand):
    help = "Load the registry, create one demo user per role and import the seed documents (idempotent)."

    def handle(self, *args, **options):
        report = demo_setup()
        self.stdout.write(f"Imported {len(report.imported)} documents, {len(report.skipped)} already there.")
        self.stdout.write(f"Demo users (password for all: {DEMO_PASSWORD}):")
        for account in report.accounts:
            where = account.organisation.name if account.organisation else "-"
            self.stdout.write(f"  {account.username:<16} {account.role:<22} {where}")
