"""Pure pieces of the importers: EWKB header, addresses, OSM tag mapping, ring checks, column mapping."""

import struct
from pathlib import Path

import pytest
from django.contrib.gis.geos import GEOSGeometry, Point

from importers import osm_tags
from importers.addresses import format_address
from importers.archives import safe_member_path
from importers.errors import ImportFailed
from importers.ewkb import ewkb_hex
from importers.rings import ring_problem
from importers.vector_mapping import build_field_map, file_stem, id_text, parse_map

LENINA = (37.9877, 44.9300)  # (lon, lat), central Krymsk


def test_ewkb_hex_sets_srid_on_little_and_big_endian_wkb():
    wkb_le = struct.pack("<BIdd", 1, 1, *LENINA)
    wkb_be = struct.pack(">BIdd", 0, 1, *LENINA)
    for wkb in (wkb_le, wkb_be, wkb_le.hex()):
        geom = GEOSGeometry(ewkb_hex(wkb))
        assert geom.srid == 4326
        assert geom.coords == LENINA


def test_ewkb_hex_replaces_an_existing_srid():
    point = Point(*LENINA, srid=3857)
    assert GEOSGeometry(ewkb_hex(bytes(point.ewkb))).srid == 4326


def test_ewkb_hex_refuses_what_is_not_wkb():
    with pytest.raises(ValueError):
        ewkb_hex(b"\x07abc")


@pytest.mark.parametrize(
    ("street", "number", "expected"),
    [
        ("Дивизионная улица", "5", "Дивизионная улица, 5"),
        ("Дивизионная улица", "", "Дивизионная улица"),
        (None, "12А", "12А"),
        ("  ", None, ""),
    ],
)
def test_format_address_russian_style(street, number, expected):
    assert format_address(street, number) == expected


def test_building_fields_from_tags():
    tags = {
        "building": "house",
        "building:levels": "2",
        "addr:street": "улица Ленина",
        "addr:housenumber": "10",
    }
    fields = osm_tags.building_fields(tags)
    assert fields["address"] == "улица Ленина, 10"
    assert (fields["street"], fields["housenumber"], fields["use"], fields["levels"]) == (
        "улица Ленина", "10", "house", 2,
    )  # fmt: skip
    assert fields["attributes"] == {}


def test_building_fields_keep_unparsed_levels_and_drop_yes():
    fields = osm_tags.building_fields({"building": "yes", "building:levels": "3;4", "name": "АВО 1"})
    assert fields["use"] == ""
    assert fields["levels"] is None
    assert fields["attributes"] == {"building:levels": "3;4", "name": "АВО 1"}


def test_road_fields_keep_only_road_attributes():
    tags = {"highway": "residential", "name": "Дивизионная улица", "surface": "asphalt", "source": "x"}
    assert osm_tags.road_fields(tags) == {
        "kind": "road",
        "name": "Дивизионная улица",
        "attributes": {"highway": "residential", "surface": "asphalt"},
    }


@pytest.mark.parametrize(
    ("tags", "point", "kind"),
    [
        ({"amenity": "bench"}, True, "bench"),
        ({"amenity": "waste_basket"}, True, "waste_site"),
        ({"amenity": "school"}, False, "school"),
        ({"amenity": "cafe"}, True, "amenity"),
        ({"leisure": "pitch"}, False, "sports_ground"),
        ({"leisure": "garden"}, False, None),
        ({"highway": "street_lamp"}, True, "streetlight"),
        ({"highway": "bus_stop"}, True, "bus_stop"),
        ({"highway": "bus_stop"}, False, None),
        ({"highway": "residential"}, True, None),
    ],
)
def test_asset_kind(tags, point, kind):
    assert osm_tags.asset_kind(tags, point=point) == kind


def test_municipality_is_chosen_by_admin_level():
    tags = {"boundary": "administrative", "admin_level": "8", "name": "Крымск", "population": "57 229"}
    assert osm_tags.is_municipality(tags, admin_level="8")
    assert not osm_tags.is_municipality(tags, admin_level="6")
    assert osm_tags.municipality_fields(tags, code="krymsk") == {
        "kind": "municipality", "name": "Крымск", "code": "krymsk", "population": 57229,
    }  # fmt: skip


def test_ring_problem_names_the_unclosed_ring():
    closed = [(0, 0), (1, 0), (1, 1), (0, 0)]
    unclosed = [(0, 0), (1, 0), (1, 1), (0, 1)]
    assert ring_problem([[closed]]) is None
    assert ring_problem([[unclosed]]).startswith("ring 1 is not closed: it starts at (0 0) and ends at (0 1)")
    assert ring_problem([[closed], [closed, unclosed]]).startswith("polygon 2, ring 2 is not closed")
    assert "has 3 points" in ring_problem([[[(0, 0), (1, 0), (0, 0)]]])


def test_file_stem_and_id_text():
    assert file_stem(Path("krymsk_highways.shp.zip")) == "krymsk_highways"
    assert file_stem(Path("b.GeoJSON")) == "b"
    assert id_text(170600971.0) == "170600971"
    assert id_text(" 12 ") == "12"
    assert id_text(None) == ""


def test_parse_map_rejects_malformed_entries():
    assert parse_map(["address=A_STRT", " levels = L "]) == {"address": "A_STRT", "levels": "L"}
    with pytest.raises(ImportFailed, match="field=column"):
        parse_map(["address"])
    with pytest.raises(ImportFailed, match="twice"):
        parse_map(["name=A", "name=B"])


def test_field_map_automaps_same_named_columns_and_keeps_the_rest_as_attributes():
    fmap = build_field_map(target="asset", columns=["NAME", "HIGHWAY"], entries=[], kind="road")
    assert fmap.mapping == {"name": "NAME"}
    assert fmap.fields({"NAME": "улица Мира", "HIGHWAY": "residential"}) == {
        "name": "улица Мира", "kind": "road", "attributes": {"HIGHWAY": "residential"},
    }  # fmt: skip


def test_field_map_builds_the_address_from_street_and_number():
    fmap = build_field_map(
        target="property", columns=["A_STRT", "A_HSNMBR"], entries=["street=A_STRT", "housenumber=A_HSNMBR"],
        kind=None,
    )  # fmt: skip
    fields = fmap.fields({"A_STRT": "Полковая улица", "A_HSNMBR": 42.0})
    assert (fields["kind"], fields["address"], fields["housenumber"]) == (
        "building",
        "Полковая улица, 42",
        "42",
    )


@pytest.mark.parametrize(
    ("target", "entries", "kind", "message"),
    [
        ("asset", ["nme=NAME"], "road", "asset has no field 'nme'; fields: kind, name"),
        ("asset", ["name=NAM"], "road", "the file has no column 'NAM'; columns: NAME"),
        ("asset", [], None, "pass --kind for --target asset"),
        ("asset", [], "castle", "--kind castle is not a asset kind"),
        ("layer", ["name=NAME"], None, "--map and --kind are for"),
    ],
)
def test_field_map_errors_say_what_to_pass(target, entries, kind, message):
    with pytest.raises(ImportFailed, match=message):
        build_field_map(target=target, columns=["NAME"], entries=entries, kind=kind)


@pytest.mark.parametrize(
    ("name", "safe"),
    [("roads/roads.shp", True), ("../evil.shp", False), ("/etc/passwd", False), ("a/../../b", False),
     ("C:\\x.shp", False), ("..\\x.shp", False)],
)  # fmt: skip
def test_safe_member_path(name, safe):
    assert (safe_member_path(name) is not None) is safe
