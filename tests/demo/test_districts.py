"""Demo districts and ТОС on a real slice of Krymsk: cover, clip, no overlap, ТОС inside their district."""

import pytest

from demo.districts import N_DISTRICTS, TOS_NAMES, districts_build
from demo.services import DemoDataError
from geoportal.db import fetch_rows, fetch_value
from layers.models import AdminArea

pytestmark = pytest.mark.django_db


def test_eight_named_demo_districts_with_population(demo_town):
    districts = AdminArea.objects.filter(kind="district").order_by("code")
    assert [d.name for d in districts] == [f"Микрорайон {n}" for n in range(1, N_DISTRICTS + 1)]
    assert all(d.is_demo and d.source == "demo" and d.source_id == d.code for d in districts)
    assert all(d.parent.kind == "municipality" for d in districts)
    assert all(d.population and d.population > 0 for d in districts)


def test_every_building_inside_the_town_is_in_exactly_one_district(demo_town):
    rows = fetch_rows(
        """SELECT b.id, count(d.id)
           FROM layers_property b
           JOIN layers_adminarea m ON m.kind = 'municipality' AND ST_Contains(m.geom, ST_Centroid(b.geom))
           LEFT JOIN layers_adminarea d ON d.kind = 'district' AND ST_Contains(d.geom, ST_Centroid(b.geom))
           GROUP BY b.id"""
    )
    assert len(rows) >= demo_town.sizes["buildings"] - 2  # the extract has 2 buildings outside the boundary
    assert {n for _, n in rows} == {1}


def test_districts_are_clipped_to_the_boundary_and_tile_it(demo_town):
    outside_m2, union_m2, town_m2 = fetch_rows(
        """SELECT max(ST_Area(ST_Difference(d.geom, m.geom)::geography)),
                  ST_Area(ST_Union(d.geom)::geography), ST_Area(m.geom::geography)
           FROM layers_adminarea d, layers_adminarea m
           WHERE d.kind = 'district' AND m.kind = 'municipality' GROUP BY m.geom"""
    )[0]
    assert outside_m2 < 1.0
    assert union_m2 == pytest.approx(town_m2, rel=1e-4)


def test_districts_do_not_overlap(demo_town):
    overlap_m2 = fetch_value(
        """SELECT coalesce(max(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0)
           FROM layers_adminarea a JOIN layers_adminarea b ON a.id < b.id AND a.geom && b.geom
           WHERE a.kind = 'district' AND b.kind = 'district'"""
    )
    assert overlap_m2 < 1.0


def test_tos_are_small_and_inside_their_district(demo_town):
    tos = list(AdminArea.objects.filter(kind="tos").select_related("parent").order_by("code"))
    assert [t.name for t in tos] == sorted(TOS_NAMES, key=TOS_NAMES.index)
    assert all(t.name.startswith("ТОС «") and t.parent.kind == "district" and t.is_demo for t in tos)
    for t in tos:
        outside_m2, area_m2 = fetch_rows(
            "SELECT ST_Area(ST_Difference(t.geom, d.geom)::geography), ST_Area(t.geom::geography)"
            " FROM layers_adminarea t JOIN layers_adminarea d ON d.id = t.parent_id WHERE t.id = %s",
            [t.pk],
        )[0]
        assert outside_m2 < 1.0, t.code
        assert 2_000 < area_m2 < 1_000_000, t.code  # a few blocks, not a district
        assert t.population > 0


def test_too_few_buildings_is_a_clear_error_and_writes_nothing(demo_town):
    square = "SRID=4326;MULTIPOLYGON(((0 0,0 0.01,0.01 0.01,0 0)))"  # in the sea off Africa
    empty = AdminArea.objects.create(kind="municipality", name="Пусто", code="empty", geom=square)
    before = AdminArea.objects.filter(kind="district").count()
    with pytest.raises(DemoDataError, match="too few for 8 districts"):
        districts_build(municipality=empty)
    assert AdminArea.objects.filter(kind="district").count() == before
