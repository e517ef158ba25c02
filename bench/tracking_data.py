"""Part of bench/tracking.py: loads its data into the database DATABASE_URL names and prints one JSON line
(a session key for each page's user, the national plan's id, row counts, seconds per step); or, with
`profile KEY PATH [KEY PATH ...]`, renders each page in-process and prints its queries.

34 current provincial alliances (from the registry), each with its registry departments and three more
(nine), 50 issued plans of 40 activities each in the current year: every tenth activity a heading of
the nine after it, the rest dated by day, month, quarter, range, deadline or the whole year (a few left
to another body), each led by a department and every third coordinated by another. Progress is drawn
against today, so the split has every status; 200,000 progress updates lead up to it, and the roll-up
columns hold what hoptac.plans.rollup computes (checked on a sample). One national plan of 40
activities is implemented (Basis.implements) by one plan of each of 30 alliances. 30,000 member
cooperatives, as bench/web.py loads them.
"""

import calendar
import json
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

import django

django.setup()

from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from web_cold import cold_seconds, signed_in  # noqa: E402  (bench/web.py's in-process timing)
from web_data import TOPICS, _members, issued_plan  # noqa: E402  (bench/web.py's loader, beside this file)

from hoptac.accounts.models import User, UserRole  # noqa: E402
from hoptac.core.text import search_form  # noqa: E402
from hoptac.documents.parse.units import unit_key  # noqa: E402
from hoptac.orgs.models import Organisation, OrganisationKind  # noqa: E402
from hoptac.orgs.services.organisations import registry_load  # noqa: E402
from hoptac.plans.models import (  # noqa: E402
    Activity,
    Assignment,
    AssignmentRole,
    Basis,
    GenerationCounter,
    Plan,
    Precision,
    ProgressState,
)
from hoptac.plans.rollup import weighted_mean  # noqa: E402
from hoptac.plans.services.rollup import refresh_rollup  # noqa: E402
from hoptac.tracking.models import ProgressUpdate  # noqa: E402

PLANS, ACTIVITIES, HEADING_EVERY, UPDATES = 50, 40, 10, 200_000
IMPLEMENTING = 30  # of the 34 alliances, those with a plan implementing the national one
EXTRA_DEPARTMENTS = ("Ban Tuyên truyền - Thi đua", "Ban Kinh tế tập thể", "Phòng Hành chính - Tổng hợp")
HEADINGS = ("Công tác tuyên truyền", "Công tác tư vấn, hỗ trợ", "Công tác tổ chức, cán bộ", "Công tác khác")
ROMAN = ("I", "II", "III", "IV")
BATCH = 2000
# ProgressUpdate.at is `auto_now_add`, which bulk_create would set to this instant for all 200,000:
# the loader writes when each report was sent instead.
ProgressUpdate._meta.get_field("at").auto_now_add = False


