from django.core.management.base import BaseCommand

from hoptac.plans.services.pruning import UNCONFIRMED_KEPT, uploads_prune


class Command(BaseCommand):
    help = (
        f"Delete uploads never confirmed as plans after {UNCONFIRMED_KEPT.days} days, with their files and "
        "the import batches they leave empty. The worker does it daily; this is for cron. Safe to run again."
    )

    def handle(self, *args, **options):
        summary = uploads_prune()
        self.stdout.write(
            f"pruned: {summary.uploads} uploads, {summary.files} files, {summary.batches} import batches"
        )
