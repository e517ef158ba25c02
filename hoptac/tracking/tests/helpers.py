"""Activities made the way an import makes them: their dates read from the phrase as written."""

from hoptac.documents.parse.timephrase import parse_time
from hoptac.plans.models import Activity, Assignment, AssignmentRole


def activity_at(plan, phrase: str, *, position: int = 0, parent=None, lead=None, year: int = 2024, **fields):
    window = parse_time(phrase, year=year)
    activity = Activity.objects.create(
        plan=plan,
        parent=parent,
        position=position,
        depth=0 if parent is None else parent.depth + 1,
        title=fields.pop("title", phrase),
        time_text=phrase,
        starts_on=window.start if window else None,
        ends_on=window.end if window else None,
        precision=(window.precision or "") if window else "",
        is_tentative=bool(window and window.tentative),
        is_set_by_other=bool(window and window.set_by_other),
        is_deadline=bool(window and window.is_deadline),
        **fields,
    )
    if lead is not None:
        Assignment.objects.create(activity=activity, organisation=lead, role=AssignmentRole.LEAD)
    return activity