def main() -> None:
    steps: dict[str, float] = {}
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        steps[name] = round(time.perf_counter() - clock, 1)
        clock = time.perf_counter()

    today = timezone.localdate()
    rng = random.Random(20260)
    call_command("migrate", verbosity=0)
    registry_load()
    step("migrate + registry")
    national = Organisation.objects.get(kind=OrganisationKind.NATIONAL_ALLIANCE, valid_until__isnull=True)
    alliances = list(
        Organisation.objects.filter(kind=OrganisationKind.PROVINCIAL_ALLIANCE, valid_until__isnull=True)
        .select_related("province")
        .order_by("name")
    )
    _members(alliances)
    departments = _departments(alliances)
    national_departments = list(national.children.filter(kind=OrganisationKind.DEPARTMENT)) or [national]
    reporters = _reporters([*national_departments, *(d for ds in departments.values() for d in ds)])
    step("organisations + users")

    national_plan = _load_plans(
        national, national_departments, today, rng, plans=1, reporters=reporters, updates=0, offset=0
    )[0]
    quotas = [
        UPDATES * (i + 1) // len(alliances) - UPDATES * i // len(alliances) for i in range(len(alliances))
    ]
    implementing = [a for i, a in enumerate(alliances) if i % 9 != 8][:IMPLEMENTING]
    for number, alliance in enumerate(alliances):
        plans = _load_plans(
            alliance,
            departments[alliance.pk],
            today,
            rng,
            plans=PLANS,
            reporters=reporters,
            updates=quotas[number],
            offset=number,
        )
        _bases(plans, national_plan if alliance in implementing else None)
    step("plans, activities, assignments, updates")
    checked = rng.sample(list(Plan.objects.values_list("pk", flat=True)), 50)
    differ = sum(1 for pk in checked if _stored_percent(pk) != refresh_rollup(pk))
    step("roll-up check")
    # As bench/web_data.py: measure a database with planner statistics, as a running one has.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    step("analyze")

    viewer = User.objects.create_user(
        "bench.national", password="bench", role=UserRole.NATIONAL_VIEWER, organisation=national
    )
    staff = User.objects.create_user(
        "bench.staff", password="bench", role=UserRole.ALLIANCE_STAFF, organisation=alliances[0]
    )
    member = User.objects.create_user(
        "bench.member",
        password="bench",
        role=UserRole.DEPARTMENT_MEMBER,
        organisation=departments[alliances[0].pk][0],
    )
    counts = {
        "provincial alliances": len(alliances),
        "departments": sum(len(ds) for ds in departments.values()),
        "organisations": Organisation.objects.count(),
        "plans": Plan.objects.count(),
        "implementing plans": Basis.objects.filter(implements=national_plan).count(),
        "activities": Activity.objects.count(),
        "assignments": Assignment.objects.count(),
        "progress updates": ProgressUpdate.objects.count(),
        "users": User.objects.count(),
    }
    assert GenerationCounter.objects.filter(scope="all").exists(), "the triggers raised no generation"
    print(
        json.dumps(
            {
                "sessions": {
                    "national": _session(viewer),
                    "staff": _session(staff),
                    "member": _session(member),
                },
                "national_plan": national_plan.pk,
                "counts": counts,
                "steps": steps,
                "rollup_check": f"{len(checked)} plans recomputed, {differ} differed from the loaded roll-up",
                "today": today.isoformat(),
            }
        )
    )


def _departments(alliances: list[Organisation]) -> dict[int, list[Organisation]]:
    """The registry's departments of each alliance, with three more, so nine."""
    Organisation.objects.bulk_create(
        [
            Organisation(
                kind=OrganisationKind.DEPARTMENT,
                name=f"{name} {alliance.name}",
                short_name=name,
                key=unit_key(f"{name} {alliance.name}"),
                parent=alliance,
                province=alliance.province,
            )
            for alliance in alliances
            for name in EXTRA_DEPARTMENTS
        ],
        batch_size=BATCH,
    )
    departments: dict[int, list[Organisation]] = {a.pk: [] for a in alliances}
    for department in Organisation.objects.filter(
        kind=OrganisationKind.DEPARTMENT, parent__in=alliances
    ).order_by("pk"):
        departments[department.parent_id].append(department)
    return departments


def _reporters(units: list[Organisation]) -> dict[int, User]:
    """One member of each department, who sends its reports."""
    users = User.objects.bulk_create(
        [
            User(
                username=f"bench.member.{unit.pk}",
                password="!bench",  # unusable: nobody logs in as them
                role=UserRole.DEPARTMENT_MEMBER,
                organisation=unit,
            )
            for unit in units
        ],
        batch_size=BATCH,
    )
    return {user.organisation_id: user for user in users}


