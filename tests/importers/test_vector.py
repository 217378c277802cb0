"""The vector importer on real cuts of the Krymsk GeoJSON and Shapefile (tests/data/)."""

import csv
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.contrib.gis.geos import GEOSGeometry

from importers.errors import ImportFailed
from importers.models import ImportRun
from importers.services import run_import
from layers.models import AdminArea, Asset, Feature, Layer, Property
from tests.importers.conftest import BUILDINGS, DATA, ROADS

ADDRESS_MAP = ["street=A_STRT", "housenumber=A_HSNMBR"]


def vector(path: Path, **options) -> ImportRun:
    return run_import(importer="vector", source=path, options=options)


def nothing_written() -> bool:
    return not (Property.objects.exists() or Asset.objects.exists() or Feature.objects.exists())


def original_geometry(index: int) -> GEOSGeometry:
    feature = json.loads(BUILDINGS.read_text(encoding="utf-8"))["features"][index]
    return GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)


def projected_copy(tmp_path: Path, *, with_crs: bool) -> Path:
    """The 50 buildings transformed to UTM 37N (EPSG:32637), with or without a GeoJSON crs member."""
    collection = json.loads(BUILDINGS.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        geom = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
        geom.transform(32637)
        feature["geometry"] = json.loads(geom.json)
    if with_crs:
        collection["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32637"}}
    else:
        del collection["crs"]
    path = tmp_path / "buildings_utm.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def zipped(tmp_path: Path, name: str, members: dict[str, bytes]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    return path


@pytest.mark.django_db
def test_geojson_buildings_with_mapped_address():
    run = vector(BUILDINGS, target="property", map=ADDRESS_MAP)
    assert (run.status, run.read_count, run.inserted_count, run.target) == ("succeeded", 50, 50, "property")
    buildings = Property.objects.filter(source="krymsk_buildings_50", kind="building")
    assert buildings.count() == 50
    assert buildings.exclude(address="").count() == 34
    first = buildings.get(source_id="0")
    assert (first.address, first.street, first.housenumber) == ("Полковая улица, 42", "Полковая улица", "42")
    assert first.geom.geom_type == "MultiPolygon"
    assert first.area_m2 > 0
    # NAME, the one unmapped column, is null in all 50: attributes keep only columns with a value
    assert buildings.filter(attributes={}).count() == 50


@pytest.mark.django_db
def test_map_address_from_one_column():
    vector(BUILDINGS, target="property", map=["address=A_STRT"], source="town")
    assert Property.objects.get(source="town", source_id="0").address == "Полковая улица"


@pytest.mark.django_db
def test_zipped_geojson(tmp_path):
    archive = zipped(tmp_path, "buildings.geojson.zip", {"data/buildings.geojson": BUILDINGS.read_bytes()})
    run = vector(archive, target="property", map=ADDRESS_MAP)
    assert run.inserted_count == 50
    assert Property.objects.filter(source="buildings").count() == 50


@pytest.mark.django_db
def test_shapefile_roads_with_id_field_and_automapped_name():
    run = vector(ROADS, target="asset", kind="road", id_field="OSM_ID")
    assert (run.inserted_count, run.rejected_count) == (50, 0)
    roads = Asset.objects.filter(source="krymsk_roads_50", kind="road")
    assert roads.exclude(name="").count() == 27
    assert all(road.source_id.isdigit() for road in roads)  # OSM_ID is a Real column: no ".0"
    assert {road.attributes["HIGHWAY"] for road in roads} >= {"residential", "service", "secondary"}
    assert "NAME" not in roads.first().attributes


@pytest.mark.django_db
def test_reimport_updates_every_row():
    vector(ROADS, target="asset", kind="road", id_field="OSM_ID")
    ids = set(Asset.objects.values_list("id", flat=True))
    again = vector(ROADS, target="asset", kind="road", id_field="OSM_ID")
    assert (again.inserted_count, again.updated_count) == (0, 50)
    assert set(Asset.objects.values_list("id", flat=True)) == ids


