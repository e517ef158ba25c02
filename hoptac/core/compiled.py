"""Querysets of fixed shape compiled to SQL once, then run again with new values (docs/adr/0026).

Building and compiling a queryset costs 0.5-3 ms of Python on every call (a user row with its
organisations and a count: 3.5 ms; the same SQL through a cursor: 0.1 ms), and a page without its
cached fragments runs ten such queries. The hottest ones always have the same shape and differ only in
a few values (an id, a plan, a time). A `CompiledQuery` builds its queryset once per database with
marker values in their places, keeps the SQL, Django's converters and its row-to-instance plan, and
on each call puts the real values where the markers were:

    user_row = CompiledQuery(lambda pk: User.objects.select_related("organisation").filter(pk=pk), int)
    user = user_row.first(42)

Values may be ints, strings, dates and datetimes; each marker must reach the SQL as one parameter
(so no `__in` lists: their length changes the SQL). Values should be compared for equality: an int
outside 64 bits matches nothing, and the query returns no rows without running. Instances come out
as the queryset would give them (select_related objects, annotations, converters applied), but with
no prefetching and without `_known_related_objects`: such querysets are refused when compiled.
"""

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)

_BIGINT_MIN, _BIGINT_MAX = -(2**63), 2**63 - 1
# Marker values: unlike anything a query is given, and the same type as the values they stand for.
_INT_BASE = -1_734_628_100  # inside 32 bits: Django refuses a lookup outside an integer column's range
_MARKERS = {
    int: lambda i: _INT_BASE - i,
    str: lambda i: f"\x1fmarker{i}\x1f",
    date: lambda i: date(1901, 2, 3 + i),
    datetime: lambda i: datetime(1901, 2, 3 + i, 4, 5, 6, 789_012, tzinfo=UTC),
}


def _adapt(value, connection):
    """`value` as the compiler would put it in the parameters (dates become strings on SQLite)."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    return value


class _Plan:
    """The SQL of one queryset on one database, where its values go, and how rows become results."""

    def __init__(self, queryset: QuerySet, markers: list, connection):
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError("a compiled query cannot prefetch or carry known related objects")
        self.iterable = queryset._iterable_class
        if self.iterable not in (ModelIterable, ValuesIterable, ValuesListIterable, FlatValuesListIterable):
            raise ValueError(f"a compiled query cannot yield {self.iterable.__name__}")
        self.compiler = queryset.query.get_compiler(using=connection.alias)
        self.sql, params = self.compiler.as_sql()
        adapted = [_adapt(marker, connection) for marker in markers]
        self.slots: list[tuple[int, int]] = []  # (parameter index, value index)
        for position, param in enumerate(params):
            for index, marker in enumerate(adapted):
                if type(param) is type(marker) and param == marker:
                    self.slots.append((position, index))
        found = {index for _, index in self.slots}
        if found != set(range(len(markers))):
            missing = sorted(set(range(len(markers))) - found)
            raise ValueError(f"values {missing} do not reach the SQL as parameters")
        self.params = list(params)
        compiler = self.compiler
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        self.converters = compiler.get_converters(fields)
        if self.iterable is ModelIterable:
            klass_info = compiler.klass_info
            self.model = klass_info["model"]
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            self.model_slice = slice(start, end)
            self.init_list = [f[0].target.attname for f in compiler.select[start:end]]
            self.populators = get_related_populators(klass_info, compiler.select, connection.alias)
            self.annotations = list((compiler.annotation_col_map or {}).items())
        else:
            query = queryset.query
            self.names = [*query.extra_select, *query.values_select, *query.annotation_select]

    def run(self, values: tuple, connection) -> list:
        params = list(self.params)
        for position, index in self.slots:
            params[position] = _adapt(values[index], connection)
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = list(self.compiler.apply_converters(map(list, rows), self.converters))
        return self._results(rows, connection.alias)

    def _results(self, rows: list, alias: str) -> list:
        if self.iterable is FlatValuesListIterable:
            return [row[0] for row in rows]
        if self.iterable is ValuesListIterable:
            return [tuple(row) for row in rows]
        if self.iterable is ValuesIterable:
            names = self.names
            return [dict(zip(names, row, strict=True)) for row in rows]
        objects = []
        model, part, init_list = self.model, self.model_slice, self.init_list
        for row in rows:
            obj = model.from_db(alias, init_list, row[part])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in self.annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


class CompiledQuery:
    """`build(*values)` -> QuerySet, compiled once per database and run with new values on each call.

    `types` are the types of the values `build` takes, none for a query without values; `build` is
    called once per database with marker values of those types and must pass each straight into a
    filter."""

    def __init__(self, build: Callable[..., QuerySet], *types: type, using: str = "default"):
        self.build = build
        self.types = types
        self.using = using
        self._plans: dict[tuple, _Plan] = {}

    def _plan(self, connection) -> _Plan:
        # Keyed by the connection's settings too: tests point "default" at another database.
        key = (connection.vendor, connection.settings_dict.get("NAME"))
        plan = self._plans.get(key)
        if plan is None:
            counter = itertools.count()
            markers = [_MARKERS[kind](next(counter)) for kind in self.types]
            plan = self._plans[key] = _Plan(self.build(*markers), markers, connection)
        return plan

    def all(self, *values) -> list:
        if len(values) != len(self.types):
            raise TypeError(f"expected {len(self.types)} values, got {len(values)}")
        for value, kind in zip(values, self.types, strict=True):
            if not isinstance(value, kind) or (kind is date and isinstance(value, datetime)):
                raise TypeError(f"{value!r} is not a {kind.__name__}")
            if kind is int and not _BIGINT_MIN <= value <= _BIGINT_MAX:
                return []  # no column holds it (an id from a crafted URL): as Django's lookups do
        connection = connections[self.using]
        return self._plan(connection).run(values, connection)

    def first(self, *values):
        rows = self.all(*values)
        return rows[0] if rows else None
