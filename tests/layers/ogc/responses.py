"""Reading /ogc responses in tests: JSON bodies, links by rel, GeoJSON checks from RFC 7946."""

import json

GEOJSON = "application/geo+json"
JSON = "application/json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
BASE = "http://testserver/ogc"
GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


def get_json(client, url: str, media_type: str = JSON, query: dict | None = None, expect: int = 200) -> dict:
    response = client.get(url, query or {})
    assert response.status_code == expect, response.content[:500]
    assert response["Content-Type"] == media_type
    return json.loads(response.content)


def links_by_rel(document: dict) -> dict[str, dict]:
    return {link["rel"]: link for link in document["links"]}


def relative(href: str) -> str:
    """An absolute link of the test server as a path the test client can GET."""
    assert href.startswith("http://testserver/"), href
    return href.removeprefix("http://testserver")


def features_of(client, collection: str, **query) -> dict:
    return get_json(client, f"/ogc/collections/{collection}/items", GEOJSON, query)


def ids(page: dict) -> list[int]:
    return [feature["id"] for feature in page["features"]]


def ring_area2(ring: list) -> float:
    """Twice the signed area of a ring (shoelace); positive = counter-clockwise in (x, y)."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:], strict=False))


def polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def assert_rfc7946_feature(feature: dict) -> None:
    """RFC 7946: a Feature with type, geometry (or null) and properties (or null); positions are numbers;
    no "crs" member; polygon exterior rings counter-clockwise, holes clockwise; rings closed."""
    assert feature["type"] == "Feature"
    assert "properties" in feature and "geometry" in feature
    assert "crs" not in feature
    geometry = feature["geometry"]
    if geometry is None:
        return
    assert geometry["type"] in GEOMETRY_TYPES
    assert "crs" not in geometry
    flat = json.dumps(geometry["coordinates"])
    assert "null" not in flat and '"' not in flat
    for polygon in polygons(geometry):
        exterior, *holes = polygon
        assert exterior[0] == exterior[-1]
        assert ring_area2(exterior) > 0, "exterior ring must be counter-clockwise"
        for hole in holes:
            assert ring_area2(hole) < 0, "holes must be clockwise"
