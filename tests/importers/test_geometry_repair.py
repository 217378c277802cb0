"""The repair rule for invalid geometries (importers/geometry_repair.py): pure verdicts, then ST_MakeValid."""

import pytest
from django.contrib.gis.geos import GEOSGeometry

from importers.geometry_repair import repair_verdict, valid_or_repaired


def wkb(wkt: str) -> bytes:
    return bytes(GEOSGeometry(wkt, srid=4326).wkb)


@pytest.mark.parametrize(
    ("dim", "empty", "before", "after", "verdict"),
    [
        (2, False, 100.0, 100.0, None),
        (2, False, 100.0, 100.99, None),
        (2, False, 100.0, 101.01, "repairing it would change its area by 1.0% (at most 1% is safe)"),
        (2, False, 0.0, 50.0, "repairing it would change its area by > 100% (at most 1% is safe)"),
        (1, False, 10.0, 9.0, "repairing it would change its length by 10.0% (at most 1% is safe)"),
        (2, True, 100.0, 0.0, "repairing it leaves no polygon"),
        (0, True, 0.0, 0.0, "repairing it leaves no point"),
        (0, False, 0.0, 0.0, None),
    ],
)
def test_repair_verdict(dim, empty, before, after, verdict):
    assert repair_verdict(dim=dim, fixed_empty=empty, size_before=before, size_after=after) == verdict


def test_valid_geometries_pass_untouched(db):
    square = wkb("POLYGON((37.98 44.92, 37.99 44.92, 37.99 44.93, 37.98 44.93, 37.98 44.92))")

    assert valid_or_repaired(square) == (square, None)


def test_a_spike_is_cut_off_and_the_area_kept(db):
    spiked = wkb("POLYGON((0 0, 10 0, 10 10, 5 10, 5 15, 5 10, 0 10, 0 0))")

    fixed, problem = valid_or_repaired(spiked)

    repaired = GEOSGeometry(memoryview(fixed))
    assert problem is None
    assert repaired.valid and repaired.area == 100.0 and repaired.geom_type in ("Polygon", "MultiPolygon")


def test_a_bowtie_is_rejected_with_the_place_and_the_reason(db):
    bowtie = wkb("POLYGON((37.98 44.92, 37.99 44.93, 37.99 44.92, 37.98 44.93, 37.98 44.92))")

    assert valid_or_repaired(bowtie) == (
        None,
        "invalid geometry: Self-intersection at POINT(37.985 44.925); "
        "repairing it would change its area by > 100% (at most 1% is safe)",
    )


def test_a_hole_outside_its_shell_is_rejected(db):
    outside = wkb("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 25 20, 25 25, 20 25, 20 20))")

    fixed, problem = valid_or_repaired(outside)

    assert fixed is None
    assert problem.startswith("invalid geometry: Hole lies outside shell at POINT(20 20); repairing it would")


def test_a_line_folded_back_on_itself_keeps_its_length(db):
    # A valid line per OGC; a degenerate one with all points equal collapses to a point and is refused.
    assert valid_or_repaired(wkb("LINESTRING(0 0, 1 1, 0 0)"))[1] is None
    fixed, problem = valid_or_repaired(wkb("LINESTRING(1 1, 1 1)"))
    assert fixed is None and "repairing it leaves no line" in problem
