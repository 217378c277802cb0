"""The osm importer on a real slice of the Krymsk extract (tests/data/krymsk_centre.osm.pbf)."""

import time
from pathlib import Path

import pytest
from django.conf import settings

from geoportal.db import fetch_value
from importers.errors import ImportFailed
from importers.models import ImportRun
from importers.osm import OsmImporter
from importers.services import run_import
from layers.models import AdminArea, Asset, Property
from tests.importers.conftest import CENTRE_PBF, DATA

BUILDINGS, ROADS = 370, 39  # 369 building ways + the multipolygon relation r2; highway ways


def import_centre(**options) -> ImportRun:
    return run_import(importer="osm", source=CENTRE_PBF, options=options)


def test_estimate_counts_the_objects_read():
    with OsmImporter(CENTRE_PBF) as reader:
        assert reader.estimate() == BUILDINGS + ROADS + 1 == sum(1 for _item in reader.read())


@pytest.mark.django_db
def test_import_counts_per_target():
    run = import_centre()
    assert run.status == ImportRun.Status.SUCCEEDED
    assert (run.read_count, run.inserted_count, run.updated_count, run.rejected_count) == (410, 410, 0, 0)
    assert run.target_counts["property"] == {
        "read": BUILDINGS,
        "inserted": BUILDINGS,
        "updated": 0,
        "rejected": 0,
    }
    assert run.target_counts["asset"]["inserted"] == ROADS
    assert set(run.timings) == {"read_s", "write_s", "total_s"}
    assert Property.objects.filter(source="osm", kind="building").count() == BUILDINGS
    assert Asset.objects.filter(source="osm", kind="road").count() == ROADS
    assert AdminArea.objects.filter(source="osm").count() == 1


@pytest.mark.django_db
def test_buildings_get_russian_addresses_and_areas():
    import_centre()
    assert Property.objects.exclude(address="").count() == 282  # 281 ways with addr:street + r2
    house = Property.objects.get(source="osm", source_id="w7440")
    assert (house.address, house.street, house.housenumber) == ("улица Ленина, 187", "улица Ленина", "187")
    area = fetch_value("SELECT ST_Area(geom::geography) FROM layers_property WHERE id = %s", [house.pk])
    assert house.area_m2 == pytest.approx(area) == pytest.approx(155.0, abs=0.1)


@pytest.mark.django_db
def test_multipolygon_relation_keeps_its_hole():
    import_centre()
    building = Property.objects.get(source="osm", source_id="r2")
    assert building.address == "улица Луначарского, 303"
    assert building.geom.geom_type == "MultiPolygon"
    assert len(building.geom[0]) == 2  # outer ring + one inner ring


@pytest.mark.django_db
def test_boundary_relation_becomes_the_municipality():
    import_centre(code="krymsk-test")
    area = AdminArea.objects.get(source="osm")
    assert (area.kind, area.name, area.code, area.source_id) == (
        "municipality",
        "Крымск",
        "krymsk-test",
        "r1",
    )
    km2 = fetch_value("SELECT ST_Area(geom::geography) / 1e6 FROM layers_adminarea WHERE id = %s", [area.pk])
    assert km2 == pytest.approx(29.99, abs=0.01)


@pytest.mark.django_db
def test_roads_carry_name_and_highway():
    import_centre()
    roads = Asset.objects.filter(source="osm", kind="road")
    assert roads.exclude(name="").count() == 8
    assert all("highway" in road.attributes for road in roads)
    assert {road.geom.geom_type for road in roads} == {"LineString"}


@pytest.mark.django_db
def test_reimport_updates_the_same_rows(settings):
    settings.GEOPORTAL = {**settings.GEOPORTAL, "IMPORT_BATCH_SIZE": 64}  # several COPY batches
    first = import_centre()
    ids = set(Property.objects.values_list("id", flat=True))
    second = import_centre()
    assert (second.inserted_count, second.updated_count) == (0, first.inserted_count)
    assert second.target_counts["property"]["updated"] == BUILDINGS
    assert set(Property.objects.values_list("id", flat=True)) == ids
    assert Asset.objects.count() == ROADS and AdminArea.objects.count() == 1


