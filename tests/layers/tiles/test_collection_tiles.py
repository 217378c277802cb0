"""GET /tiles/{collection}/{z}/{x}/{y}.mvt: MVT from PostGIS, decoded with mapbox-vector-tile.

Layer name = collection id, feature id = row id, public properties only; ETag / 304, Cache-Control,
204 for an empty tile or a zoom below the collection's min_zoom, 400 / 404 with a reason.
"""

import pytest
from django.contrib.gis.geos import LineString, MultiPolygon, Point, Polygon
from django.db import connection

from appeals.models import Appeal
from appeals.workflow import AppealKind, AppealStatus
from geoportal.db import fetch_value
from layers.collections import STATIC, collection_get
from layers.models import Access, AdminArea, Asset, Feature, Layer, Property
from layers.tiles.sources import HEXAGON_FIELDS
from layers.tiles.sources import STATIC as TILE_SOURCES
from layers.tiles.tilemath import tile_bounds, tile_of
from tension.hexes import cell_of
from tension.tiles import tension_res
from tests.layers.tiles.conftest import CENTRE, SECRETS, decode, make_appeal, tile_layer

APPEAL_FIELDS = {"status", "category", "category_name", "supports_count", "created_on"}


def url(collection: str, z: int, lonlat=CENTRE) -> str:
    x, y = tile_of(*lonlat, z)
    return f"/tiles/{collection}/{z}/{x}/{y}.mvt"


def offset(metres_east: float, metres_north: float = 0.0) -> tuple[float, float]:
    """A point near CENTRE; 1° of latitude ≈ 111.1 km, of longitude ≈ 78.6 km at 44.9°N."""
    return CENTRE[0] + metres_east / 78_600, CENTRE[1] + metres_north / 111_100


@pytest.fixture
def appeals(category):
    return {
        "registered": make_appeal(category, offset(10), supports_count=3),
        "closed": make_appeal(category, offset(-20, 15), status=AppealStatus.CLOSED),
        "new": make_appeal(category, offset(30), status=AppealStatus.NEW),  # not moderated: hidden
        "rejected": make_appeal(category, offset(40), status=AppealStatus.REJECTED),  # hidden
        "proposal": make_appeal(
            category, offset(50), kind=AppealKind.PROPOSAL, status=AppealStatus.PUBLISHED
        ),
    }


def test_appeal_tile_has_the_public_appeals_with_public_fields_only(client, appeals):
    response = client.get(url("appeals", 14))

    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert set(decode(response.content)) == {"appeals"}
    features = {f["id"]: f for f in tile_layer(response, "appeals")}
    assert set(features) == {appeals["registered"].pk, appeals["closed"].pk}
    registered = features[appeals["registered"].pk]
    assert registered["geometry"]["type"] == "Point"
    assert registered["properties"] == {
        "status": "registered",
        "category": "roads-pothole",
        "category_name": "Ямы на дороге",
        "supports_count": 3,
        "created_on": "2026-05-02",  # 21:30 UTC on 1 May is 2 May in Krymsk (Europe/Moscow)
    }
    assert set(features[appeals["closed"].pk]["properties"]) == APPEAL_FIELDS
    for secret in SECRETS:
        assert secret.encode() not in response.content


def test_proposal_tile_has_the_proposals_only(client, appeals):
    features = tile_layer(client.get(url("proposals", 14)), "proposals")

    assert [f["id"] for f in features] == [appeals["proposal"].pk]


def test_below_the_point_zoom_appeals_come_as_hexagons_counting_every_public_one(client, appeals):
    point_zoom = collection_get("appeals", None).min_zoom
    points = tile_layer(client.get(url("appeals", point_zoom)), "appeals")
    assert all(f["geometry"]["type"] == "Point" for f in points)
    for z in (point_zoom - 1, 10, 3):
        hexagons = tile_layer(client.get(url("appeals", z)), "appeals")
        assert all(f["geometry"]["type"] == "Polygon" for f in hexagons)
        assert {f["properties"]["res"] for f in hexagons} == {tension_res(z)}
        assert sum(f["properties"]["count"] for f in hexagons) == len(points)  # every public issue, once
        totals = [p["open"] + p["answered"] + p["closed"] for p in (f["properties"] for f in hexagons)]
        assert totals == [f["properties"]["count"] for f in hexagons]
        assert set(hexagons[0]["properties"]) == set(HEXAGON_FIELDS)


def test_empty_tile_is_204_and_cacheable(client, appeals):
    response = client.get(url("appeals", 14, lonlat=(30.3, 59.9)))  # Saint Petersburg: no appeal there

    assert response.status_code == 204 and response.content == b""
    assert response["Cache-Control"] == "public, max-age=60"


