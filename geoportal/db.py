"""Runs the hot-path SQL files that live in each app's sql/ folder.

SQL files are read once and cached; parameters are always bound by psycopg (never formatted into text).
"""

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection
from psycopg.adapt import Loader


@cache
def sql_file(app_label: str, name: str) -> str:
    """The text of `<app>/sql/<name>.sql`. Raises FileNotFoundError for an unknown file."""
    path = Path(apps.get_app_config(app_label).path) / "sql" / f"{name}.sql"
    return path.read_text(encoding="utf-8")


def fetch_value(sql: str, params: Any = None) -> Any:
    """First column of the first row of `sql`, or None when there is no row."""
    with connection.cursor() as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
    return row[0] if row else None


class RawTextLoader(Loader):
    """Loads a text column as the UTF-8 bytes PostgreSQL sent: nothing decoded, nothing to re-encode
    (the database encoding is UTF8). Register it on a cursor: cur.cursor.adapters.register_loader."""

    def load(self, data) -> bytes:
        return bytes(data)


def fetch_bytes_row(sql: str, params: Any = None) -> tuple | None:
    """The first row of `sql` with its text columns as raw UTF-8 bytes, or None when there is no row.

    For documents PostgreSQL assembles (GeoJSON pages): a 5 MB page is written to the response untouched,
    skipping a decode to str and an encode back.
    """
    with connection.cursor() as cur:
        cur.cursor.adapters.register_loader("text", RawTextLoader)
        cur.execute(sql, params)
        return cur.fetchone()


def fetch_bytes(sql: str, params: Any = None) -> bytes | None:
    """First column of the first row of `sql` (text) as raw UTF-8 bytes, or None when there is no row."""
    row = fetch_bytes_row(sql, params)
    return row[0] if row else None


def fetch_rows(sql: str, params: Any = None) -> list[tuple]:
    """All rows of `sql` as tuples."""
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def fetch_dicts(sql: str, params: Any = None) -> list[dict[str, Any]]:
    """All rows of `sql` as dicts keyed by column name."""
    with connection.cursor() as cur:
        cur.execute(sql, params)
        names = [c.name for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


_STATUS_NAME = re.compile(r"^[a-z_]+$")


def status_test_function(name: str, test: str, statuses: Iterable[str]) -> str:
    """CREATE OR REPLACE FUNCTION name(status text) RETURNS boolean: `status <test> (statuses)`, e.g.
    ("appeals_public", "NOT IN", HIDDEN_STATUSES). Triggers classify statuses with it at write time; the
    names are checked, since they are written into the function's text."""
    names = sorted(statuses)
    if not all(_STATUS_NAME.match(s) for s in names) or test not in ("IN", "NOT IN"):
        raise ValueError(f"unexpected status test {test!r} {names!r}")
    quoted = ", ".join(f"'{s}'" for s in names)
    return (
        f"CREATE OR REPLACE FUNCTION {name}(status text) RETURNS boolean LANGUAGE sql IMMUTABLE "
        f"PARALLEL SAFE AS $$ SELECT status {test} ({quoted}) $$"
    )
