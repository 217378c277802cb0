"""Writes the tension rollup: the time-zone function the triggers use, and the full rebuild."""

import re
import time
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from appeals.services.features import install_public_test
from appeals.workflow import OPEN_STATUSES
from geoportal.db import fetch_value, sql_file, status_test_function

_ZONE_NAME = re.compile(r"^[A-Za-z0-9_+\-/]+$")


def install_time_zone(schema_editor=None) -> None:
    """(Re)creates tension_tz() — the local day of an appeal is taken in settings.TIME_ZONE —,
    tension_open(status), true for appeals.workflow.OPEN_STATUSES, and tension_half_life(), the
    TENSION["HALF_LIFE_DAYS"] the monthly rollup is summed with (change any of them: run rebuild_tension);
    and the appeals app's appeals_public(status), which the res-12 cell counts use (so that the tension
    migrations, which may run before the appeals' own, find it)."""
    zone = settings.TIME_ZONE
    zoneinfo.ZoneInfo(zone)  # raises for an unknown zone
    if not _ZONE_NAME.match(zone):
        raise ValueError(f"unexpected time zone name {zone!r}")
    # A zone name cannot be a bound parameter inside a function body; it is checked above.
    sql = (
        "CREATE OR REPLACE FUNCTION tension_tz() RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
        f"AS $$ SELECT '{zone}'::text $$"
    )
    is_open = status_test_function("tension_open", "IN", OPEN_STATUSES)
    half_life = float(settings.TENSION["HALF_LIFE_DAYS"])
    if not half_life > 0:
        raise ValueError(f"TENSION['HALF_LIFE_DAYS'] must be positive, not {half_life!r}")
    half_life_sql = (
        "CREATE OR REPLACE FUNCTION tension_half_life() RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE "
        f"AS $$ SELECT {half_life!r}::float8 $$"
    )
    for statement in (sql, is_open, half_life_sql):
        if schema_editor is not None:
            schema_editor.execute(statement)
        else:
            with connection.cursor() as cur:
                cur.execute(statement)
    install_public_test(schema_editor)


@dataclass(frozen=True)
class RebuildResult:
    appeals: int
    rows: int
    cells: int
    seconds: float


@transaction.atomic
def rebuild_rollup() -> RebuildResult:
    """Recomputes the rollup from every appeal; appeal writes wait for it (SHARE lock), reads do not."""
    started = time.monotonic()
    install_time_zone()
    with connection.cursor() as cur:
        cur.execute("LOCK TABLE appeals_appeal IN SHARE MODE")
        cur.execute(sql_file("tension", "rollup_rebuild"))
        cur.execute(sql_file("tension", "cellstatus_rebuild"))
        cur.execute(sql_file("tension", "pointcell_rebuild"))
        cur.execute(sql_file("tension", "monthly_rebuild"))
    return RebuildResult(
        appeals=fetch_value("SELECT count(*) FROM appeals_appeal"),
        rows=fetch_value("SELECT count(*) FROM tension_tensionrollup"),
        cells=fetch_value("SELECT count(*) FROM tension_tensioncell"),
        seconds=time.monotonic() - started,
    )


def tension_rebuild() -> str:
    """Rollup, cell registrations and outlines, then the population estimate; returns a summary line."""
    from tension.cells import rebuild_population

    rollup = rebuild_rollup()
    population = rebuild_population()
    return _(
        "%(appeals)d appeals → %(rows)d rollup rows, %(cells)d cells; %(residents).0f residents estimated "
        "from %(buildings)d residential buildings"
    ) % {
        "appeals": rollup.appeals,
        "rows": rollup.rows,
        "cells": population.cells if population.cells > rollup.cells else rollup.cells,
        "residents": population.residents,
        "buildings": population.buildings,
    }