def test_etag_and_if_none_match(client, appeals, category):
    first = client.get(url("appeals", 14))
    etag = first["ETag"]

    again = client.get(url("appeals", 14), headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url("appeals", 14), headers={"If-None-Match": f'W/{etag}, "other"'}).status_code == 304

    make_appeal(category, offset(-60))
    changed = client.get(url("appeals", 14), headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert len(tile_layer(changed, "appeals")) == 3


def test_cache_control_is_public_and_configurable(client, appeals, settings):
    response = client.get(url("appeals", 14))
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["Access-Control-Allow-Origin"] == "*"

    settings.GEOPORTAL = {**settings.GEOPORTAL, "TILE_MAX_AGE": 5}
    assert client.get(url("appeals", 14))["Cache-Control"] == "public, max-age=5"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/tiles/appeals/25/0/0.mvt", "z"),
        ("/tiles/appeals/3/8/0.mvt", "x"),
        ("/tiles/appeals/3/0/-1.mvt", "y"),
        ("/tiles/appeals/-1/0/0.mvt", "z"),
    ],
)
def test_tile_out_of_range_is_400_naming_the_field(client, db, path, field):
    response = client.get(path)

    assert response.status_code == 400
    assert response.json()["field"] == field and "от 0 до" in response.json()["detail"]


def test_unknown_collection_is_404(client, db):
    response = client.get("/tiles/no-such-thing/14/9920/5898.mvt")

    assert response.status_code == 404
    assert response.json() == {"detail": "Неизвестная коллекция: no-such-thing"}