def _load_plans(
    issuer: Organisation,
    departments: list[Organisation],
    today: date,
    rng: random.Random,
    *,
    plans: int,
    reporters: dict[int, User],
    updates: int,
    offset: int,
) -> list[Plan]:
    """`plans` issued plans of `issuer` with their activities, assignments and `updates` progress reports."""
    year, code = today.year, issuer.issuer_code or "LMHTX"
    drawn = [[_activity(rng, today, j, offset) for j in range(ACTIVITIES)] for _ in range(plans)]
    percents = [_roll_up(rows) for rows in drawn]
    created = Plan.objects.bulk_create(
        [
            issued_plan(
                issuer,
                sequence=i + 1,
                code=code,
                year=year,
                issued_on=date(year, 1, 2) + timedelta(days=i * 3),
                topic=_topic(i + offset),
                progress_percent=percents[i],
            )
            for i in range(plans)
        ],
        batch_size=BATCH,
    )
    pairs = [(plan, row) for plan, rows in zip(created, drawn, strict=True) for row in rows]
    for k, (_plan, row) in enumerate(pairs):
        row["lead"] = departments[(k + offset) % len(departments)]
    _reports([row for _plan, row in pairs], reporters, today, updates)
    # Headings first, so that their items can name them as parent.
    objects: dict[tuple[int, int], Activity] = {}
    for depth in (0, 1):
        batch = []
        for plan, row in pairs:
            if row["depth"] == depth:
                fields = {k: v for k, v in row.items() if k not in ("heading", "reports", "lead", "updates")}
                parent = objects[(plan.pk, row["heading"])] if depth else None
                objects[(plan.pk, row["position"])] = Activity(plan=plan, parent=parent, **fields)
                batch.append(objects[(plan.pk, row["position"])])
        Activity.objects.bulk_create(batch, batch_size=BATCH)
    ordered = [(objects[(plan.pk, row["position"])], row) for plan, row in pairs]
    assignments = []
    for k, (activity, row) in enumerate(ordered):
        assignments.append(Assignment(activity=activity, organisation=row["lead"], role=AssignmentRole.LEAD))
        other = departments[(k + offset + 1 + k // 3) % len(departments)]
        if k % 3 == 0 and other.pk != row["lead"].pk:
            assignments.append(
                Assignment(activity=activity, organisation=other, role=AssignmentRole.COORDINATING)
            )
    Assignment.objects.bulk_create(assignments, batch_size=BATCH)
    ProgressUpdate.objects.bulk_create(
        (
            ProgressUpdate(activity=activity, **update)
            for activity, row in ordered
            for update in row["updates"]
        ),
        batch_size=BATCH,
    )
    return created


def _topic(n: int) -> str:
    return TOPICS[n % len(TOPICS)]


def _activity(rng: random.Random, today: date, j: int, offset: int) -> dict:
    """The fields of activity `j` of a plan: dates, and progress drawn against today."""
    year = today.year
    if j % HEADING_EVERY == 0:
        number = ROMAN[j // HEADING_EVERY]
        title = HEADINGS[j // HEADING_EVERY]
        fields = {"time_text": "", "starts_on": None, "ends_on": None, "precision": ""}
        return {
            **fields,
            "position": j,
            "depth": 0,
            "number": number,
            "title": title,
            "content": "",
            "search_text": search_form(f"{number}. {title}"),
            "heading": None,
            "reports": 0,
        }
    topic = _topic(j + offset)
    number = f"{j % HEADING_EVERY}."
    title = f"{topic} đợt {j}"
    window = _window(rng, year)
    state, percent, completed_on = _progress(rng, today, window["starts_on"], window["ends_on"])
    reports = 0 if state == ProgressState.NOT_STARTED else 1
    return {
        **window,
        "position": j,
        "depth": 1,
        "number": number,
        "title": title,
        "content": "Các phòng, đơn vị triển khai thực hiện theo kế hoạch.",
        "search_text": search_form(f"{number} {title}"),
        "progress_state": state,
        "percent": percent,
        "completed_on": completed_on,
        "rollup_percent": 100.0 if state == ProgressState.DONE else float(percent),
        "heading": j - j % HEADING_EVERY,
        "reports": reports,
    }


def _window(rng: random.Random, year: int) -> dict:
    """When an activity is to happen, as a plan writes it and as the engine stores it."""
    kind = rng.choices(
        ("month", "quarter", "day", "range", "deadline", "year", "other"), (45, 20, 15, 8, 7, 3, 2)
    )[0]
    flags = {"is_deadline": False, "is_set_by_other": False}
    if kind == "month":
        month = rng.randint(1, 12)
        starts, ends = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return {**flags, "time_text": f"Tháng {month}/{year}", "starts_on": starts, "ends_on": ends,
                "precision": Precision.MONTH}  # fmt: skip
    if kind == "quarter":
        quarter = rng.randint(1, 4)
        last = quarter * 3
        starts, ends = date(year, last - 2, 1), date(year, last, calendar.monthrange(year, last)[1])
        return {**flags, "time_text": f"Quý {ROMAN[quarter - 1]}/{year}", "starts_on": starts,
                "ends_on": ends, "precision": Precision.QUARTER}  # fmt: skip
    day = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
    if kind == "day":
        return {**flags, "time_text": f"Ngày {day:%d/%m/%Y}", "starts_on": day, "ends_on": day,
                "precision": Precision.DAY}  # fmt: skip
    if kind == "range":
        ends = min(day + timedelta(days=rng.randint(7, 60)), date(year, 12, 31))
        return {**flags, "time_text": f"Từ ngày {day:%d/%m} đến ngày {ends:%d/%m/%Y}", "starts_on": day,
                "ends_on": ends, "precision": Precision.RANGE}  # fmt: skip
    if kind == "deadline":
        return {"is_deadline": True, "is_set_by_other": False, "time_text": f"Trước ngày {day:%d/%m/%Y}",
                "starts_on": None, "ends_on": day, "precision": Precision.DAY}  # fmt: skip
    if kind == "year":
        return {**flags, "time_text": f"Năm {year}", "starts_on": date(year, 1, 1),
                "ends_on": date(year, 12, 31), "precision": Precision.YEAR}  # fmt: skip
    return {"is_deadline": False, "is_set_by_other": True, "time_text": "Theo kế hoạch của UBND tỉnh",
            "starts_on": None, "ends_on": None, "precision": ""}  # fmt: skip


def _progress(rng: random.Random, today: date, starts: date | None, ends: date | None):
    """(state, percent, completed_on): most past work done, some late, some overdue; current work under
    way or not yet reported; future work not started."""
    r = rng.random()
    if ends is None:
        return (ProgressState.IN_PROGRESS, rng.randint(10, 60), None) if r < 0.2 else _untouched()
    if ends < today:
        if r < 0.50:
            began = max(starts or ends - timedelta(days=20), ends - timedelta(days=20))
            return ProgressState.DONE, 100, began + timedelta(days=rng.randint(0, (ends - began).days))
        if r < 0.65:
            return ProgressState.DONE, 100, min(ends + timedelta(days=rng.randint(1, 40)), today)
        if r < 0.72:
            return ProgressState.POSTPONED, rng.randint(0, 40), None
        if r < 0.75:
            return ProgressState.CANCELLED, 0, None
        if r < 0.88:
            return ProgressState.IN_PROGRESS, rng.randint(20, 90), None
        return _untouched()
    if starts is None or starts <= today:
        if r < 0.15:
            return ProgressState.DONE, 100, max(today - timedelta(days=rng.randint(0, 3)), starts or today)
        if r < 0.70:
            return ProgressState.IN_PROGRESS, rng.randint(10, 90), None
        return _untouched()
    return (ProgressState.IN_PROGRESS, rng.randint(5, 20), None) if r < 0.05 else _untouched()


def _untouched():
    return ProgressState.NOT_STARTED, 0, None


def _roll_up(rows: list[dict]) -> float:
    """Fill the headings' progress and roll-up from their items, as hoptac.plans.rollup does, and
    return the plan's percent done."""
    items: dict[int, list[dict]] = {}
    for row in rows:
        if row["depth"] == 1:
            items.setdefault(row["heading"], []).append(row)
    top = []
    for row in rows:
        if row["depth"] != 0:
            continue
        kids = items.get(row["position"], [])
        # Summed last to first, as refresh_rollup walks the tree, so that the floats round alike.
        counted = [(1, k["rollup_percent"]) for k in kids if k["progress_state"] != ProgressState.CANCELLED]
        value = round(weighted_mean(counted[::-1]), 2) if counted else 0.0
        states = {k["progress_state"] for k in kids}
        if states <= {ProgressState.DONE, ProgressState.CANCELLED} and ProgressState.DONE in states:
            state, done_on = ProgressState.DONE, max(k["completed_on"] for k in kids if k["completed_on"])
        elif states - {ProgressState.NOT_STARTED, ProgressState.CANCELLED}:
            state, done_on = ProgressState.IN_PROGRESS, None
        else:
            state, done_on = ProgressState.NOT_STARTED, None
        value = 100.0 if state == ProgressState.DONE else value
        row.update(progress_state=state, percent=int(value), completed_on=done_on, rollup_percent=value)
        top.append((1, value))
    return round(weighted_mean(top[::-1]) or 0.0, 2)


def _reports(rows: list[dict], reporters: dict[int, User], today: date, total: int) -> None:
    """`total` progress updates by their lead unit (in row["updates"]) spread over the reported
    activities, each activity's leading up to its current state, which keeps who reported last and
    when."""
    reported = [row for row in rows if row["reports"]]
    for row in rows:
        row["updates"] = []
    zone = timezone.get_current_timezone()
    for index, row in enumerate(reported):
        count = total // len(reported) + (1 if index < total % len(reported) else 0)
        if not count:
            continue
        by = reporters.get(row["lead"].pk)
        last = min(row["completed_on"] or today, today)
        first = min(row["starts_on"] or (row["ends_on"] or today) - timedelta(days=30), last)
        span = (last - first).days
        for k in range(count):
            final = k == count - 1
            day = first + timedelta(days=span * (k + 1) // count)
            row["updates"].append(
                {
                    "kind": ProgressUpdate.Kind.UPDATE,
                    "by": by,
                    "by_organisation": row["lead"],
                    "at": datetime(day.year, day.month, day.day, 8 + k % 9, (k * 7) % 60, tzinfo=zone),
                    "state": row["progress_state"] if final else ProgressState.IN_PROGRESS,
                    "percent": row["percent"] if final else max(1, row["percent"] * (k + 1) // count),
                    "completed_on": row["completed_on"] if final else None,
                    "result": "Đã triển khai theo kế hoạch." if final else "",
                }
            )
        row.update(progress_at=row["updates"][-1]["at"], progress_by=by, progress_version=count)


def _bases(plans: list[Plan], national_plan: Plan | None) -> None:
    """One basis a plan: the national plan for the first of them if it implements it, else a resolution."""
    rows = []
    for i, plan in enumerate(plans):
        if i == 0 and national_plan is not None:
            rows.append(
                Basis(
                    plan=plan,
                    number=national_plan.number,
                    issued_on=national_plan.issued_on,
                    issuer_name=national_plan.issuer_name,
                    text=f"Kế hoạch số {national_plan.number} của {national_plan.issuer_name}",
                    implements=national_plan,
                )
            )
        else:
            rows.append(Basis(plan=plan, number=f"{i + 1}-NQ/TU", text=f"Nghị quyết số {i + 1}-NQ/TU"))
    Basis.objects.bulk_create(rows, batch_size=BATCH)


def _stored_percent(plan_id: int) -> float:
    return Plan.objects.values_list("progress_percent", flat=True).get(pk=plan_id)


def _session(user: User) -> str:
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "hoptac.accounts.backends.UserWithOrganisationBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def profile(pages: list[tuple[str, str]], rounds: int = 15) -> None:
    """Each (session key, path) rendered in-process: cold (the fragment cache emptied first, the cost
    of the first view after any write; its queries and the slowest three) and warm, medians."""
    for session_key, path in pages:
        client = signed_in(session_key)
        cold = cold_seconds(client, path, rounds)
        cache.clear()
        timed = []

        def record(execute, sql, params, many, context, timed=timed):
            began = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timed.append({"sql": sql, "time": time.perf_counter() - began})

        # execute_wrapper, not CaptureQueriesContext: each request empties connection.queries_log.
        with connection.execute_wrapper(record):
            status = client.get(path).status_code
        warm = []
        for _ in range(rounds):
            began = time.perf_counter()
            client.get(path)
            warm.append(time.perf_counter() - began)
        timed.sort(key=lambda q: -float(q["time"]))
        sql_ms = sum(float(q["time"]) for q in timed) * 1000
        print(
            f"    {path}: HTTP {status}, cold {statistics.median(cold) * 1000:.0f} ms "
            f"({len(timed)} queries, {sql_ms:.0f} ms in SQL), warm {statistics.median(warm) * 1000:.1f} ms"
        )
        for query in timed[:3]:
            print(f"      {float(query['time']) * 1000:6.1f} ms  {query['sql'][:150]}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["profile"]:
        pairs = sys.argv[2:]
        profile(list(zip(pairs[::2], pairs[1::2], strict=True)))
    else:
        main()
