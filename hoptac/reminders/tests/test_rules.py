"""Every rule with the date frozen: month, quarter and year windows, one across a year end, a leap
February, a one-day activity, the weekly digest in the week that straddles 2024 and 2025, and a worker
that was down for days."""

from datetime import date, timedelta

import pytest
from django.core import mail

from hoptac.accounts.models import User
from hoptac.plans.models import Plan, PlanStatus, ProgressState
from hoptac.reminders.models import Delivery, Notification, ReminderSchedule, RuleKind, Weekday
from hoptac.reminders.selectors import due_reminders
from hoptac.reminders.services.mail import message_id
from hoptac.reminders.tests.conftest import activity_at, add_rule, run_on, vi

pytestmark = pytest.mark.django_db

SPANNING = "Từ tháng 11/2024 đến tháng 2/2025"


@pytest.mark.parametrize(
    ("phrase", "kind", "due_on"),
    [
        # 3 days before the start: the window's first day is the start, whatever its precision.
        ("Tháng 4/2024", RuleKind.BEFORE_START, date(2024, 3, 29)),
        ("Quý III/2024", RuleKind.BEFORE_START, date(2024, 6, 28)),
        ("Năm 2025", RuleKind.BEFORE_START, date(2024, 12, 29)),
        (SPANNING, RuleKind.BEFORE_START, date(2024, 10, 29)),
        ("Ngày 16/4/2024", RuleKind.BEFORE_START, date(2024, 4, 13)),
        # 3 days before the end: the window's last day (30 April, 31 December, 29 February 2024).
        ("Tháng 4/2024", RuleKind.BEFORE_END, date(2024, 4, 27)),
        ("Tháng 2/2024", RuleKind.BEFORE_END, date(2024, 2, 26)),
        ("Quý IV/2024", RuleKind.BEFORE_END, date(2024, 12, 28)),
        ("Năm 2024", RuleKind.BEFORE_END, date(2024, 12, 28)),
        (SPANNING, RuleKind.BEFORE_END, date(2025, 2, 25)),
        # Overdue: the day after the last day, not on it.
        ("Tháng 4/2024", RuleKind.OVERDUE, date(2024, 5, 1)),
        ("Quý IV/2024", RuleKind.OVERDUE, date(2025, 1, 1)),
        ("Năm 2024", RuleKind.OVERDUE, date(2025, 1, 1)),
        (SPANNING, RuleKind.OVERDUE, date(2025, 3, 1)),
    ],
)
def test_each_rule_reminds_once_on_its_day(world, office_user, plan, phrase, kind, due_on):
    days = 0 if kind == RuleKind.OVERDUE else 3
    rule = add_rule(world["ours"], kind, days)
    activity = activity_at(plan, phrase, lead=world["office"])

    run_on(due_on - timedelta(days=1))
    assert not Delivery.objects.exists()

    summary = run_on(due_on)
    delivery = Delivery.objects.get()
    assert (summary.reminded, summary.emailed) == (1, 1)
    assert delivery.key == f"{kind}:r{rule.pk}:a{activity.pk}:{due_on.isoformat()}:u{office_user.pk}"
    assert delivery.due_on == due_on
    assert delivery.emailed_at is not None
    assert Notification.objects.get().delivery == delivery
    (email,) = mail.outbox
    assert email.to == [office_user.email]
    assert email.extra_headers["Message-ID"] == message_id(delivery.key)
    assert phrase in email.body
    assert "Nguyễn Thị" in email.body or "Lan" in email.body

    run_on(due_on + timedelta(days=1))
    run_on(due_on + timedelta(days=1))
    assert Delivery.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_reminder_says_the_period_and_the_dates_it_was_read_as(world, office_user, plan):
    add_rule(world["ours"], RuleKind.BEFORE_END, 3)
    activity_at(plan, SPANNING, lead=world["office"], title="Tuyên truyền Luật Hợp tác xã")
    run_on(date(2025, 2, 25))
    delivery = Delivery.objects.get()
    assert "28/02/2025" in delivery.subject
    assert "Tuyên truyền Luật Hợp tác xã" in delivery.subject
    assert f"{SPANNING} (01/11/2024 – 28/02/2025)" in delivery.body
    assert plan.number in delivery.body
    assert delivery.url == f"/plans/activities/{plan.activities.get().pk}/"


def test_a_one_day_activity_is_reminded_before_its_start_only(world, office_user, plan):
    add_rule(world["ours"], RuleKind.BEFORE_START, 3)
    add_rule(world["ours"], RuleKind.BEFORE_END, 3)
    activity_at(plan, "Ngày 16/4/2024", lead=world["office"])
    run_on(date(2024, 4, 13))
    assert list(Delivery.objects.values_list("kind", flat=True)) == [RuleKind.BEFORE_START]


def test_zero_days_before_is_the_day_itself(world, office_user, plan):
    add_rule(world["ours"], RuleKind.BEFORE_START, 0)
    activity_at(plan, "Quý II/2024", lead=world["office"])
    run_on(date(2024, 3, 31))
    assert not Delivery.objects.exists()
    run_on(date(2024, 4, 1))
    assert Delivery.objects.get().due_on == date(2024, 4, 1)