def test_dense_tile_carries_every_appeal(client, category):
    """2,000 appeals in one z14 tile, 300 of them on one spot and 40 on the tile's edges: none is dropped —
    each is a point of its own or counted in the point of its ≈ 20 m cell; at z16 every one is a point."""
    z = 14
    x, y = tile_of(*CENTRE, z)
    west, south, east, north = tile_bounds(z, x, y)
    points = [
        (west + (east - west) * (i % 97 + 0.5) / 97, south + (north - south) * (i // 97 + 0.5) / 18)
        for i in range(1_660)
    ]
    points += [CENTRE] * 300
    points += [(west, south + (north - south) * i / 20) for i in range(20)]  # the west edge
    points += [(west + (east - west) * i / 20, north) for i in range(20)]  # the north edge
    template = make_appeal(category, CENTRE)
    Appeal.objects.bulk_create(
        Appeal(
            kind=template.kind,
            category=category,
            status=AppealStatus.IN_PROGRESS,
            text="Яма",
            created_at=template.created_at,
            h3=cell_of(lon, lat),
            geom=Point(lon, lat, srid=4326),
        )
        for lon, lat in points
    )
    in_sql = fetch_value(
        "SELECT count(*) FROM appeals_appeal WHERE kind = 'issue' AND status NOT IN ('new', 'rejected')"
        " AND geom && ST_Transform(ST_TileEnvelope(%s, %s, %s), 4326)",
        [z, x, y],
    )

    features = tile_layer(client.get(f"/tiles/appeals/{z}/{x}/{y}.mvt"), "appeals")

    assert in_sql == len(points) + 1 == 2_001
    # A cell on the tile's edge belongs to one tile only: the edge appeals are counted here or next door.
    around = [(x + i, y + j) for i in (-1, 0, 1) for j in (-1, 0, 1) if (i, j) != (0, 0)]
    next_door = [client.get(f"/tiles/appeals/{z}/{tx}/{ty}.mvt") for tx, ty in around]
    next_door = [f for r in next_door if r.status_code == 200 for f in tile_layer(r, "appeals")]
    here = sum(f["properties"].get("count", 1) for f in features)
    assert here + sum(f["properties"].get("count", 1) for f in next_door) == in_sql and here >= in_sql - 40
    lone = [f for f in features if "aggregate" not in f["properties"]]
    counted = [f for f in features if f["properties"].get("aggregate")]
    assert len({f["id"] for f in lone}) == len(lone) and all("status" in f["properties"] for f in lone)
    assert max(f["properties"]["count"] for f in counted) >= 301  # the spot, with the template appeal
    assert all(f["properties"]["open"] == f["properties"]["count"] for f in counted)  # all in progress
    assert len(features) <= in_sql - 300  # the 301 appeals of the spot are one counted point

    z16 = [
        tile_layer(client.get(f"/tiles/appeals/16/{4 * x + i}/{4 * y + j}.mvt"), "appeals")
        for i in range(4)
        for j in range(4)
    ]
    assert sum(len(layer) for layer in z16) >= in_sql  # every appeal its own point (edges in two tiles)
    assert not any("aggregate" in f["properties"] for layer in z16 for f in layer)


def test_property_tile_clips_polygons_with_a_buffer(client, db):
    lon, lat = CENTRE
    house = Property.objects.create(
        kind=Property.Kind.BUILDING,
        address="улица Ленина, 12",
        street="улица Ленина",
        housenumber="12",
        levels=2,
        area_m2=123.456,
        geom=MultiPolygon(Polygon.from_bbox((lon, lat, lon + 0.0002, lat + 0.0002)), srid=4326),
    )
    # A parcel far larger than a z16 tile: clipped to the tile plus its 64-unit buffer.
    parcel = Property.objects.create(
        kind=Property.Kind.PARCEL,
        cadastral_number="23:15:0000000:1",
        geom=MultiPolygon(Polygon.from_bbox((lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05)), srid=4326),
    )

    features = {f["id"]: f for f in tile_layer(client.get(url("properties", 16)), "properties")}

    assert set(features) == {house.pk, parcel.pk}
    assert features[house.pk]["properties"] == {
        "kind": "building",
        "address": "улица Ленина, 12",
        "ownership": "unknown",
        "levels": 2,
        "area_m2": 123.5,
    }
    assert features[parcel.pk]["properties"]["cadastral_number"] == "23:15:0000000:1"
    ring = features[parcel.pk]["geometry"]["coordinates"][0]
    assert {min(c for c, _ in ring), max(c for c, _ in ring)} == {-64, 4096 + 64}


def test_asset_tile_mixes_lines_and_points(client, db):
    road = Asset.objects.create(
        kind=Asset.Kind.ROAD,
        name="улица Ленина",
        attributes={"highway": "primary"},
        geom=LineString(offset(-100), offset(100), srid=4326),
    )
    lamp = Asset.objects.create(kind=Asset.Kind.STREETLIGHT, geom=Point(*offset(5, 5), srid=4326))

    features = {f["id"]: f for f in tile_layer(client.get(url("assets", 15)), "assets")}

    assert features[road.pk]["geometry"]["type"] == "LineString"
    assert features[road.pk]["properties"] == {"kind": "road", "name": "улица Ленина", "condition": "unknown"}
    assert features[lamp.pk]["geometry"]["type"] == "Point"


def test_area_tile_leaves_responsibility_zones_out(client, municipality):
    zone = AdminArea.objects.create(
        kind=AdminArea.Kind.RESPONSIBILITY_ZONE, name="Участок", geom=municipality.geom
    )

    features = {f["id"]: f for f in tile_layer(client.get(url("areas", 10)), "areas")}

    assert set(features) == {municipality.pk} and zone.pk not in features
    assert features[municipality.pk]["properties"] == {
        "kind": "municipality",
        "name": "Крымск",
        "code": "krymsk",
        "population": 57_000,
    }


@pytest.fixture
def layers(db):
    public = Layer.objects.create(slug="bus-stops", title="Остановки", access=Access.PUBLIC)
    internal = Layer.objects.create(slug="water-pipes", title="Водопровод", access=Access.INTERNAL)
    stop = Feature.objects.create(
        layer=public,
        geom=Point(*offset(10), srid=4326),
        properties={"name": "Вокзал", "routes": [1, 5], "shelter": True, "bays": 2, "note": None},
    )
    pipe = Feature.objects.create(
        layer=internal, geom=LineString(offset(-50), offset(50), srid=4326), properties={"diameter_mm": 200}
    )
    return {"public": public, "internal": internal, "stop": stop, "pipe": pipe}


def test_layer_tile_is_named_after_the_slug_and_keeps_every_value(client, layers):
    features = tile_layer(client.get(url("bus-stops", 15)), "bus-stops")

    assert [f["id"] for f in features] == [layers["stop"].pk]
    # Arrays and objects become their JSON text (ST_AsMVT would drop them); nulls stay out.
    assert features[0]["properties"] == {"name": "Вокзал", "routes": "[1, 5]", "shelter": True, "bays": 2}


def test_internal_layer_tiles_are_for_staff_only(client, layers, resident, planner):
    path = url("water-pipes", 15)

    assert client.get(path).status_code == 404
    assert client.get("/tiles/water-pipes.json").status_code == 404
    client.force_login(resident)
    assert client.get(path).status_code == 404

    client.force_login(planner)
    response = client.get(path)
    assert [f["id"] for f in tile_layer(response, "water-pipes")] == [layers["pipe"].pk]
    assert response["Cache-Control"] == "private, max-age=60" and "Cookie" in response["Vary"]
    assert "Access-Control-Allow-Origin" not in response


def test_every_static_collection_has_a_tile_source():
    assert {c.id for c in STATIC} == set(TILE_SOURCES)


@pytest.mark.parametrize("collection_id", [c.id for c in STATIC])
def test_tile_rows_are_the_collections_rows(client, appeals, municipality, collection_id):
    """The SQL file and the registry's base_filter agree: the same rows in the tile as in the queryset."""
    AdminArea.objects.create(kind=AdminArea.Kind.RESPONSIBILITY_ZONE, name="Участок", geom=municipality.geom)
    Property.objects.create(
        kind=Property.Kind.BUILDING,
        geom=MultiPolygon(Polygon.from_bbox((*offset(0, 0), *offset(10, 10))), srid=4326),
    )
    Asset.objects.create(kind=Asset.Kind.BENCH, geom=Point(*offset(3), srid=4326))
    collection = collection_get(collection_id, None)
    z = max(collection.min_zoom, 12)
    x, y = tile_of(*CENTRE, z)
    west, south, east, north = tile_bounds(z, x, y)
    expected = set(
        collection.queryset()
        .filter(geom__bboverlaps=Polygon.from_bbox((west, south, east, north)))
        .values_list("pk", flat=True)
    )

    features = tile_layer(client.get(f"/tiles/{collection_id}/{z}/{x}/{y}.mvt"), collection_id)

    assert expected and {f["id"] for f in features} == expected


def test_tile_sql_is_one_statement_on_a_connection_without_parallel_workers_or_jit(client, appeals):
    """On 2 cores a parallel ST_AsMVT plan cut throughput tenfold, and JIT cost seconds per basemap tile:
    the connection starts without both (geoportal/settings.py), so a tile is its one statement."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert client.get(url("appeals", 14)).status_code == 200

    assert sum("ST_AsMVT" in sql for sql in statements) == 1
    assert not any(sql.lstrip().upper().startswith("SET ") for sql in statements)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit'), current_setting('max_parallel_workers_per_gather')")
        assert cursor.fetchone() == ("off", "0")


def test_cells_across_tile_edges_are_counted_once_at_every_zoom(client, category):
    """Appeals of mixed statuses scattered over the corner of four z14 tiles: summed over the tiles of each
    zoom, every public appeal is counted exactly once (a cell belongs to one tile), z0 included."""
    z = 14
    x, y = tile_of(*CENTRE, z)
    west, south, east, north = tile_bounds(z, x, y)  # the corner (east, south) is shared by four tiles
    statuses = [AppealStatus.IN_PROGRESS, AppealStatus.ANSWERED, AppealStatus.CLOSED, AppealStatus.NEW]
    step = (east - west) / 600  # ≈ 3 m: several appeals, of several statuses, per ≈ 20 m cell
    points = [(east + (i % 23 - 11) * step, south + (i // 23 - 11) * step) for i in range(23 * 23)]
    template = make_appeal(category, CENTRE)
    Appeal.objects.bulk_create(
        Appeal(kind=template.kind, category=category, status=statuses[i % 4], text="Яма",
               created_at=template.created_at, h3=cell_of(lon, lat), geom=Point(lon, lat, srid=4326))
        for i, (lon, lat) in enumerate(points)
    )  # fmt: skip
    public = 1 + sum(1 for i in range(len(points)) if statuses[i % 4] != AppealStatus.NEW)
    for zoom in (0, 1, 9, 13, 14, 15):
        n = 2 ** (zoom - z) if zoom > z else 1
        cx, cy = tile_of(*CENTRE, zoom)
        tiles = (
            {(cx + i, cy + j) for i in range(-1, n + 1) for j in range(-1, n + 1)}
            if zoom >= 13
            else {(cx, cy)}
        )
        counted, ids = 0, []
        for tx, ty in tiles:
            response = client.get(f"/tiles/appeals/{zoom}/{tx}/{ty}.mvt")
            if response.status_code == 204:
                continue
            for f in tile_layer(response, "appeals"):
                counted += f["properties"].get("count", 1)
                ids += [f["id"]] if "status" in f["properties"] else []
        assert counted == public, zoom
        assert len(ids) == len(set(ids)), zoom


@pytest.mark.parametrize("z", [12, 14, 16])  # hexagons, counted points, every point
def test_appeals_tiles_are_kept_until_an_appeal_or_category_is_written(client, appeals, category, z):
    from django.db.models import F
    from django.test.utils import CaptureQueriesContext

    from appeals.models import Category

    first = client.get(url("appeals", z))
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url("appeals", z))
    assert again.content == first.content
    assert not [q for q in queries.captured_queries if "ST_AsMVT" in q["sql"]]  # kept, not rendered again

    Appeal.objects.filter(pk=appeals["registered"].pk).update(supports_count=F("supports_count") + 1)
    with CaptureQueriesContext(connection) as queries:
        client.get(url("appeals", z))
    assert [q for q in queries.captured_queries if "ST_AsMVT" in q["sql"]]  # a write: rendered anew

    if z == 16:
        Category.objects.filter(pk=category.pk).update(name_ru="Выбоины")
        names = {
            f["properties"]["category_name"] for f in tile_layer(client.get(url("appeals", z)), "appeals")
        }
        assert names == {"Выбоины"}
