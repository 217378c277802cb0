"""POST /api/v1/layers/{slug}/upload with real small files of every format, read back through
/api/v1/layers and /ogc/collections/{slug}/items; replace and append; GET /api/v1/imports/{id}."""

import json

import pytest
from django.contrib.gis.geos import GEOSGeometry

from importers.models import ImportRun
from layers.models import Access, Feature, Layer
from tests.layers.catalogue.conftest import DATA, UPLOADS

BUILDINGS_EXTENT = [37.980516, 44.921675, 37.982560, 44.928231]  # ogrinfo krymsk_buildings_50.geojson
ROADS_EXTENT = [37.965230, 44.912634, 37.990062, 44.942515]  # ogrinfo krymsk_roads_50.shp.zip
POINTS_EXTENT = [37.980615, 44.921743, 37.982021, 44.928054]  # ogrinfo of the centroid CSV
KML_EXTENT = [37.980516, 44.921675, 37.981172, 44.927866]  # ogrinfo krymsk_buildings_10.kml


def upload(client, slug: str, path, **fields):
    with open(path, "rb") as file:
        return client.post(f"/api/v1/layers/{slug}/upload", {"file": file, **fields})


@pytest.fixture
def layer(db):
    return Layer.objects.create(slug="uploads", title="Загрузки")


def items(client, slug: str) -> dict:
    response = client.get(f"/ogc/collections/{slug}/items?limit=1000")
    assert response.status_code == 200, response.content[:300]
    return response.json()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "fields", "count", "types", "extent", "sample"),
    [
        (DATA / "krymsk_buildings_50.geojson", {}, 50, ["Polygon"], BUILDINGS_EXTENT,
         {"A_STRT": "Полковая улица", "A_HSNMBR": "42", "NAME": None}),
        (DATA / "krymsk_roads_50.shp.zip", {"id_field": "OSM_ID"}, 50, ["LineString"], ROADS_EXTENT, None),
        (UPLOADS / "krymsk_roads_utm.shp.zip", {}, 50, ["LineString"], ROADS_EXTENT, None),
        (UPLOADS / "krymsk_centre.gpkg", {"layer": "buildings"}, 50, ["Polygon"], BUILDINGS_EXTENT,
         {"A_STRT": "Полковая улица", "A_HSNMBR": "42", "NAME": None}),
        (UPLOADS / "krymsk_centre.gpkg", {"layer": "roads"}, 50, ["LineString"], ROADS_EXTENT, None),
        (UPLOADS / "krymsk_buildings_10.kml", {}, 10, ["Polygon"], KML_EXTENT,
         {"Name": "Полковая улица", "A_HSNMBR": "42"}),
        (UPLOADS / "krymsk_building_points.csv", {"id_field": "id"}, 50, ["Point"], POINTS_EXTENT,
         {"street": "Полковая улица", "housenumber": "42"}),
        (UPLOADS / "krymsk_buildings_wkt.csv", {}, 10, ["Polygon"], KML_EXTENT,
         {"A_STRT": "Полковая улица", "A_HSNMBR": "42", "NAME": None}),
    ],
    ids=["geojson", "shapefile-zip", "shapefile-utm", "gpkg-buildings-utm", "gpkg-roads", "kml", "csv-lonlat",
         "csv-wkt-semicolon"],
)  # fmt: skip
def test_every_format_uploads_and_reads_back(planner, layer, path, fields, count, types, extent, sample):
    response = upload(planner, "uploads", path, **fields)

    assert response.status_code == 201, response.content
    run = response.json()
    assert (run["status"], run["file"], run["layer"], run["mode"]) == (
        "succeeded",
        path.name,
        "uploads",
        "replace",
    )
    assert (run["counts"]["read"], run["counts"]["inserted"], run["counts"]["rejected"]) == (count, count, 0)
    assert response["Location"] == f"/api/v1/imports/{run['id']}"
    catalogue = planner.get("/api/v1/layers/uploads").json()
    assert (catalogue["feature_count"], catalogue["geometry_types"]) == (count, types)
    assert catalogue["extent"] == pytest.approx(extent, abs=2e-6)  # UTM files come back within ~0.2 m
    collection = items(planner, "uploads")
    assert collection["numberMatched"] == count
    if sample:
        first = min(collection["features"], key=lambda f: f["id"])
        assert {k: first["properties"].get(k) for k in sample} == sample


