"""OGC API – Tiles is discoverable from OGC API – Features: conformance, landing and collection links."""

import pytest

TILES_CORE = "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core"
REL_TILESETS_VECTOR = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"
REL_TILING_SCHEMES = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"


def link_href(document: dict, rel: str) -> str:
    hrefs = [x["href"] for x in document["links"] if x["rel"] == rel]
    assert len(hrefs) == 1, f"expected one {rel} link, got {hrefs}"
    return hrefs[0]


@pytest.mark.django_db
def test_conformance_declares_tiles(client):
    assert TILES_CORE in client.get("/ogc/conformance?f=json").json()["conformsTo"]


@pytest.mark.django_db
def test_landing_links_to_tile_matrix_sets_that_resolve(client):
    href = link_href(client.get("/ogc/?f=json").json(), REL_TILING_SCHEMES)
    sets = client.get(href.replace("http://testserver", ""))
    assert sets.status_code == 200
    assert any(s["id"] == "WebMercatorQuad" for s in sets.json()["tileMatrixSets"])


@pytest.mark.django_db
@pytest.mark.parametrize("collection_id", ["appeals", "properties", "areas"])
def test_every_collection_links_to_its_tilesets(client, collection_id):
    document = client.get(f"/ogc/collections/{collection_id}?f=json").json()
    href = link_href(document, REL_TILESETS_VECTOR)
    assert href.endswith(f"/ogc/collections/{collection_id}/tiles")
    assert client.get(href.replace("http://testserver", "")).status_code == 200
