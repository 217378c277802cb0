"""appeals.routing on real Krymsk geometry: asset owner within 30 m first, then category × zone."""

from django.contrib.gis.geos import Point
from django.db import connection

from appeals.models import Category
from appeals.routing import ASSET_RADIUS_M, route, route_appeal
from geoportal.db import fetch_value, sql_file
from layers.models import AdminArea, Asset
from tests.appeals import staff_fixtures
from tests.appeals.staff_fixtures import LENINA, STATION, offset

town = staff_fixtures.town


def pt(lonlat) -> Point:
    return Point(*lonlat, srid=4326)


def nearest_road_m(lonlat) -> float:
    return fetch_value(
        "SELECT min(ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography))"
        " FROM layers_asset WHERE kind = 'road'",
        list(lonlat),
    )


def a_road_vertex() -> tuple[float, float]:
    road = Asset.objects.filter(kind=Asset.Kind.ROAD).order_by("id").first()
    return road.geom.coords[1]


def test_asset_bound_category_goes_to_the_owner_of_the_nearest_asset(town):
    on_road = offset(a_road_vertex(), north_m=5)
    assert nearest_road_m(on_road) < ASSET_RADIUS_M
    decision = route(category=town.cat.potholes, point=pt(on_road))
    assert decision.department == town.contractor  # the asset owner beats the category's department
    assert 0 < decision.distance_m < ASSET_RADIUS_M


def test_no_asset_within_30_m_falls_back_to_the_category_department(town):
    assert nearest_road_m(LENINA) > ASSET_RADIUS_M  # Lenina 12 lies in a block, off every road
    decision = route(category=town.cat.potholes, point=pt(LENINA))
    assert decision.department == town.roads
    assert decision.asset_id is None and decision.zone_id == town.municipality.pk


def test_the_30_m_limit_is_geodesic(town):
    lamp = offset(LENINA, east_m=200)
    Asset.objects.create(kind=Asset.Kind.STREETLIGHT, department=town.roads, geom=pt(lamp))
    # 29 m east (longitude degrees are ~0.71 of latitude degrees here: a degree-based radius would fail)
    assert route_appeal(category=town.cat.streetlight, point=pt(offset(lamp, east_m=-29))) == town.roads
    assert route_appeal(category=town.cat.streetlight, point=pt(offset(lamp, east_m=-31))) == town.energy
    assert route_appeal(category=town.cat.streetlight, point=pt(offset(lamp, north_m=29))) == town.roads
    assert route_appeal(category=town.cat.streetlight, point=pt(offset(lamp, north_m=31))) == town.energy


def test_the_nearest_of_several_assets_wins_and_ownerless_ones_are_skipped(town):
    Asset.objects.create(kind=Asset.Kind.STREETLIGHT, department=None, geom=pt(offset(LENINA, north_m=2)))
    Asset.objects.create(
        kind=Asset.Kind.STREETLIGHT, department=town.roads, geom=pt(offset(LENINA, north_m=12))
    )
    Asset.objects.create(
        kind=Asset.Kind.STREETLIGHT, department=town.contractor, geom=pt(offset(LENINA, east_m=8))
    )
    # A road is not a streetlight, however close.
    decision = route(category=town.cat.streetlight, point=pt(LENINA))
    assert decision.department == town.contractor
    assert abs(decision.distance_m - 8) < 0.2


def test_zone_rule_walks_up_the_rubricator(town):
    # "greenery" belongs to a department responsible for the northern zone only; its parent category
    # "improvement" belongs to a department with no zones (responsible everywhere).
    north = route(category=town.cat.greenery, point=pt(LENINA))
    assert (
        north.department == town.greenery_north and north.zone_id == town.zone_north.pk and north.depth == 0
    )
    south = route(category=town.cat.greenery, point=pt(STATION))
    assert south.department == town.improvement and south.zone_id is None and south.depth == 1


def test_nobody_responsible_gives_none(town):
    assert route_appeal(category=town.cat.orphan, point=pt(LENINA)) is None
    town.cat.greenery.parent = None
    town.cat.greenery.save()
    assert route_appeal(category=Category.objects.get(pk=town.cat.greenery.pk), point=pt(STATION)) is None


def test_a_point_on_the_zone_border_counts_as_inside(town):
    border = fetch_value(
        "SELECT ST_AsText(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1))"
        " FROM layers_adminarea WHERE id = %s",
        [town.zone_north.pk],
    )
    point = Point.from_ewkt(f"SRID=4326;{border}")
    assert route_appeal(category=town.cat.greenery, point=point) == town.greenery_north
    assert (
        AdminArea.objects.filter(pk=town.zone_north.pk, geom__contains=point).count() == 0
    )  # truly on the edge


def test_the_asset_query_uses_the_gist_index(town):
    params = {"lon": LENINA[0], "lat": LENINA[1], "kinds": ["road"], "radius_m": ASSET_RADIUS_M}
    with connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("EXPLAIN " + sql_file("appeals", "routing_nearest_asset"), params)
        plan = "\n".join(row[0] for row in cur.fetchall())
    assert "layers_asset_geom" in plan and "Index" in plan
