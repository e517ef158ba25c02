from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from hoptac.reminders.services.scheduler import (
    RunSummary,
    next_morning,
    next_run_id,
    next_run_record,
    reminders_run,
)


@task()  # django_tasks (the backport) on Django 5.2; django.tasks from 6.0
def send_due_reminders() -> dict:
    """Send the reminders due up to today, then make sure a run is pending for the next morning.
    Safe to run twice, and at the same time as another run (hoptac/reminders/services/scheduler.py)."""
    summary = RunSummary()
    try:
        summary = reminders_run()
    finally:
        # Even when the run failed: a broken chain would stop reminders until the worker restarts.
        _schedule_next(summary)
    return summary.as_dict()


def _schedule_next(summary: RunSummary) -> None:
    backend = send_due_reminders.get_backend()
    if not (backend.supports_defer and backend.supports_get_result):
        return  # the tests' immediate backend: nothing runs later
    if summary.retry_at is not None:
        send_due_reminders.using(run_after=summary.retry_at).enqueue()
    pending = next_run_id()
    if pending:
        try:
            if send_due_reminders.get_result(pending).status == TaskResultStatus.READY:
                return
        except TaskResultDoesNotExist:
            pass
    result = send_due_reminders.using(run_after=next_morning(timezone.now())).enqueue()
    next_run_record(result.id)