@pytest.mark.django_db
def test_shapefile_without_prj_needs_srs():
    with pytest.raises(ImportFailed) as failure:
        vector(DATA / "roads_no_prj.shp.zip", target="asset", kind="road")
    assert str(failure.value) == (
        "roads_no_prj.shp.zip: roads.shp has no .prj file: pass --srs (e.g. --srs EPSG:4326)"
    )
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
    assert nothing_written()
    run = vector(DATA / "roads_no_prj.shp.zip", target="asset", kind="road", srs="EPSG:4326")
    assert run.inserted_count == 50


@pytest.mark.django_db
def test_projected_geojson_is_transformed_to_lon_lat(tmp_path):
    vector(projected_copy(tmp_path, with_crs=True), target="property")
    imported = Property.objects.get(source_id="0").geom
    assert imported.srid == 4326
    assert imported[0].equals_exact(original_geometry(0), tolerance=1e-7)  # (lon, lat), not (lat, lon)


@pytest.mark.django_db
def test_srs_overrides_a_missing_crs(tmp_path):
    path = projected_copy(tmp_path, with_crs=False)  # GeoJSON without crs is read as WGS 84
    with pytest.raises(ImportFailed, match="coordinates outside longitude/latitude degrees.*pass --srs"):
        vector(path, target="property")
    assert nothing_written()
    vector(path, target="property", srs="EPSG:32637")
    assert Property.objects.get(source_id="3").geom[0].equals_exact(original_geometry(3), tolerance=1e-7)


@pytest.mark.django_db
def test_unknown_srs_is_refused():
    with pytest.raises(ImportFailed, match="--srs EPSG:999999: not an EPSG code"):
        vector(BUILDINGS, target="property", srs="EPSG:999999")


@pytest.mark.django_db
def test_unclosed_ring_names_the_feature_and_writes_nothing(rejects_dir):
    with pytest.raises(ImportFailed) as failure:
        vector(DATA / "unclosed_ring.geojson", target="property")
    message = str(failure.value)
    assert message.startswith("unclosed_ring.geojson: 1 row(s) rejected, nothing written: feature 3 (id 2): ")
    assert "ring 1 is not closed: it starts at (37.98058 44.92675) and ends at (37.98071 44.9267)" in message
    assert "pass --allow-rejects" in message
    assert nothing_written()
    run = ImportRun.objects.get()
    assert (run.status, run.rejected_count, run.rejects[0]["row"]) == ("failed", 1, 3)
    assert Path(run.rejects_path).parent == rejects_dir


@pytest.mark.django_db
def test_allow_rejects_writes_the_good_rows_and_lists_the_bad():
    run = vector(DATA / "unclosed_ring.geojson", target="property", allow_rejects=True)
    assert (run.status, run.inserted_count, run.rejected_count) == ("succeeded", 4, 1)
    assert not Property.objects.filter(source_id="2").exists()
    with open(run.rejects_path, encoding="utf-8") as rejects:
        rows = list(csv.DictReader(rejects))
    assert [(r["row"], r["source_id"]) for r in rows] == [("3", "2")]
    assert "not closed" in rows[0]["reason"]


@pytest.mark.django_db
def test_invalid_and_wrong_type_geometries_are_rejected(tmp_path):
    bowtie = {"type": "Polygon", "coordinates": [[[37.98, 44.92], [37.99, 44.93], [37.99, 44.92],
                                                  [37.98, 44.93], [37.98, 44.92]]]}  # fmt: skip
    line = {"type": "LineString", "coordinates": [[37.98, 44.92], [37.99, 44.93]]}
    features = [{"type": "Feature", "properties": {}, "geometry": g} for g in (bowtie, line, None)]
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    with pytest.raises(ImportFailed) as failure:
        vector(path, target="property")
    message = str(failure.value)
    assert "feature 1 (id 0): invalid geometry: Self-intersection at POINT(37.985 44.925)" in message
    assert "feature 2 (id 1): a LINESTRING where a polygon is expected" in message
    assert "feature 3 (id 2): no geometry" in message


