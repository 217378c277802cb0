"""The daily rollup stays equal to a rebuild from the appeals through every kind of write."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from appeals.models import Appeal
from appeals.workflow import AppealStatus
from geoportal.db import fetch_rows
from tension.hexes import cell_of, parent_of
from tension.models import TensionCell
from tension.services.rollup import rebuild_rollup
from tests.appeals.public_support import (  # noqa: F401
    LENINA,
    MIX_AT,
    STATION,
    copy_appeals,
    make_appeal,
    mixed_appeals,
    town,
)

SNAPSHOT = """
SELECT day, cell, category_id, kind, status, due_day, n, round(sw::numeric, 9)
FROM tension_tensionrollup WHERE n <> 0 OR abs(sw) > 1e-9 ORDER BY 1, 2, 3, 4, 5, 6
"""


CELL_STATUS = (
    "SELECT cell, kind, status, due_day, n FROM tension_tensioncellstatus WHERE n <> 0 ORDER BY 1, 2, 3, 4"
)


POINT_CELLS = (
    "SELECT cell, kind, n, public, open, answered, closed"
    " FROM tension_tensionpointcell WHERE n <> 0 ORDER BY 1, 2"
)
MONTHLY = (
    "SELECT month, cell, category_id, kind, status, n, round(swd::numeric, 9)"
    " FROM tension_tensionmonthlyrollup WHERE n <> 0 OR abs(swd) > 1e-9 ORDER BY 1, 2, 3, 4, 5"
)


def snapshot() -> list[tuple]:
    return fetch_rows(SNAPSHOT)


def assert_rollup_matches_a_rebuild():
    kept, statuses, points, monthly = (fetch_rows(q) for q in (SNAPSHOT, CELL_STATUS, POINT_CELLS, MONTHLY))
    rebuild_rollup()
    assert kept == snapshot() and statuses == fetch_rows(CELL_STATUS) and points == fetch_rows(POINT_CELLS)
    assert monthly == fetch_rows(MONTHLY)


@pytest.fixture
def appeals(town):  # noqa: F811
    return town | {"made": mixed_appeals(town), "now": MIX_AT}


def test_inserts_fill_the_rollup(appeals):
    rows = snapshot()
    assert sum(row[6] for row in rows) == 3
    assert {row[1] for row in rows} == {parent_of(cell_of(*LENINA), 9), parent_of(cell_of(*STATION), 9)}
    assert_rollup_matches_a_rebuild()


def test_local_day_is_taken_in_the_municipality_time_zone(town):  # noqa: F811
    # 22:30 UTC on 29 June is 01:30 on 30 June in Moscow.
    make_appeal(town["roads"], created_at=datetime(2026, 6, 29, 22, 30, tzinfo=UTC))
    assert [row[0].isoformat() for row in snapshot()] == ["2026-06-30"]


def test_updates_move_appeals_between_keys(appeals):
    first, second, third = appeals["made"]
    Appeal.objects.filter(pk=first.pk).update(status=AppealStatus.ANSWERED)
    Appeal.objects.filter(pk=second.pk).update(supports_count=7, due_at=appeals["now"])
    third.text = "Поменяли только текст обращения"
    third.save()
    Appeal.objects.filter(pk=third.pk).update(h3=cell_of(*LENINA))  # moved to another cell
    assert_rollup_matches_a_rebuild()
    assert ("answered", 1) in {(row[4], row[6]) for row in snapshot()}


def test_deletes_take_appeals_out(appeals):
    Appeal.objects.filter(pk=appeals["made"][2].pk).delete()
    assert sum(row[6] for row in snapshot()) == 2
    assert_rollup_matches_a_rebuild()


def test_copy_is_rolled_up_and_registers_cells(town):  # noqa: F811
    lon, lat = STATION
    copy_appeals(town["roads"], STATION, 50)
    assert sum(row[6] for row in snapshot()) == 50
    assert_rollup_matches_a_rebuild()
    cells = set(TensionCell.objects.values_list("h3", "res"))
    assert {(parent_of(cell_of(lon, lat), res), res) for res in range(5, 11)} <= cells


def test_open_appeals_keep_their_due_day_in_the_cell_counts(appeals):
    rows = fetch_rows(CELL_STATUS)
    assert {(status, due is not None) for _, _, status, due, _ in rows} == {
        ("registered", True),
        ("in_progress", False),
        ("registered", False),
    }
    assert sum(n for *_, n in rows) == 3


@pytest.mark.django_db(transaction=True)
def test_truncate_empties_the_counts(appeals):  # what flushing a test database does
    with connection.cursor() as cur:
        cur.execute("TRUNCATE appeals_appeal CASCADE")
    assert snapshot() == [] and fetch_rows(CELL_STATUS) == [] and fetch_rows(POINT_CELLS) == []
    assert fetch_rows(MONTHLY) == []
