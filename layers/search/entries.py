"""Pure construction of gazetteer entries from source rows (dicts read by the gazetteer_*.sql files).

No database: the rebuild service reads the rows, these functions turn them into `Entry` values, and the
service writes them. Coordinates are degrees, EPSG:4326, axis order (lon, lat); a box is (west, south,
east, north). `normalized` is the trigram key (normal form without street-type words), `fulltext` the
text of the 'russian' tsvector (the full normal form).
"""

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

from layers.search.normalize import core, house_key, normalize, split_address, street_key


@dataclass(frozen=True)
class Entry:
    kind: str
    name: str
    normalized: str
    fulltext: str
    street: str
    housenumber: str
    ref_type: str
    ref_id: int | None
    is_public: bool
    lon: float | None
    lat: float | None
    west: float | None
    south: float | None
    east: float | None
    north: float | None


COLUMNS = tuple(f.name for f in fields(Entry))
_PLACE = ("lon", "lat", "west", "south", "east", "north")


@dataclass(frozen=True)
class PropertyAddress:
    """The address of one property in key form, with the raw street name for display."""

    property_id: int
    street_key: str
    street_name: str
    house: str


def _place(row: Mapping[str, Any]) -> dict[str, float | None]:
    return {k: row[k] for k in _PLACE}


def property_address(row: Mapping[str, Any]) -> PropertyAddress | None:
    """The address of a property row (street + house number, else its one-line `address` taken apart),
    or None when it has no street or no house number."""
    street, house = row["street"].strip(), house_key(row["housenumber"])
    if street:
        key, name = street_key(street), street
    else:
        words, house = split_address(row["address"])
        key, name = street_key(words), words
    if not key or not house:
        return None
    return PropertyAddress(row["id"], key, name, house)


def address_entry(row: Mapping[str, Any], address: PropertyAddress) -> Entry:
    """The entry of an addressed property: name «улица Ленина, 12», keys for the street join."""
    label = row["address"].strip() or f"{address.street_name}, {row['housenumber'].strip()}"
    full = f"{normalize(address.street_name)} {address.house}"
    return Entry(
        kind="address",
        name=label,
        normalized=core(full),
        fulltext=full,
        street=address.street_key,
        housenumber=address.house,
        ref_type="property",
        ref_id=row["id"],
        is_public=True,
        **_place(row),
    )


def cadastral_entry(row: Mapping[str, Any]) -> Entry | None:
    """The entry of a property's cadastral number «23:15:0101001:123» (with its address in the name)."""
    number = "".join(row["cadastral_number"].split())
    if not number:
        return None
    address = row["address"].strip()
    return Entry(
        kind="cadastral",
        name=f"{number}, {address}" if address else number,
        normalized=number,
        fulltext=normalize(number),
        street="",
        housenumber="",
        ref_type="property",
        ref_id=row["id"],
        is_public=True,
        **_place(row),
    )


def property_entries(rows: Iterable[Mapping[str, Any]]) -> tuple[list[Entry], list[PropertyAddress]]:
    """Address and cadastral entries of property rows, and the addresses (for the street entries)."""
    entries: list[Entry] = []
    addresses: list[PropertyAddress] = []
    for row in rows:
        address = property_address(row)
        if address is not None:
            addresses.append(address)
            entries.append(address_entry(row, address))
        cadastral = cadastral_entry(row)
        if cadastral is not None:
            entries.append(cadastral)
    return entries, addresses


def street_names(addresses: Iterable[PropertyAddress]) -> dict[str, str]:
    """Street key → the most frequent raw spelling among the addresses (ties: the first in sort order)."""
    spellings: dict[str, Counter] = {}
    for address in addresses:
        spellings.setdefault(address.street_key, Counter())[address.street_name] += 1
    return {key: min(c, key=lambda name: (-c[name], name)) for key, c in spellings.items()}


def street_entries(rows: Iterable[Mapping[str, Any]]) -> Iterator[Entry]:
    """Street entries from gazetteer_streets.sql rows (one per street key)."""
    for row in rows:
        full = normalize(row["name"])
        yield Entry(
            kind="street",
            name=row["name"],
            normalized=core(full),
            fulltext=full,
            street=row["key"],
            housenumber="",
            ref_type="asset" if row["ref_id"] is not None else "",
            ref_id=row["ref_id"],
            is_public=True,
            **_place(row),
        )


def asset_entries(rows: Iterable[Mapping[str, Any]]) -> Iterator[Entry]:
    """Entries of named assets (schools, parks, bus stops…)."""
    for row in rows:
        full = normalize(row["name"])
        if full:
            yield Entry(
                "asset", row["name"], core(full), full, "", "", "asset", row["id"], True, **_place(row)
            )


def layer_entries(rows: Iterable[Mapping[str, Any]]) -> Iterator[Entry]:
    """Entries of layer titles; an internal layer's entry is not public."""
    for row in rows:
        full = normalize(row["title"])
        if full:
            public = row["access"] == "public"
            yield Entry(
                "layer", row["title"], core(full), full, "", "", "layer", row["id"], public, **_place(row)
            )
