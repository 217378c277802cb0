"""Pure construction of gazetteer entries from source rows (layers/search/entries.py)."""

import re
from pathlib import Path

from layers.search.entries import (
    COLUMNS,
    address_entry,
    cadastral_entry,
    layer_entries,
    property_address,
    street_names,
)

PLACE = {"lon": 38.0, "lat": 44.9, "west": 37.99, "south": 44.89, "east": 38.01, "north": 44.91}


def row(**fields) -> dict:
    return {
        "id": 7,
        "address": "",
        "street": "",
        "housenumber": "",
        "cadastral_number": "",
        **PLACE,
        **fields,
    }


def test_an_address_entry_keeps_the_label_and_keys_for_the_street_join():
    source = row(address="улица Ленина, 12А", street="улица Ленина", housenumber="12А")
    entry = address_entry(source, property_address(source))

    assert (entry.kind, entry.name, entry.ref_type, entry.ref_id) == (
        "address",
        "улица Ленина, 12А",
        "property",
        7,
    )
    assert (entry.street, entry.housenumber) == ("ленина улица", "12 а")
    assert (entry.normalized, entry.fulltext) == ("ленина 12 а", "улица ленина 12 а")
    assert (entry.lon, entry.lat) == (38.0, 44.9)


def test_a_one_line_address_is_taken_apart_when_street_and_house_are_missing():
    address = property_address(row(address="ул. Ленина, д. 12"))

    assert (address.street_key, address.house) == ("ленина улица", "12")


def test_no_address_without_a_house_number():
    assert property_address(row(address="улица Ленина", street="улица Ленина")) is None
    assert property_address(row()) is None


def test_a_cadastral_entry_is_the_number_with_the_address():
    entry = cadastral_entry(row(cadastral_number="23:15:0101001:123", address="улица Ленина, 12"))

    assert entry.name == "23:15:0101001:123, улица Ленина, 12"
    assert entry.normalized == "23:15:0101001:123"
    assert cadastral_entry(row()) is None


def test_internal_layers_are_not_public():
    layers = [
        {"id": 1, "title": "Дороги", "access": "public", **PLACE},
        {"id": 2, "title": "Сети водоснабжения", "access": "internal", **PLACE},
    ]
    entries = list(layer_entries(layers))

    assert [(e.name, e.is_public) for e in entries] == [("Дороги", True), ("Сети водоснабжения", False)]


def test_entry_columns_match_the_staging_table():
    create = (
        Path(__file__).resolve().parents[3] / "layers" / "sql" / "gazetteer_stage_create.sql"
    ).read_text()
    staged = re.findall(r"^\s+(\w+) (?:text|bigint|boolean|float8)", create, flags=re.M)
    staged += re.findall(r"(\w+) float8", create)

    assert list(dict.fromkeys(staged)) == list(COLUMNS)


def test_a_street_known_from_addresses_takes_its_most_frequent_spelling():
    rows = [
        row(id=1, street="Весёлая улица", housenumber="1"),
        row(id=2, street="Весёлая улица", housenumber="2"),
        row(id=3, street="улица Веселая", housenumber="3"),
        row(id=4, address="ул. Мира, 5"),
    ]
    addresses = [property_address(r) for r in rows]

    assert street_names(addresses) == {"веселая улица": "Весёлая улица", "мира улица": "улица мира"}
