"""Plans built straight in the database, for tests that need many rows fast."""

from datetime import date

from hoptac.accounts.services import api_token_create
from hoptac.plans.models import Activity, Assignment, AssignmentRole, Plan, PlanStatus, Recipient
from hoptac.plans.search_text import activity_search_text, plan_search_text

_counter = iter(range(1, 10**6))


def make_plan(*, issuer, activities=0, lead=None, recipients=(), title="Kế hoạch thử", **fields) -> Plan:
    sequence = next(_counter)
    plan = Plan(
        issuer=issuer,
        number=f"{sequence}/KH-LMHTX",
        sequence=sequence,
        type_code="KH",
        year=2024,
        issued_on=date(2024, 3, 1),
        title=title,
        status=PlanStatus.ISSUED,
        **fields,
    )
    plan.search_text = plan_search_text(plan)
    plan.save()
    rows = [
        Activity(
            plan=plan,
            position=i,
            number=f"{i + 1}.",
            title=f"Hoạt động {i + 1}",
            starts_on=date(2024, 4, 1),
            ends_on=date(2024, 4, 30),
            time_text="Tháng 4/2024",
            precision="month",
        )
        for i in range(activities)
    ]
    for row in rows:
        row.search_text = activity_search_text(row)
    Activity.objects.bulk_create(rows)
    if lead is not None:
        Assignment.objects.bulk_create(
            Assignment(activity=a, organisation=lead, role=AssignmentRole.LEAD, name_as_written=lead.name)
            for a in rows
        )
    Recipient.objects.bulk_create(Recipient(plan=plan, name=r.name, organisation=r) for r in recipients)
    return plan


def api_caller(client, world):
    """`call(role, method, path, body=None)`: an API request as `world`'s user of that role."""

    def call(role, method, path, body=None):
        _, token = api_token_create(user=world["users"][role])
        headers = {"Authorization": f"Bearer {token}"}
        if body is None:
            return getattr(client, method)(path, headers=headers)
        return getattr(client, method)(path, body, content_type="application/json", headers=headers)

    return call