@pytest.mark.django_db
def test_the_utm_geopackage_lands_where_the_geojson_does(planner, layer):
    upload(planner, "uploads", UPLOADS / "krymsk_centre.gpkg", layer="buildings")
    source = json.loads((DATA / "krymsk_buildings_50.geojson").read_text(encoding="utf-8"))["features"][0]

    imported = Feature.objects.get(layer=layer, source_id="1").geom  # GeoPackage fids count from 1

    assert imported.equals_exact(GEOSGeometry(json.dumps(source["geometry"]), srid=4326), tolerance=1e-7)


@pytest.mark.django_db
def test_a_geopackage_with_several_layers_and_no_choice_lists_them(planner, layer):
    response = upload(planner, "uploads", UPLOADS / "krymsk_centre.gpkg")

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "krymsk_centre.gpkg has 2 layers; choose one with layer (--source-layer on the command line): "
        "buildings, roads"
    )
    assert response.json()["field"] == "file"
    assert not Feature.objects.exists()
    unknown = upload(planner, "uploads", UPLOADS / "krymsk_centre.gpkg", layer="pipes")
    assert "krymsk_centre.gpkg has no layer 'pipes'; its layers: buildings, roads" in unknown.json()["detail"]


@pytest.mark.django_db
def test_a_corrupt_geopackage_is_a_400(planner, layer, import_dirs):
    response = upload(planner, "uploads", UPLOADS / "corrupt.gpkg")

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "cannot read corrupt.gpkg as GeoPackage: the file is damaged, truncated or not GeoPackage"
    )
    run = ImportRun.objects.get(pk=response.json()["import"])
    assert run.status == ImportRun.Status.FAILED
    assert not Feature.objects.exists()
    assert not any((import_dirs / "uploads").iterdir())  # the stored upload is gone


@pytest.mark.django_db
def test_a_shapefile_without_prj_needs_srs(planner, layer):
    refused = upload(planner, "uploads", DATA / "roads_no_prj.shp.zip")
    accepted = upload(planner, "uploads", DATA / "roads_no_prj.shp.zip", srs="EPSG:4326")

    assert refused.status_code == 400
    assert refused.json()["detail"] == (
        "roads_no_prj.shp.zip: roads.shp has no .prj file: pass --srs (e.g. --srs EPSG:4326)"
    )
    assert accepted.status_code == 201 and layer.features.count() == 50


@pytest.mark.django_db
def test_broken_csv_rows_are_named_by_line_and_nothing_is_written(planner, layer):
    response = upload(planner, "uploads", UPLOADS / "broken_rows.csv", id_field="id")

    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("broken_rows.csv: 2 row(s) rejected, nothing written: ")
    assert "line 5: 4 values where the header has 5 columns" in detail
    assert "line 9 (id 8): lon '37.98x' is not a number" in detail
    assert "/" not in detail.split("all rejects:")[1]  # the reject report is named, its folder is not
    assert not Feature.objects.exists()
    report = planner.get(f"/api/v1/imports/{response.json()['import']}").json()
    assert report["status"] == "failed"
    assert [(r["row"], r["reason"]) for r in report["rejects"]] == [
        (5, "4 values where the header has 5 columns"),
        (9, "lon '37.98x' is not a number"),
    ]


@pytest.mark.django_db
def test_allow_rejects_writes_the_good_csv_rows(planner, layer):
    response = upload(planner, "uploads", UPLOADS / "broken_rows.csv", allow_rejects="true")

    assert response.status_code == 201
    assert (response.json()["counts"]["inserted"], response.json()["counts"]["rejected"]) == (48, 2)
    assert layer.features.count() == 48


@pytest.mark.django_db
def test_invalid_geometries_are_repaired_where_safe_and_else_rejected_by_row(planner, layer):
    refused = upload(planner, "uploads", UPLOADS / "invalid_geometries.geojson")
    kept = upload(planner, "uploads", UPLOADS / "invalid_geometries.geojson", allow_rejects="true")

    assert refused.status_code == 400
    detail = refused.json()["detail"]
    assert "1 row(s) rejected" in detail
    assert "feature 3 (id 2): invalid geometry: Self-intersection at POINT(" in detail
    assert "repairing it would change its area by" in detail
    assert kept.status_code == 201 and kept.json()["counts"]["inserted"] == 2
    spiked = Feature.objects.get(layer=layer, source_id="1").geom
    original = json.loads((DATA / "krymsk_buildings_50.geojson").read_text(encoding="utf-8"))["features"][1]
    assert spiked.valid and spiked.geom_type in ("Polygon", "MultiPolygon")
    assert spiked.area == pytest.approx(GEOSGeometry(json.dumps(original["geometry"])).area, rel=1e-9)