def test_two_rules_of_one_kind_remind_twice(world, office_user, plan):
    add_rule(world["ours"], RuleKind.BEFORE_START, 7)
    add_rule(world["ours"], RuleKind.BEFORE_START, 1)
    activity_at(plan, "Năm 2025", lead=world["office"])
    for day in range(20, 32):
        run_on(date(2024, 12, day))
    assert sorted(Delivery.objects.values_list("due_on", flat=True)) == [
        date(2024, 12, 25),
        date(2024, 12, 31),
    ]


def test_overdue_is_not_reminded_when_done_postponed_or_cancelled(world, office_user, plan):
    add_rule(world["ours"], RuleKind.OVERDUE)
    for position, state in enumerate(ProgressState):
        activity_at(plan, "Quý IV/2024", lead=world["office"], position=position, progress_state=state)
    run_on(date(2024, 12, 31))
    run_on(date(2025, 1, 1))
    reminded = Delivery.objects.values_list("activity__progress_state", flat=True)
    assert sorted(reminded) == [ProgressState.IN_PROGRESS, ProgressState.NOT_STARTED]


def test_only_plans_approved_or_issued_remind(world, office_user):
    add_rule(world["ours"], RuleKind.BEFORE_START, 3)
    for position, status in enumerate(PlanStatus):
        plan = Plan.objects.create(issuer=world["ours"], title=f"Kế hoạch {status}", status=status)
        activity_at(plan, "Tháng 4/2024", lead=world["office"], position=position)
    run_on(date(2024, 3, 29))
    reminded = Delivery.objects.values_list("activity__plan__status", flat=True)
    assert sorted(reminded) == [PlanStatus.APPROVED, PlanStatus.ISSUED]


def test_a_heading_is_not_reminded_its_items_are(world, office_user, plan):
    add_rule(world["ours"], RuleKind.BEFORE_START, 3)
    heading = activity_at(plan, "Tháng 4/2024", lead=world["office"], title="I. Tuyên truyền")
    item = activity_at(plan, "Tháng 4/2024", lead=world["office"], parent=heading, position=1, depth=1)
    run_on(date(2024, 3, 29))
    assert Delivery.objects.get().activity == item


def test_who_is_reminded(world, office_user, plan):
    """The people of the lead and coordinating units and the named person, under their own
    alliance's rules; not an informed unit, not an inactive user."""
    add_rule(world["ours"], RuleKind.BEFORE_START, 3)
    users = world["users"]
    activity = activity_at(
        plan, "Tháng 4/2024", lead=world["office"], coordinating=[world["member"], world["other"]]
    )
    activity.assignments.create(organisation=world["advice"], role="informed")
    activity.assignments.filter(organisation=world["member"]).update(person=users["leader"])
    # An inactive user of the office.
    User.objects.filter(pk=users["staff"].pk).update(organisation=world["office"], is_active=False)
    run_on(date(2024, 3, 29))
    reminded = set(Delivery.objects.values_list("recipient__username", flat=True))
    # An Giang's staff coordinate too, but An Giang has no rules: its people are not reminded.
    assert reminded == {"bn.office", "htx.tamson", "bn.leader"}
    assert not any(d.wants_email for d in Delivery.objects.exclude(recipient=office_user))

    add_rule(world["other"], RuleKind.BEFORE_START, 2)
    run_on(date(2024, 3, 30))
    assert Delivery.objects.filter(recipient=users["other_staff"], due_on=date(2024, 3, 30)).exists()


def test_channels_of_a_rule(world, office_user, plan):
    add_rule(world["ours"], RuleKind.BEFORE_START, 3, sends_email=False)
    add_rule(world["ours"], RuleKind.BEFORE_END, 3, sends_in_app=False)
    activity_at(plan, "Tháng 4/2024", lead=world["office"])
    run_on(date(2024, 3, 29))
    run_on(date(2024, 4, 27))
    by_kind = {d.kind: d for d in Delivery.objects.all()}
    assert not by_kind[RuleKind.BEFORE_START].wants_email
    assert hasattr(by_kind[RuleKind.BEFORE_START], "notification")
    assert by_kind[RuleKind.BEFORE_END].emailed_at is not None
    assert not Notification.objects.filter(delivery=by_kind[RuleKind.BEFORE_END]).exists()
    assert [m.subject for m in mail.outbox] == [by_kind[RuleKind.BEFORE_END].subject]


def test_an_inactive_rule_reminds_nobody(world, office_user, plan):
    add_rule(world["ours"], RuleKind.BEFORE_START, 3, is_active=False)
    activity_at(plan, "Tháng 4/2024", lead=world["office"])
    run_on(date(2024, 3, 29))
    assert not Delivery.objects.exists()


