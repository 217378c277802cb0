"""The vector importer's newer formats on the command line (GeoPackage, KML/KMZ, CSV), the driver
allow-list, the layer modes and slugs, and the CSV reader itself (tests/data/uploads, see its README)."""

import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from importers.csv_points import CsvPoints, parse_number
from importers.errors import ImportFailed
from importers.services import run_import
from layers.models import Feature, Layer
from tests.importers.conftest import BUILDINGS, DATA

UPLOADS = DATA / "uploads"


def cli(*args: str) -> str:
    out = StringIO()
    call_command("import", "vector", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_cli_geopackage_layer_choice():
    cli(
        str(UPLOADS / "krymsk_centre.gpkg"),
        "--layer",
        "zoning",
        "--source-layer",
        "buildings",
        "--title",
        "Здания",
    )

    layer = Layer.objects.get(slug="zoning")
    assert (layer.title, layer.features.count()) == ("Здания", 50)
    with pytest.raises(CommandError, match="has 2 layers; choose one .*: buildings, roads"):
        cli(str(UPLOADS / "krymsk_centre.gpkg"), "--layer", "zoning")
    assert layer.features.count() == 50


@pytest.mark.django_db
def test_cli_kml_and_kmz(tmp_path):
    kmz = tmp_path / "buildings.kmz"
    with zipfile.ZipFile(kmz, "w") as zf:
        zf.write(UPLOADS / "krymsk_buildings_10.kml", "doc.kml")

    cli(str(UPLOADS / "krymsk_buildings_10.kml"), "--layer", "kml")
    cli(str(kmz), "--layer", "kmz")

    for slug in ("kml", "kmz"):
        features = Feature.objects.filter(layer__slug=slug)
        assert features.count() == 10
        first = features.order_by("id").first()
        # LIBKML's bookkeeping columns (tessellate, extrude, visibility…) are dropped when they hold defaults
        assert first.properties == {"Name": "Полковая улица", "description": None, "A_HSNMBR": "42"}


@pytest.mark.django_db
def test_cli_csv_with_named_columns_and_srs(tmp_path):
    utm = tmp_path / "utm.csv"
    utm.write_text("name;easting;northing\nцентр;419880,0;4975140,0\n", encoding="utf-8")

    cli(str(utm), "--layer", "utm", "--lon", "easting", "--lat", "northing", "--srs", "EPSG:32637")

    feature = Feature.objects.get(layer__slug="utm")
    assert feature.properties == {"name": "центр"}  # the coordinate columns are the geometry, not properties
    # Reference: SELECT ST_Transform(ST_SetSRID(ST_MakePoint(419880, 4975140), 32637), 4326)
    assert (round(feature.geom.x, 7), round(feature.geom.y, 7)) == (37.9847667, 44.9251782)


@pytest.mark.django_db
def test_reserved_slugs_are_refused_on_the_cli_too():
    with pytest.raises(CommandError, match="--layer: slug 'basemap' is reserved"):
        cli(str(BUILDINGS), "--layer", "basemap")
    with pytest.raises(CommandError, match="--layer: slug 'appeals' is reserved"):
        cli(str(BUILDINGS), "--layer", "appeals")
    assert not Layer.objects.exists()


@pytest.mark.django_db
def test_mode_is_for_layers_only():
    with pytest.raises(ImportFailed, match="--mode is for --target layer"):
        run_import(importer="vector", source=BUILDINGS, options={"target": "property", "mode": "append"})


@pytest.mark.django_db
def test_a_vrt_under_any_allowed_suffix_is_not_opened(tmp_path):
    vrt = (
        '<OGRVRTDataSource><OGRVRTLayer name="passwd"><SrcDataSource>/etc/passwd</SrcDataSource>'
        "</OGRVRTLayer></OGRVRTDataSource>"
    )
    for name, label in (("a.geojson", "GeoJSON"), ("a.kml", "KML"), ("a.gpkg", "GeoPackage")):
        path = tmp_path / name
        path.write_text(vrt)
        with pytest.raises(ImportFailed, match=f"cannot read {name} as {label}"):
            run_import(importer="vector", source=path)
    assert not Feature.objects.exists()


@pytest.mark.django_db
def test_replace_is_the_default_and_removes_what_the_file_no_longer_has(tmp_path):
    five = tmp_path / "five.csv"
    five.write_text("id,lon,lat\n" + "".join(f"{i},37.98,44.9{i}\n" for i in range(1, 6)), encoding="utf-8")
    three = tmp_path / "three.csv"
    three.write_text("id,lon,lat\n" + "".join(f"{i},37.99,44.9{i}\n" for i in range(1, 4)), encoding="utf-8")

    run_import(importer="vector", source=five, options={"layer": "p", "id_field": "id"})
    run = run_import(importer="vector", source=three, options={"layer": "p", "id_field": "id"})

    assert run.target_counts["feature"] == {
        "read": 3,
        "inserted": 0,
        "updated": 3,
        "rejected": 0,
        "deleted": 2,
    }
    assert sorted(Feature.objects.values_list("source_id", flat=True)) == ["1", "2", "3"]


# --- the CSV reader --------------------------------------------------------------------------------------


def opened(path: Path, **options) -> CsvPoints:
    reader = CsvPoints(path, file_name=path.name, **options)
    reader.open()
    return reader


def test_csv_semicolons_decimal_commas_blank_lines_and_quoted_newlines(tmp_path):
    path = tmp_path / "stops.csv"
    path.write_text(
        'Название;Долгота;Широта\n"Остановка\nу рынка";37,9851;44,9252\n\n"Вокзал";38.0105;44.9152\n',
        encoding="utf-8",
    )

    rows = list(opened(path).rows())

    assert [(r.line, r.values, r.geom.coords) for r in rows] == [
        (2, {"Название": "Остановка\nу рынка"}, (37.9851, 44.9252)),
        (5, {"Название": "Вокзал"}, (38.0105, 44.9152)),
    ]


def test_csv_in_cp1251_needs_its_encoding_and_the_error_names_the_line(tmp_path):
    path = tmp_path / "cp1251.csv"
    path.write_bytes("lon,lat,name\n37.98,44.92,ok\n37.99,44.93,Крымск\n".encode("cp1251"))

    with pytest.raises(
        ImportFailed, match=r"line 3 of cp1251.csv is not UTF-8 text: give the file's encoding"
    ):
        list(opened(path).rows())
    assert [r.values["name"] for r in opened(path, encoding="cp1251").rows()] == ["ok", "Крымск"]
    with pytest.raises(ImportFailed, match="encoding 'utf-16'"):
        opened(path, encoding="utf-16")


def test_csv_wkt_column_with_ewkt_and_a_broken_value(tmp_path):
    path = tmp_path / "wkt.csv"
    path.write_text(
        'geometry,kind\n"SRID=3857;POINT(4228500 5610000)",a\nPOINT(37.98 44.92),b\n'
        '"POLYGON((1 1, 2 2",c\n,d\n',
        encoding="utf-8",
    )

    rows = list(opened(path).rows())

    assert (rows[0].geom.srid, rows[1].geom.srid) == (3857, 4326)
    assert rows[2].problem == "geometry is not WKT: POLYGON((1 1, 2 2"
    assert rows[3].problem == "no geometry: geometry is empty"


def test_csv_header_problems(tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("lon,lat,lon\n1,2,3\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="twice.csv: the header names lon more than once"):
        opened(path)
    path.write_text("wkt,lon,lat\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="give either wkt or lon and lat, not both"):
        opened(path, wkt="wkt", lon="lon")


@pytest.mark.parametrize(
    ("text", "number"),
    [("37.98", 37.98), ("37,98", 37.98), (" -1e3 ", -1000.0), ("1,000.5", None), ("nan", None), ("", None)],
)
def test_parse_number(text, number):
    assert parse_number(text) == number