@pytest.mark.django_db
def test_replace_then_append(planner, layer):
    points = UPLOADS / "krymsk_building_points.csv"
    first = upload(planner, "uploads", points).json()
    replaced = upload(planner, "uploads", UPLOADS / "krymsk_buildings_wkt.csv").json()
    appended = upload(planner, "uploads", points, mode="append").json()
    again = upload(planner, "uploads", points, mode="append").json()

    assert first["counts"]["inserted"] == 50
    # Without an id column a feature's id is its line: lines 2–11 are updated, the other 40 removed.
    counts = replaced["counts"]
    assert (counts["inserted"], counts["updated"], counts["deleted"], replaced["mode"]) == (
        0,
        10,
        40,
        "replace",
    )
    counts = appended["counts"]
    assert (counts["inserted"], counts["deleted"], appended["mode"]) == (50, 0, "append")
    assert again["counts"]["inserted"] == 50  # appending never overwrites what was appended before
    assert layer.features.count() == 110  # 10 + 50 + 50
    layer.refresh_from_db()
    assert layer.source_run_id == again["id"]


@pytest.mark.django_db
def test_append_with_an_id_field_updates_features_with_the_same_id(planner, layer):
    points = UPLOADS / "krymsk_building_points.csv"
    upload(planner, "uploads", points, id_field="id")
    ids = set(layer.features.values_list("id", flat=True))

    again = upload(planner, "uploads", points, id_field="id", mode="append").json()

    assert (again["counts"]["inserted"], again["counts"]["updated"]) == (0, 50)
    assert set(layer.features.values_list("id", flat=True)) == ids


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("anonymous", 403), ("resident", 403), ("operator", 403)])
def test_only_writers_upload(as_role, layer, role, status):
    response = upload(as_role(role), "uploads", UPLOADS / "krymsk_building_points.csv")

    assert response.status_code == status
    assert not Feature.objects.exists() and not ImportRun.objects.exists()


@pytest.mark.django_db
def test_an_internal_layer_is_404_to_non_staff_uploaders(as_role):
    Layer.objects.create(slug="secret", title="x", access=Access.INTERNAL)

    assert upload(as_role("resident"), "secret", UPLOADS / "krymsk_building_points.csv").status_code == 404


@pytest.mark.django_db
def test_import_runs_are_for_their_creator_and_staff(planner, as_role, client, layer):
    run_id = upload(planner, "uploads", UPLOADS / "krymsk_building_points.csv").json()["id"]

    mine = planner.get(f"/api/v1/imports/{run_id}")
    assert mine.status_code == 200
    assert mine.json()["timings"].keys() == {"read_s", "write_s", "total_s"}
    assert mine.json()["progress"] is None
    assert as_role("moderator").get(f"/api/v1/imports/{run_id}").status_code == 200
    assert as_role("resident").get(f"/api/v1/imports/{run_id}").status_code == 404
    assert client.get(f"/api/v1/imports/{run_id}").status_code == 404
    assert planner.get("/api/v1/imports/999999").status_code == 404


@pytest.mark.django_db
def test_uploaded_internal_features_stay_out_of_public_ogc_and_tiles(planner, as_role, client):
    Layer.objects.create(slug="water-network", title="Водопровод", access=Access.INTERNAL)
    assert upload(planner, "water-network", DATA / "krymsk_roads_50.shp.zip").status_code == 201
    tile = "/tiles/water-network/14/9920/5898.mvt"  # the z14 tile of central Krymsk (37.985, 44.925)

    for anyone in (client, as_role("resident")):
        assert anyone.get("/api/v1/layers/water-network").status_code == 404
        assert "water-network" not in anyone.get("/api/v1/layers").content.decode()
        assert anyone.get("/ogc/collections/water-network/items").status_code == 404
        assert anyone.get("/ogc/collections/water-network").status_code == 404
        assert "water-network" not in anyone.get("/ogc/collections?f=json").content.decode()
        assert anyone.get(tile).status_code == 404
        assert anyone.get("/tiles/water-network.json").status_code == 404
    staff = as_role("operator")
    assert items(staff, "water-network")["numberMatched"] == 50
    assert staff.get(tile).status_code == 200
