"""The raw-SQL references: the same GeoJSON text straight from PostgreSQL, timed without any web server.

- a 10,000-feature page: the SQL behind GET /api/v1/appeals (appeals/sql/appeals_public_geojson.sql with
  the rows of appeals_public_kept_rows.sql, the read model, as the view runs it without filters), with the
  same parameters the view binds, through psycopg (query + transfer of the text) and as a `psql -c`
  command (wall time of the process, its start-up included); and the same page with every Feature built
  from its appeal row (appeals_public_rows.sql, the view's path when a filter is given);
- the full export: `COPY (appeals/sql/appeals_export_kept.sql) TO STDOUT` (the read model's texts, as
  the view runs it without filters) with the export's own session settings (JIT off), read row by row
  through psycopg into 1 MB chunks (what the view does, without HTTP), and as `psql -c "COPY …" >
  /dev/null`;
- a vector tile: ST_AsMVT of the public appeals in the tile (the classic tile query, no feature cap).
Every session runs with TimeZone UTC, as Django's connection does.
"""

import re
import subprocess
import time
from pathlib import Path

import psycopg
from psycopg import ClientCursor

ROOT = Path(__file__).resolve().parent.parent
LIST_SQL = ROOT / "appeals" / "sql" / "appeals_public_geojson.sql"
LIST_ROWS = {
    "kept": ROOT / "appeals" / "sql" / "appeals_public_kept_rows.sql",
    "built": ROOT / "appeals" / "sql" / "appeals_public_rows.sql",
}
EXPORT_SQL = ROOT / "appeals" / "sql" / "appeals_export_kept.sql"
# What the export view sets for its COPY (appeals/api/export.py), as libpq options: the reference too.
EXPORT_OPTIONS = "-c jit=off"
COPY_OPTIONS = "(FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')"
MVT_SQL = """
SELECT ST_AsMVT(t.*, 'appeals', 4096, 'geom') FROM (
  SELECT ST_AsMVTGeom(ST_Transform(a.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 64, true)
           AS geom, a.id, a.kind, a.status, a.category_id
  FROM appeals_appeal a
  WHERE a.status <> ALL (%(hidden)s::text[])
    AND a.geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 64.0 / 4096), 4326)) t
"""


def pg_url(database_url: str) -> str:
    """A libpq URL from a Django one (postgis:// → postgresql://)."""
    return re.sub(r"^postgis://", "postgresql://", database_url)


def connect(database_url: str, *, options: str = "") -> psycopg.Connection:
    """An autocommit connection with TimeZone UTC; `options` are libpq's (e.g. "-c jit=off")."""
    conn = psycopg.connect(pg_url(database_url), autocommit=True, options=options)
    conn.execute("SET TIME ZONE 'UTC'")
    return conn


def list_sql(rows: str = "kept") -> str:
    """The list's SQL with the rows of LIST_ROWS[rows] (the read model, or Features built from the rows)."""
    return LIST_SQL.read_text(encoding="utf-8").replace("{rows}", LIST_ROWS[rows].read_text(encoding="utf-8"))


def list_params(sql: str, *, hidden: list[str], limit: int) -> dict:
    """Parameters for the list SQL as the view binds them for `?limit=N`: no filter, first page."""
    params = {name: None for name in re.findall(r"%\((\w+)\)s", sql)}
    params.update(
        hidden=hidden, after=0, page_size=limit, next_prefix="http://127.0.0.1/api/v1/appeals?cursor="
    )
    return params


def render(conn: psycopg.Connection, sql: str, params: dict) -> str:
    """The SQL with its parameters written in as literals (for psql -c)."""
    with ClientCursor(conn) as cur:
        return cur.mogrify(sql, params)


def time_list_psycopg(conn: psycopg.Connection, sql: str, params: dict) -> tuple[float, int]:
    """(seconds, bytes of GeoJSON text) of one run of the list SQL through psycopg."""
    t0 = time.perf_counter()
    text = conn.execute(sql, params).fetchone()[0]
    return time.perf_counter() - t0, len(text.encode("utf-8"))


def time_psql(database_url: str, command: str, *, options: str = "") -> float:
    """Wall time of `psql -X -q -c command > /dev/null` (the process's start-up and connection included);
    `options` go to the server as PGOPTIONS."""
    t0 = time.perf_counter()
    subprocess.run(
        ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", pg_url(database_url), "-c", command],
        check=True,
        stdout=subprocess.DEVNULL,
        env={"PGTZ": "UTC", "PGOPTIONS": options, "PATH": "/usr/bin:/bin"},
    )
    return time.perf_counter() - t0


def export_statement(*, hidden: list[str]) -> tuple[str, dict]:
    """The export's COPY statement and its parameters with no filter."""
    sql = EXPORT_SQL.read_text(encoding="utf-8").strip()
    params = {name: None for name in re.findall(r"%\((\w+)\)s", sql)}
    if "hidden" in params:
        params["hidden"] = hidden
    return f"COPY ({sql}) TO STDOUT {COPY_OPTIONS}", params


def time_copy_psycopg(conn: psycopg.Connection, statement: str, params: dict) -> dict:
    """One raw export through psycopg: seconds, first-row seconds, rows and bytes (1 MB chunks, discarded).
    `conn` should carry EXPORT_OPTIONS, as the view's session does."""
    t0 = time.perf_counter()
    first = None
    rows = nbytes = 0
    buffer = bytearray()
    with conn.cursor() as cur, cur.copy(statement, params) as copy:
        for row in copy:
            if first is None:
                first = time.perf_counter() - t0
            buffer += row
            rows += 1
            if len(buffer) >= 1 << 20:
                nbytes += len(buffer)
                buffer.clear()
    nbytes += len(buffer)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "first_row_s": first or seconds, "rows": rows, "bytes": nbytes}


def time_mvt(conn: psycopg.Connection, *, z: int, x: int, y: int, hidden: list[str]) -> tuple[float, int]:
    """(seconds, tile bytes) of the reference ST_AsMVT query for one tile."""
    t0 = time.perf_counter()
    tile = conn.execute(MVT_SQL, {"z": z, "x": x, "y": y, "hidden": hidden}).fetchone()[0]
    return time.perf_counter() - t0, len(tile or b"")
