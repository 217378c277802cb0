"""Pure OSM tag → model field mapping for the osm importer (no osmium, no database).

Tags come as a plain dict. Values that do not parse (building:levels=3;4) are kept in `attributes`
rather than rejected: OSM tagging is free-form and one odd tag should not fail a town's import.
"""

from collections.abc import Mapping

from importers.addresses import format_address

ROAD_ATTRIBUTES = ("highway", "surface", "lanes", "maxspeed", "ref", "oneway", "bridge", "tunnel", "width")
ADDRESS_TAGS = ("addr:street", "addr:housenumber")

# Asset.Kind values by tag; keys of an object are tried in this order: amenity, leisure, highway.
AMENITY_KINDS = {
    "bench": "bench",
    "waste_basket": "waste_site",
    "waste_disposal": "waste_site",
    "recycling": "waste_site",
    "school": "school",
    "kindergarten": "kindergarten",
    "hospital": "hospital",
    "clinic": "hospital",
}
LEISURE_KINDS = {
    "playground": "playground",
    "pitch": "sports_ground",
    "sports_centre": "sports_ground",
    "stadium": "sports_ground",
    "fitness_station": "sports_ground",
    "park": "park",
}
POINT_HIGHWAY_KINDS = {"street_lamp": "streetlight", "bus_stop": "bus_stop"}
OTHER_AMENITY = "amenity"


def parse_count(value: str | None, *, maximum: int) -> int | None:
    """A whole non-negative number up to `maximum` from a tag value ("5", " 12 "), else None."""
    if value is None:
        return None
    text = value.strip().replace(" ", "").replace("\u00a0", "")
    if not text.isdigit():
        return None
    number = int(text)
    return number if number <= maximum else None


def building_fields(tags: Mapping[str, str]) -> dict:
    """Property fields of a building: Russian-style address, street, house number, use, levels."""
    street = tags.get("addr:street", "").strip()
    housenumber = tags.get("addr:housenumber", "").strip()
    levels = parse_count(tags.get("building:levels"), maximum=200)
    use = tags.get("building", "")
    consumed = {"building", *ADDRESS_TAGS} | ({"building:levels"} if levels is not None else set())
    return {
        "kind": "building",
        "address": format_address(street, housenumber),
        "street": street,
        "housenumber": housenumber,
        "use": "" if use == "yes" else use,
        "levels": levels,
        "attributes": {k: v for k, v in tags.items() if k not in consumed},
    }


def road_fields(tags: Mapping[str, str]) -> dict:
    """Asset fields of a highway way: kind road, its name, the road attributes that are tagged."""
    return {
        "kind": "road",
        "name": tags.get("name", ""),
        "attributes": {k: tags[k] for k in ROAD_ATTRIBUTES if k in tags},
    }


def asset_kind(tags: Mapping[str, str], *, point: bool) -> str | None:
    """The Asset.Kind of an amenity / leisure / street furniture object, or None when it is none.

    Unlisted amenity values give the generic "amenity"; unlisted leisure values are not assets. Point
    highway kinds (street lamps, bus stops) are taken from nodes only: a highway way is a road.
    """
    amenity = tags.get("amenity")
    if amenity:
        return AMENITY_KINDS.get(amenity, OTHER_AMENITY)
    leisure = LEISURE_KINDS.get(tags.get("leisure", ""))
    if leisure:
        return leisure
    if point:
        return POINT_HIGHWAY_KINDS.get(tags.get("highway", ""))
    return None


def asset_fields(tags: Mapping[str, str], kind: str) -> dict:
    """Asset fields of an amenity-like object: its kind, name and the other tags as attributes."""
    return {
        "kind": kind,
        "name": tags.get("name", ""),
        "attributes": {k: v for k, v in tags.items() if k != "name"},
    }


def is_municipality(tags: Mapping[str, str], *, admin_level: str) -> bool:
    """boundary=administrative at `admin_level`, or a boundary=place polygon."""
    boundary = tags.get("boundary")
    if boundary == "administrative":
        return tags.get("admin_level") == admin_level
    return boundary == "place"


def municipality_fields(tags: Mapping[str, str], *, code: str) -> dict:
    """AdminArea fields of the municipality: name, the given code, population when tagged."""
    return {
        "kind": "municipality",
        "name": tags.get("name", ""),
        "code": code,
        "population": parse_count(tags.get("population"), maximum=2**31 - 1),
    }
