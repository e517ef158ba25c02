"""Compiled queries (core/compiled.py, docs/adr/0026) give what the queryset gives, for each value.

On Django's own models (core imports no app of ours): permissions with their content type, groups,
sessions."""

from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Count, Prefetch
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hoptac.core.compiled import CompiledQuery

pytestmark = pytest.mark.django_db

PERMISSION = CompiledQuery(
    lambda pk: (
        Permission.objects.select_related("content_type").annotate(groups=Count("group")).filter(pk=pk)
    ),
    int,
)


@pytest.fixture
def editors():
    group = Group.objects.create(name="Biên tập")
    permissions = list(Permission.objects.order_by("pk")[:3])
    group.permissions.add(permissions[0], permissions[1])
    return group, permissions


def test_each_call_reads_the_row_of_its_own_value_with_its_relations(editors):
    _group, permissions = editors
    for permission, in_groups in zip(permissions, (1, 1, 0), strict=True):
        row = PERMISSION.first(permission.pk)
        assert (row.pk, row.codename, row.name) == (permission.pk, permission.codename, permission.name)
        assert row.groups == in_groups
        with CaptureQueriesContext(connection) as queries:
            kind = row.content_type
        assert len(queries) == 0, "the relation comes with the row"
        assert (kind.app_label, kind.model) == (
            permission.content_type.app_label,
            permission.content_type.model,
        )
    assert PERMISSION.first(10**9) is None


def test_one_query_a_call():
    pk = Permission.objects.order_by("pk").values_list("pk", flat=True)[0]
    PERMISSION.first(pk)
    with CaptureQueriesContext(connection) as queries:
        PERMISSION.first(pk)
    assert len(queries) == 1


def test_datetimes_and_strings_reach_the_sql_in_their_place_and_come_back_aware():
    live = CompiledQuery(
        lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now), str, datetime
    )
    now = timezone.now()
    Session.objects.create(session_key="a" * 32, session_data="x", expire_date=now + timedelta(hours=1))
    Session.objects.create(session_key="b" * 32, session_data="y", expire_date=now - timedelta(hours=1))
    fresh = live.first("a" * 32, now)
    assert fresh.session_data == "x"
    assert fresh.expire_date == Session.objects.get(pk="a" * 32).expire_date
    assert timezone.is_aware(fresh.expire_date)
    assert live.first("b" * 32, now) is None, "expired"
    assert live.first("b" * 32, now - timedelta(hours=2)).session_data == "y"


def test_dates_reach_the_sql_in_their_place():
    today = timezone.localdate()
    Session.objects.create(session_key="c" * 32, session_data="z", expire_date=timezone.now())
    on_or_after = CompiledQuery(
        lambda day: Session.objects.filter(expire_date__date__gte=day).values_list("session_key", flat=True),
        date,
    )
    assert on_or_after.all(today - timedelta(days=1)) == ["c" * 32]
    assert on_or_after.all(today + timedelta(days=2)) == []
    with pytest.raises(TypeError):
        on_or_after.all(timezone.now())  # a datetime is not a date


def test_values_and_values_lists_as_the_queryset_gives_them(editors):
    group, _permissions = editors
    as_dicts = CompiledQuery(
        lambda pk: Group.objects.filter(pk=pk).values("name", "permissions__codename"), int
    )
    as_tuples = CompiledQuery(lambda name: Group.objects.filter(name=name).values_list("pk", "name"), str)
    expected = list(Group.objects.filter(pk=group.pk).values("name", "permissions__codename"))
    assert sorted(as_dicts.all(group.pk), key=str) == sorted(expected, key=str)
    assert as_tuples.all("Biên tập") == [(group.pk, "Biên tập")]
    assert as_tuples.all("Ban Kiểm tra") == []


def test_an_id_beyond_64_bits_matches_nothing_without_an_error():
    assert PERMISSION.all(2**70) == []
    assert PERMISSION.all(-(2**70)) == []


def test_wrong_values_and_shapes_are_refused():
    with pytest.raises(TypeError):
        PERMISSION.all("1")
    with pytest.raises(TypeError):
        PERMISSION.all(1, 2)
    prefetching = CompiledQuery(
        lambda pk: Group.objects.filter(pk=pk).prefetch_related(Prefetch("permissions")), int
    )
    with pytest.raises(ValueError, match="prefetch"):
        prefetching.all(1)
    # A value that does not reach the SQL as a parameter of its own cannot be replaced.
    unused = CompiledQuery(lambda pk: Group.objects.filter(pk=1), int)
    with pytest.raises(ValueError, match="do not reach"):
        unused.all(1)
