"""The SQL h3_parent / h3_children_* bit arithmetic against h3-py, pentagons included."""

import h3
import pytest

from geoportal.db import fetch_rows, fetch_value

KRYMSK_LENINA = (37.9877, 44.9300)  # (lon, lat)


def as_signed(cell: str) -> int:
    value = h3.str_to_int(cell)
    return value - (1 << 64) if value >= 1 << 63 else value


def res15_cells() -> list[str]:
    """A Krymsk point, and a res-15 descendant of each of the 12 pentagons (the center child stays one)."""
    cells = [h3.latlng_to_cell(KRYMSK_LENINA[1], KRYMSK_LENINA[0], 15)]
    cells += [h3.cell_to_center_child(p, 15) for p in h3.get_pentagons(0)]
    return cells


@pytest.mark.django_db
@pytest.mark.parametrize("cell", res15_cells())
def test_h3_parent_matches_h3py_at_every_resolution(cell):
    assert h3.is_pentagon(cell) or cell == res15_cells()[0]
    rows = fetch_rows(
        "SELECT r, h3_parent(%s::bigint, r) FROM generate_series(0, 15) AS r ORDER BY r", [as_signed(cell)]
    )
    for res, parent in rows:
        assert parent == as_signed(h3.cell_to_parent(cell, res)), f"resolution {res}"


@pytest.mark.django_db
def test_h3_parent_of_non_center_pentagon_children():
    """Children of a pentagon that are not its centre child (digit 1 is deleted for pentagons)."""
    pentagon = h3.get_pentagons(5)[3]
    for child in h3.cell_to_children(pentagon, 7):
        leaf = h3.cell_to_center_child(child, 15)
        for res in range(0, 16):
            got = fetch_value("SELECT h3_parent(%s::bigint, %s)", [as_signed(leaf), res])
            assert got == as_signed(h3.cell_to_parent(leaf, res))


@pytest.mark.django_db
def test_children_range_holds_exactly_the_descendants():
    lon, lat = KRYMSK_LENINA
    parent = h3.latlng_to_cell(lat, lon, 9)
    lo, hi = fetch_rows(
        "SELECT h3_children_min(%s::bigint, 15), h3_children_max(%s::bigint, 15)",
        [as_signed(parent), as_signed(parent)],
    )[0]
    inside = h3.cell_to_center_child(parent, 15)
    neighbour = h3.cell_to_center_child(h3.grid_ring(parent, 1)[0], 15)
    assert lo <= as_signed(inside) <= hi
    assert not lo <= as_signed(neighbour) <= hi
    assert h3.int_to_str(lo) == h3.cell_to_center_child(parent, 15)  # all digits 0: the smallest child
    # hi (all digits 7) is no cell itself, only the upper bound: every res-12 child's descendants lie below
    for child in h3.cell_to_children(parent, 12):
        assert lo <= as_signed(h3.cell_to_center_child(child, 15)) <= hi
