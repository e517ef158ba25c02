"""Loads bench/web.py's data into the database DATABASE_URL names; prints a session key and a plan id.

34 current provincial alliances (from the registry) x 20 plans x 30 activities, each activity led by
one of the alliance's departments and coordinated by another; 30,000 member cooperatives spread over
the alliances. A staff user of the first alliance is logged in; the plan id is one of its plans.
"""

import os
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

import django

django.setup()

from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from hoptac.accounts.models import User, UserRole  # noqa: E402
from hoptac.core.text import search_form  # noqa: E402
from hoptac.documents.parse.units import unit_key  # noqa: E402
from hoptac.orgs.models import Organisation, OrganisationKind  # noqa: E402
from hoptac.orgs.services.organisations import registry_load  # noqa: E402
from hoptac.plans.models import Activity, Assignment, AssignmentRole, Plan, PlanStatus  # noqa: E402

PLANS, ACTIVITIES, MEMBERS = 20, 30, 30_000
TOPICS = [
    "Hội nghị tổng kết",
    "Tập huấn cán bộ HTX",
    "Hội chợ triển lãm",
    "Tuyên truyền Luật HTX",
    "Khảo sát mô hình HTX kiểu mới",
    "Hội thi cán bộ tư vấn",
    "Gặp mặt kỷ niệm",
    "Đánh giá phân loại HTX",
]


def main() -> None:
    call_command("migrate", verbosity=0)
    registry_load()
    alliances = list(
        Organisation.objects.filter(kind=OrganisationKind.PROVINCIAL_ALLIANCE, valid_until__isnull=True)
        .select_related("province")
        .order_by("name")
    )
    _members(alliances)
    first_plan = None
    for number, alliance in enumerate(alliances):
        departments = list(alliance.children.filter(kind=OrganisationKind.DEPARTMENT)) or [alliance]
        plans = Plan.objects.bulk_create(
            issued_plan(
                alliance,
                sequence=i + 1,
                code="LMHTX",
                year=2024,
                issued_on=date(2024, 1, 1) + timedelta(days=i * 9),
                topic=TOPICS[i % len(TOPICS)],
            )
            for i in range(PLANS)
        )
        first_plan = first_plan or plans[0]
        activities = Activity.objects.bulk_create(
            Activity(
                plan=plan,
                position=j,
                number=f"{j + 1}.",
                title=f"{TOPICS[(j + number) % len(TOPICS)]} đợt {j + 1}",
                content="Các phòng, đơn vị triển khai thực hiện theo kế hoạch.",
                time_text=f"Tháng {j % 12 + 1}/2024",
                starts_on=date(2024, j % 12 + 1, 1),
                ends_on=date(2024, j % 12 + 1, 28),
                precision="month",
                search_text=search_form(f"{j + 1}. {TOPICS[(j + number) % len(TOPICS)]} đợt {j + 1}"),
            )
            for plan in plans
            for j in range(ACTIVITIES)
        )
        Assignment.objects.bulk_create(
            [
                Assignment(
                    activity=a, organisation=departments[k % len(departments)], role=AssignmentRole.LEAD
                )
                for k, a in enumerate(activities)
            ]
            + [
                Assignment(
                    activity=a,
                    organisation=departments[(k + 1) % len(departments)],
                    role=AssignmentRole.COORDINATING,
                )
                for k, a in enumerate(activities)
                if len(departments) > 1
            ]
        )
    # A freshly bulk-loaded database has no planner statistics; a running one has (autovacuum on
    # PostgreSQL, `manage.py dbshell` ANALYZE or the optimize pragma on SQLite). Measure the running one.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    user = User.objects.create_user(
        "bench.staff", password="bench", role=UserRole.ALLIANCE_STAFF, organisation=alliances[0]
    )
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "hoptac.accounts.backends.UserWithOrganisationBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    print(session.session_key, first_plan.pk)


def issued_plan(
    issuer: Organisation, *, sequence: int, code: str, year: int, issued_on: date, topic: str, **fields
) -> Plan:
    """An issued plan of `issuer` and held by it, as plan_create would make it (bulk_create passes by the
    services, so held_by must be set here), with its search text; `fields` sets any other column."""
    number = f"{sequence}/KH-{code}"
    return Plan(
        issuer=issuer,
        held_by=issuer,
        issuer_name=issuer.name,
        number=number,
        sequence=sequence,
        type_code="KH",
        year=year,
        issued_on=issued_on,
        status=PlanStatus.ISSUED,
        title=f"Kế hoạch {topic.lower()} năm {year} của {issuer.name}",
        search_text=search_form(f"{number} Kế hoạch {topic} năm {year} {issuer.name}"),
        **fields,
    )


def _members(alliances) -> None:
    rows = []
    for i in range(MEMBERS):
        alliance = alliances[i % len(alliances)]
        name = f"Hợp tác xã dịch vụ nông nghiệp số {i + 1} {alliance.province.name}"
        rows.append(
            Organisation(
                kind=OrganisationKind.COOPERATIVE,
                name=name,
                key=unit_key(name),
                parent=alliance,
                province=alliance.province,
                tax_code=f"9{i:09d}",
            )
        )
    Organisation.objects.bulk_create(rows, batch_size=2000)


if __name__ == "__main__":
    main()