@pytest.mark.django_db
def test_bad_field_value_is_a_reject_naming_the_field():
    with pytest.raises(ImportFailed, match=r"feature 1 \(id 0\): levels 'Полковая улица': "):
        vector(BUILDINGS, target="property", map=["levels=A_STRT"])
    assert nothing_written()


@pytest.mark.django_db
def test_duplicate_source_ids_are_rejected():
    with pytest.raises(ImportFailed, match=r"source id residential already read at feature \d+"):
        vector(ROADS, target="asset", kind="road", id_field="HIGHWAY")
    assert nothing_written()


@pytest.mark.django_db
def test_layer_target_creates_the_layer_and_upserts_features():
    run = vector(ROADS)
    layer = Layer.objects.get(slug="krymsk_roads_50")
    assert (layer.title, layer.source_run_id, run.target) == ("krymsk_roads_50", run.pk, "feature")
    assert layer.features.count() == 50
    feature = layer.features.get(source_id="0")
    assert set(feature.properties) == {"OSM_ID", "NAME", "REF", "HIGHWAY", "ONEWAY", "BRIDGE", "TUNNEL",
                                       "MAXSPEED", "LANES", "WIDTH", "SURFACE"}  # fmt: skip
    again = vector(ROADS, title="Дороги центра")
    assert (again.inserted_count, again.updated_count) == (0, 50)
    layer.refresh_from_db()
    assert (layer.title, layer.source_run_id, Layer.objects.count()) == ("Дороги центра", again.pk, 1)


@pytest.mark.django_db
def test_layer_slug_option():
    vector(BUILDINGS, layer="buildings-centre", title="Здания")
    assert Layer.objects.get(slug="buildings-centre").features.count() == 50
    with pytest.raises(ImportFailed, match="--layer 'no spaces': use letters"):
        vector(BUILDINGS, layer="no spaces")


@pytest.mark.django_db
def test_zip_with_a_climbing_member_is_refused(tmp_path):
    archive = zipped(tmp_path, "evil.zip", {"../evil.geojson": BUILDINGS.read_bytes()})
    with pytest.raises(ImportFailed, match="member '../evil.geojson' has an absolute path or a '..' part"):
        vector(archive)
    assert not (tmp_path.parent / "evil.geojson").exists()


@pytest.mark.django_db
def test_unpacked_files_are_removed_after_a_failure(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(ImportFailed, match="has no .prj file"):
        vector(DATA / "roads_no_prj.shp.zip", target="asset", kind="road")
    assert not list(tmp_path.glob("geoportal-import-*"))


@pytest.mark.django_db
def test_zip_over_the_size_limit_is_refused(tmp_path, settings):
    settings.GEOPORTAL = {**settings.GEOPORTAL, "IMPORT_MAX_UNZIPPED_BYTES": 10_000}
    archive = zipped(tmp_path, "big.zip", {"buildings.geojson": BUILDINGS.read_bytes()})
    with pytest.raises(ImportFailed, match="big.zip unpacks to more than 0 MB"):
        vector(archive)


@pytest.mark.django_db
def test_zip_without_data_and_unknown_files(tmp_path):
    with pytest.raises(ImportFailed, match=r"holds no dataset: expected one of .geojson, .json, .shp"):
        vector(zipped(tmp_path, "readme.zip", {"README.txt": b"hello"}))
    text_path = tmp_path / "points.txt"
    text_path.write_text("x,y\n")
    with pytest.raises(ImportFailed, match=r"points.txt: expected one of .geojson, .json, .shp, .gpkg"):
        vector(text_path)
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [')
    with pytest.raises(ImportFailed, match="cannot read broken.geojson"):
        vector(broken)


@pytest.mark.django_db
def test_boundary_geojson_as_the_municipality():
    run = vector(DATA / "krymsk_boundary.geojson", target="adminarea", kind="municipality", source="boundary")
    assert run.inserted_count == 1
    area = AdminArea.objects.get(source="boundary")
    assert (area.kind, area.name, area.geom.geom_type) == ("municipality", "Крымск", "MultiPolygon")
    with pytest.raises(ImportFailed, match="feature 1 \\(id 0\\): no value for name"):
        vector(BUILDINGS, target="adminarea", kind="district")