@pytest.mark.django_db
def test_truncated_pbf_fails_clearly_and_writes_nothing():
    with pytest.raises(ImportFailed) as failure:
        run_import(importer="osm", source=DATA / "truncated.osm.pbf")
    message = str(failure.value)
    assert message.startswith("cannot read truncated.osm.pbf: PBF error")
    assert message.endswith("the file is truncated or not an OSM PBF/XML file")
    run = ImportRun.objects.get()
    assert (run.status, run.error) == (ImportRun.Status.FAILED, message)
    assert Property.objects.count() == Asset.objects.count() == AdminArea.objects.count() == 0


@pytest.mark.django_db
def test_not_an_osm_file_is_refused(tmp_path):
    path = tmp_path / "krymsk.txt"
    path.write_text("not osm")
    with pytest.raises(ImportFailed, match="krymsk.txt is not an OSM file"):
        run_import(importer="osm", source=path)


AMENITIES_XML = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="44.9250" lon="37.9850"><tag k="amenity" v="bench"/></node>
  <node id="2" lat="44.9251" lon="37.9851"><tag k="highway" v="street_lamp"/></node>
  <node id="3" lat="44.9252" lon="37.9852"><tag k="highway" v="bus_stop"/><tag k="name" v="Рынок"/></node>
  <node id="4" lat="44.9253" lon="37.9853"><tag k="amenity" v="cafe"/></node>
  <node id="5" lat="44.9254" lon="37.9854"><tag k="highway" v="crossing"/></node>
  <node id="10" lat="44.9260" lon="37.9860"/>
  <node id="11" lat="44.9260" lon="37.9865"/>
  <node id="12" lat="44.9264" lon="37.9865"/>
  <node id="13" lat="44.9264" lon="37.9860"/>
  <node id="14" lat="44.9270" lon="37.9870"/>
  <way id="20">
    <nd ref="10"/><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="10"/>
    <tag k="leisure" v="playground"/>
  </way>
  <way id="21">
    <nd ref="13"/><nd ref="14"/><nd ref="12"/>
    <tag k="building" v="school"/><tag k="building:levels" v="3"/>
  </way>
</osm>
"""


@pytest.mark.django_db
def test_amenities_and_street_furniture_become_assets(tmp_path):
    path = tmp_path / "amenities.osm"
    path.write_text(AMENITIES_XML, encoding="utf-8")
    run = run_import(importer="osm", source=path, options={"allow_rejects": True})
    kinds = {a.source_id: (a.kind, a.geom.geom_type) for a in Asset.objects.all()}
    assert kinds == {
        "n1": ("bench", "Point"),
        "n2": ("streetlight", "Point"),
        "n3": ("bus_stop", "Point"),
        "n4": ("amenity", "Point"),
        "w20": ("playground", "MultiPolygon"),
    }
    assert Asset.objects.get(source_id="n3").name == "Рынок"
    # way 21 is a building that is not closed: a reject naming it, the rest written
    assert run.rejected_count == 1
    assert run.rejects[0]["source_id"] == "w21"
    assert "not closed" in run.rejects[0]["reason"]


@pytest.mark.django_db
def test_unclosed_building_fails_the_import_by_default(tmp_path):
    path = tmp_path / "amenities.osm"
    path.write_text(AMENITIES_XML, encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"OSM object \d+ \(id w21\): building way is not closed"):
        run_import(importer="osm", source=path)
    assert Asset.objects.count() == 0


DEMO_PBF = Path(settings.GEOPORTAL["DEMO_DATA_DIR"]) / "krymsk_nextgis_derived.osm.pbf"


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.skipif(not DEMO_PBF.is_file(), reason="the demo extract is not vendored in demo/data")
def test_full_krymsk_extract_imports_well_under_30_seconds():
    started = time.perf_counter()
    run = run_import(importer="osm", source=DEMO_PBF)
    elapsed = time.perf_counter() - started
    # 16,740 building ways + 1 multipolygon building relation (the GeoJSON export has 16,741 too)
    assert {t: c["inserted"] for t, c in run.target_counts.items()} == {
        "property": 16_741, "asset": 2_013, "adminarea": 1,
    }  # fmt: skip
    assert Property.objects.exclude(street="").count() == 14_168
    assert elapsed < 30
