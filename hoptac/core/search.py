"""Full-text search that ignores case and diacritics, đ included (docs/adr/0010).

Each searchable table has a `search_text` column holding its words folded by `hoptac.core.text.fold`,
the function the document engine uses too, with the expansions of the abbreviations it writes
(`search_form`). SQLite searches it with an FTS5 table kept in step by triggers; PostgreSQL with a GIN
index on its tsvector. Words match by prefix: "dong" finds "động", "dang duc" finds "Đặng Đức Thính";
an abbreviation matches itself or its expansion: "htx" finds "hợp tác xã", "hop tac xa" finds "HTX".
"""

import re

from django.db import connection, migrations
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from hoptac.core.text import ABBREVIATIONS, fold

_WORD = re.compile(r"[a-z0-9]+")
MAX_WORDS = 12


def search_words(query: str) -> list[str]:
    """The folded words of a query, at most MAX_WORDS of them.

    >>> search_words("Đặng  ĐỨC, thính!")
    ['dang', 'duc', 'thinh']
    """
    return _WORD.findall(fold(query))[:MAX_WORDS]


def full_text_filter(queryset: QuerySet, query: str, *, column: str = "search_text") -> QuerySet:
    """Rows of `queryset` whose `column` (folded text) holds every word of `query`, as word prefixes."""
    words = search_words(query)
    if not words:
        return queryset.none()
    table = queryset.model._meta.db_table
    if connection.vendor == "sqlite":
        sql = f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s"
        return queryset.filter(pk__in=RawSQL(sql, [fts5_query(words)]))
    tsquery = tsquery_text(words)
    sql = f"SELECT id FROM {table} WHERE {_TSVECTOR.format(column=column)} @@ to_tsquery('simple', %s)"
    return queryset.filter(pk__in=RawSQL(sql, [tsquery]))


def fts5_query(words: list[str]) -> str:
    """An FTS5 MATCH expression: every word as a prefix, an abbreviation or its expansion's phrase.

    >>> fts5_query(["htx", "tam"])
    '("htx"* OR "hop tac xa") AND "tam"*'
    """
    return " AND ".join(
        f'("{word}"* OR "{ABBREVIATIONS[word]}")' if word in ABBREVIATIONS else f'"{word}"*' for word in words
    )


def tsquery_text(words: list[str]) -> str:
    """The same for PostgreSQL's to_tsquery.

    >>> tsquery_text(["htx", "tam"])
    '(htx:* | hop <-> tac <-> xa) & tam:*'
    """
    return " & ".join(
        f"({word}:* | {' <-> '.join(ABBREVIATIONS[word].split())})" if word in ABBREVIATIONS else f"{word}:*"
        for word in words
    )


def similar_filter(queryset: QuerySet, query: str, *, column: str, limit: int = 10) -> QuerySet:
    """On PostgreSQL, the rows whose folded `column` is most like the folded `query` by trigrams
    (misspelt names: "tam sonn" finds "tam son"), best first; elsewhere none. A fallback for when
    `full_text_filter` finds nothing."""
    text = " ".join(search_words(query))
    if connection.vendor != "postgresql" or len(text) < 3:
        return queryset.none()
    table = queryset.model._meta.db_table
    # Names are ours (model metadata); the query text is a parameter. %% is the trigram operator.
    sql = (
        f"SELECT id FROM {table} WHERE {column} %% %s AND similarity({column}, %s) >= {SIMILAR} "
        f"ORDER BY similarity({column}, %s) DESC LIMIT {int(limit)}"
    )
    return queryset.filter(pk__in=RawSQL(sql, [text, text, text]))


# How alike two keys must be to count as a misspelling: "tam sonn" ~ "tam son" is 0.8, while two units
# that only share "hop tac xa" stay under 0.5. pg_trgm's own % (0.3) only narrows the index scan.
SIMILAR = 0.6


# PostgreSQL indexes the folded text through unaccent and lower as well: a row whose search_text some
# bulk path wrote unfolded is still found without diacritics (most of them; đ, which unaccent's rules
# also map, included). For text folded by core.text.fold both are no-ops.
_TSVECTOR = "to_tsvector('simple'::regconfig, hoptac_unaccent(lower(COALESCE({column}, ''))))"


def full_text_index(table: str, *, column: str = "search_text") -> migrations.RunPython:
    """A migration operation creating the search index of `table.column` for the database in use."""

    def create(apps, schema_editor):
        statements = _SQLITE_INDEX if schema_editor.connection.vendor == "sqlite" else _POSTGRES_INDEX
        for statement in statements:
            schema_editor.execute(statement.format(table=table, column=column))

    def drop(apps, schema_editor):
        statements = _SQLITE_DROP if schema_editor.connection.vendor == "sqlite" else _POSTGRES_DROP
        for statement in statements:
            schema_editor.execute(statement.format(table=table, column=column))

    return migrations.RunPython(create, drop)


# The triggers that keep an FTS5 index in step with its table; core/triggers.py makes them again
# after SQLite remakes a table.
SQLITE_TRIGGERS = (
    "CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN "
    "INSERT INTO {table}_fts(rowid, {column}) VALUES (new.id, new.{column}); END",
    "CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "
    "INSERT INTO {table}_fts({table}_fts, rowid, {column}) VALUES ('delete', old.id, old.{column}); END",
    "CREATE TRIGGER {table}_fts_update AFTER UPDATE OF {column} ON {table} BEGIN "
    "INSERT INTO {table}_fts({table}_fts, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
    "INSERT INTO {table}_fts(rowid, {column}) VALUES (new.id, new.{column}); END",
)
_SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE {table}_fts USING fts5({column}, content='{table}', content_rowid='id')",
    "INSERT INTO {table}_fts(rowid, {column}) SELECT id, {column} FROM {table}",
    *SQLITE_TRIGGERS,
)
_SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS {table}_fts_insert",
    "DROP TRIGGER IF EXISTS {table}_fts_delete",
    "DROP TRIGGER IF EXISTS {table}_fts_update",
    "DROP TABLE IF EXISTS {table}_fts",
)
_POSTGRES_INDEX = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # unaccent() is only STABLE (its dictionary could change); an index needs an IMMUTABLE function.
    "CREATE OR REPLACE FUNCTION hoptac_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "STRICT AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$",
    f"CREATE INDEX {{table}}_search ON {{table}} USING gin ({_TSVECTOR})",
)
_POSTGRES_DROP = ("DROP INDEX IF EXISTS {table}_search",)
