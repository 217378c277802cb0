"""The staging table of one import run: COPY in batches, find the rows that cannot be written, upsert.

Used only by `importers.services.run_import`, inside its transaction. Geometry goes in as hex EWKB with
SRID 4326; the checks and the upsert are set-based SQL from importers/sql/.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from psycopg import sql

from geoportal.db import sql_file
from importers.targets import TARGET_SPECS, TargetSpec

COPY_SQL = "COPY import_stage (seq, target, row_no, source_id, fields, geom) FROM STDIN"


@dataclass(frozen=True, slots=True)
class StagedProblem:
    """A staged row that cannot be written (codes: see importers/sql/stage_problems.sql)."""

    seq: int
    row: int
    target: str
    source_id: str
    first_row: int
    problem: str
    detail: str | None


class Stage:
    """Rows of one run in the temp table `import_stage`. `cursor` is a Django cursor in a transaction."""

    def __init__(self, cursor, *, batch_size: int):
        self.cursor = cursor
        self.batch_size = batch_size
        self.rows: list[tuple] = []
        self.count = 0
        cursor.execute("DROP TABLE IF EXISTS import_stage")
        cursor.execute(sql_file("importers", "stage_create"))

    def add(self, *, target: str, row: int, source_id: str, fields_json: str, geom_ewkb: str | None) -> None:
        """Queue one row; COPY the queue when it holds a batch."""
        self.count += 1
        self.rows.append((self.count, target, row, source_id, fields_json, geom_ewkb))
        if len(self.rows) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """COPY the queued rows (psycopg 3 `cursor.copy`, text format)."""
        if not self.rows:
            return
        with self.cursor.cursor.copy(COPY_SQL) as copy:
            for row in self.rows:
                copy.write_row(row)
        self.rows = []

    def problems(self) -> list[StagedProblem]:
        """Rows with no / empty / invalid / out-of-range / wrong-type geometry or a repeated source id."""
        self.flush()
        polygon_targets = [spec.name for spec in TARGET_SPECS.values() if spec.polygonal]
        self.cursor.execute(sql_file("importers", "stage_problems"), {"polygon_targets": polygon_targets})
        return [StagedProblem(*row) for row in self.cursor.fetchall()]

    def discard(self, seqs: Iterable[int]) -> None:
        """Remove rows from the stage (rejects, when the run allows them)."""
        seqs = list(seqs)
        if seqs:
            self.cursor.execute("DELETE FROM import_stage WHERE seq = ANY(%s)", [seqs])

    def upsert(
        self, spec: TargetSpec, *, provided: set[str], source: str, layer_id: int | None
    ) -> tuple[int, int]:
        """INSERT … ON CONFLICT DO UPDATE the target's staged rows; returns (inserted, updated).

        New rows get every column (defaults filled in Python); existing rows get only the `provided`
        columns, the geometry and updated_at, so columns the source does not carry keep their values.
        """
        self.flush()
        query = upsert_query(spec, provided)
        params = {"target": spec.name, "source": source, "layer_id": layer_id}
        self.cursor.execute(query.as_string(connection.connection), params)
        inserted, updated = self.cursor.fetchone()
        return inserted, updated

    def replace_layer(self, layer_id: int) -> int:
        """Delete the layer's features that no staged row brings (replace mode); returns how many."""
        self.cursor.execute(sql_file("importers", "layer_replace"), {"layer_id": layer_id})
        return self.cursor.rowcount

    def drop(self) -> None:
        self.cursor.execute("DROP TABLE IF EXISTS import_stage")


def upsert_query(spec: TargetSpec, provided: set[str]) -> sql.Composed:
    """The upsert statement for one target (importers/sql/upsert.sql with its identifiers filled in)."""
    geom = sql.SQL("ST_Force2D(s.geom)")
    if spec.polygonal:
        geom = sql.SQL("ST_Multi({})").format(geom)
    model_columns = list(spec.columns)
    values = {name: sql.SQL("f.{}").format(sql.Identifier(name)) for name in model_columns}
    if "area_m2" in values:
        values["area_m2"] = sql.SQL("COALESCE(f.area_m2, ST_Area(({})::geography))").format(geom)
    if spec.conflict[0] == "layer_id":
        head = {"layer_id": sql.SQL("%(layer_id)s"), "source_id": sql.SQL("s.source_id")}
    else:
        head = {"source": sql.SQL("%(source)s"), "source_id": sql.SQL("s.source_id")}
    tail = {"geom": geom}
    field_names = {f.name for f in spec.model._meta.concrete_fields}
    tail.update({name: sql.SQL("now()") for name in ("created_at", "updated_at") if name in field_names})
    insert = {**head, **values, **tail}
    updated = [name for name in model_columns if name in provided or name == "area_m2"]
    updated += [name for name in ("geom", "updated_at") if name in insert]
    return sql.SQL(sql_file("importers", "upsert")).format(
        table=sql.Identifier(spec.model._meta.db_table),
        columns=sql.SQL(", ").join(sql.Identifier(name) for name in insert),
        values=sql.SQL(", ").join(insert.values()),
        conflict=sql.SQL(", ").join(sql.Identifier(name) for name in spec.conflict),
        updates=sql.SQL(", ").join(
            sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(name)) for name in updated
        ),
    )