@pytest.fixture
def digest_week(world, office_user, plan):
    """The week of Monday 30 December 2024, ISO week 1 of 2025."""
    add_rule(world["ours"], RuleKind.WEEKLY_DIGEST, weekday=Weekday.MONDAY)
    office = world["office"]
    activity_at(plan, "Tháng 11/2024", lead=office, title="Báo cáo quý", position=0)
    activity_at(plan, "Quý IV/2024", lead=office, title="Tổng kết năm", position=1)
    activity_at(plan, "Năm 2025", lead=office, title="Tháng hành động", position=2)
    activity_at(plan, "Tháng 3/2025", lead=office, title="Đại hội", position=3)
    activity_at(plan, "Tháng 12/2024", lead=office, title="Đã xong", position=4, progress_state="done")


def test_weekly_digest_on_its_day_across_the_year_end(digest_week, office_user):
    run_on(date(2024, 12, 29))  # Sunday: that week's Monday had passed before the first run
    assert not Delivery.objects.exists()
    run_on(date(2024, 12, 30))
    digest = Delivery.objects.get()
    assert digest.key == f"digest:u{office_user.pk}:2025-W01"
    assert digest.activity is None
    assert digest.kind == RuleKind.WEEKLY_DIGEST
    body = digest.body
    overdue, ending, starting = (
        vi(s) + " (1)" for s in ("Overdue", "Ending within 7 days", "Starting within 7 days")
    )
    assert body.index(overdue) < body.index("Báo cáo quý") < body.index(ending) < body.index("Tổng kết năm")
    assert body.index(starting) < body.index("Tháng hành động")
    assert "Đại hội" not in body
    assert "Đã xong" not in body
    assert digest.url == "/plans/activities/?when=week"
    for day in (31, 30):
        run_on(date(2024, 12, day))
    run_on(date(2025, 1, 5))
    assert Delivery.objects.count() == 1
    run_on(date(2025, 1, 6))
    assert list(Delivery.objects.values_list("key", flat=True)) == [
        f"digest:u{office_user.pk}:2025-W01",
        f"digest:u{office_user.pk}:2025-W02",
    ]


def test_weekly_digest_on_another_weekday(world, office_user, plan):
    add_rule(world["ours"], RuleKind.WEEKLY_DIGEST, weekday=Weekday.FRIDAY)
    activity_at(plan, "Tháng 4/2024", lead=world["office"])
    run_on(date(2024, 4, 25))
    assert not Delivery.objects.exists()
    run_on(date(2024, 4, 26))
    assert Delivery.objects.get().due_on == date(2024, 4, 26)


def test_nothing_on_a_person_s_plate_no_digest(world, office_user, plan):
    add_rule(world["ours"], RuleKind.WEEKLY_DIGEST)
    activity_at(plan, "Tháng 6/2024", lead=world["office"])
    run_on(date(2024, 4, 1))
    assert not Delivery.objects.exists()


def test_a_worker_down_for_days_catches_up_what_still_helps(world, office_user, plan):
    for kind, days in ((RuleKind.BEFORE_START, 3), (RuleKind.OVERDUE, 0), (RuleKind.WEEKLY_DIGEST, 0)):
        add_rule(world["ours"], kind, days)
    office = world["office"]
    ahead = activity_at(plan, "Tháng 4/2024", lead=office, position=0)  # due 29/3, starts 1/4
    # Its reminder before the start was due on 25/3: too late now; it is overdue since 29/3 instead.
    missed = activity_at(plan, "Ngày 28/3/2024", lead=office, position=1)
    late = activity_at(plan, "Ngày 26/3/2024", lead=office, position=2)  # overdue since 27/3
    ReminderSchedule.objects.create(last_run_on=date(2024, 3, 24))
    run_on(date(2024, 3, 30))  # a Saturday; the digest of Monday 25/3 is this week's
    reminded = {(d.kind, d.activity_id, d.due_on) for d in Delivery.objects.all()}
    assert reminded == {
        (RuleKind.BEFORE_START, ahead.pk, date(2024, 3, 29)),
        (RuleKind.OVERDUE, late.pk, date(2024, 3, 27)),
        (RuleKind.OVERDUE, missed.pk, date(2024, 3, 29)),
        (RuleKind.WEEKLY_DIGEST, None, date(2024, 3, 25)),
    }
    assert ReminderSchedule.objects.get().last_run_on == date(2024, 3, 30)


def test_finding_due_reminders_costs_the_same_queries_for_many_activities(
    world, office_user, plan, django_assert_max_num_queries
):
    for kind, days in ((RuleKind.BEFORE_START, 3), (RuleKind.BEFORE_END, 3), (RuleKind.OVERDUE, 0)):
        add_rule(world["ours"], kind, days)
    add_rule(world["ours"], RuleKind.WEEKLY_DIGEST, weekday=Weekday.FRIDAY)
    activity_at(plan, "Tháng 4/2024", lead=world["office"], coordinating=[world["member"]])
    friday = date(2024, 3, 29)
    with django_assert_max_num_queries(10) as one:
        assert (
            len(due_reminders(from_on=friday, today=friday)) == 2 + 2
        )  # each person: before the start, digest
    for position in range(1, 30):
        activity_at(
            plan, "Tháng 4/2024", lead=world["office"], coordinating=[world["member"]], position=position
        )
    with django_assert_max_num_queries(len(one)):
        assert len(due_reminders(from_on=friday, today=friday)) == 60 + 2
