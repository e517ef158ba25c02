"""Compiled queries (core/compiled.py, docs/adr/0026) give what the queryset gives, for each value."""

from datetime import date, datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Count, Prefetch
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hoptac.accounts.models import User, UserRole
from hoptac.core.compiled import CompiledQuery
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def _org(name: str, kind=OrganisationKind.PROVINCIAL_ALLIANCE, **fields) -> Organisation:
    return Organisation.objects.create(name=name, key=unit_key(name), kind=kind, **fields)


@pytest.fixture
def people():
    national = _org("Liên minh Hợp tác xã Việt Nam", OrganisationKind.NATIONAL_ALLIANCE)
    bac_ninh = _org("Liên minh Hợp tác xã tỉnh Bắc Ninh", parent=national)
    office = _org("Văn phòng", OrganisationKind.DEPARTMENT, parent=bac_ninh)
    staff = User.objects.create_user("bn.staff", role=UserRole.ALLIANCE_STAFF, organisation=bac_ninh)
    clerk = User.objects.create_user("bn.office", role=UserRole.DEPARTMENT_MEMBER, organisation=office)
    loner = User.objects.create_user("nobody", role=UserRole.ALLIANCE_STAFF)
    return staff, clerk, loner


USER_ROW = CompiledQuery(
    lambda pk: (
        User.objects.select_related("organisation__parent")
        .annotate(groups_count=Count("groups"))
        .filter(pk=pk)
    )
)


def test_each_call_reads_the_row_of_its_own_value_with_its_relations(people):
    staff, clerk, loner = people
    for user in (staff, clerk, loner):
        expected = User.objects.select_related("organisation__parent").get(pk=user.pk)
        row = USER_ROW.first(user.pk)
        assert (row.pk, row.username, row.role) == (expected.pk, expected.username, expected.role)
        assert row.groups_count == 0
        with CaptureQueriesContext(connection) as queries:
            unit = row.organisation
            parent = unit.parent if unit else None
        assert len(queries) == 0, "the relations come with the row"
        assert (unit and unit.name) == (expected.organisation and expected.organisation.name)
        assert (parent and parent.name) == (expected.organisation and expected.organisation.parent.name)
    assert clerk_row_is_a_department(USER_ROW.first(clerk.pk))
    assert USER_ROW.first(10**9) is None


def clerk_row_is_a_department(row) -> bool:
    return row.organisation.kind == OrganisationKind.DEPARTMENT and row.organisation.parent.parent.pk


def test_one_query_a_call_and_datetimes_come_back_aware(people):
    staff = people[0]
    row = USER_ROW.first(staff.pk)
    with CaptureQueriesContext(connection) as queries:
        row = USER_ROW.first(staff.pk)
    assert len(queries) == 1
    assert row.date_joined == User.objects.get(pk=staff.pk).date_joined
    assert timezone.is_aware(row.date_joined)


def test_dates_and_strings_reach_the_sql_in_their_place(people):
    live = CompiledQuery(
        lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now), str, datetime
    )
    now = timezone.now()
    Session.objects.create(session_key="a" * 32, session_data="x", expire_date=now + timedelta(hours=1))
    Session.objects.create(session_key="b" * 32, session_data="y", expire_date=now - timedelta(hours=1))
    assert live.first("a" * 32, now).session_data == "x"
    assert live.first("b" * 32, now) is None, "expired"
    assert live.first("b" * 32, now - timedelta(hours=2)).session_data == "y"
    joined = CompiledQuery(
        lambda day: User.objects.filter(date_joined__date__gte=day).values_list("username", flat=True), date
    )
    assert sorted(joined.all(timezone.localdate())) == ["bn.office", "bn.staff", "nobody"]
    assert joined.all(timezone.localdate() + timedelta(days=1)) == []


def test_values_and_values_lists_as_the_queryset_gives_them(people):
    staff = people[0]
    as_dicts = CompiledQuery(lambda pk: User.objects.filter(pk=pk).values("username", "organisation__name"))
    as_tuples = CompiledQuery(lambda pk: User.objects.filter(pk=pk).values_list("username", "role"))
    assert as_dicts.all(staff.pk) == list(
        User.objects.filter(pk=staff.pk).values("username", "organisation__name")
    )
    assert as_tuples.all(staff.pk) == [("bn.staff", UserRole.ALLIANCE_STAFF)]


def test_an_id_beyond_64_bits_matches_nothing_without_an_error(people):
    assert USER_ROW.all(2**70) == []
    assert USER_ROW.all(-(2**70)) == []


def test_wrong_values_and_shapes_are_refused(people):
    with pytest.raises(TypeError):
        USER_ROW.all("1")
    with pytest.raises(TypeError):
        USER_ROW.all(1, 2)
    prefetching = CompiledQuery(lambda pk: User.objects.filter(pk=pk).prefetch_related(Prefetch("groups")))
    with pytest.raises(ValueError, match="prefetch"):
        prefetching.all(1)
    # A value that does not reach the SQL as a parameter of its own cannot be replaced.
    unused = CompiledQuery(lambda pk: User.objects.filter(pk=1))
    with pytest.raises(ValueError, match="do not reach"):
        unused.all(1)
