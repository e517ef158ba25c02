"""`manage.py run_worker`: django_tasks_db's db_worker, with the same options, that first enqueues a
reminder run and a run pruning unconfirmed uploads (each then keeps its next run waiting).

A worker killed mid-task leaves that task's row RUNNING for ever, and the morning run it would have
enqueued never comes; the run enqueued here catches up on everything since the last finished run. If a
run is pending already, this one finds nothing new to send: deliveries are idempotent.
"""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from hoptac.plans.tasks import prune_unconfirmed_uploads
from hoptac.reminders.tasks import send_due_reminders


class Command(DbWorkerCommand):
    help = "Run the background worker (db_worker), with reminder and pruning runs enqueued at its start."

    def handle(self, *args, **options) -> None:
        # With --reload the command runs twice: in the watching parent and in the child that works.
        if not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            send_due_reminders.enqueue()
            prune_unconfirmed_uploads.enqueue()
        super().handle(*args, **options)
