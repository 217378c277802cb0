"""The read model of public Features (appeals_appealfeature) stays equal to a rebuild through every kind
of write, and a page read from it is the page built from the appeal rows, byte for byte."""

import json

import pytest
from django.contrib.gis.geos import Point
from django.db import connection

from appeals.models import Appeal, Category
from appeals.services.features import rebuild_features
from appeals.workflow import AppealStatus
from geoportal.db import fetch_rows
from tests.appeals.public_support import (  # noqa: F401
    CONTACT,
    LENINA,
    STATION,
    copy_appeals,
    make_appeal,
    mixed_appeals,
    town,
)

KEPT = "SELECT id, kind, feature, xy[0], xy[1] FROM appeals_appealfeature ORDER BY id"
# Any filter but `kind` sends the list to the rows built from the appeals (appeals_public_rows.sql).
BUILT = {"created_after": "1970-01-01T00:00:00Z"}
# … and a datetime sends an OGC items request there (a bbox alone is read from the read model).
OGC_BUILT = {"datetime": "1970-01-01T00:00:00Z/.."}
MOVED = (STATION[0] + 1e-7, STATION[1])  # ~1 cm east: the same text at 6 decimals, another plane point


def assert_kept_matches_a_rebuild() -> list[tuple]:
    kept = fetch_rows(KEPT)
    rebuild_features()
    assert kept == fetch_rows(KEPT)
    return kept


@pytest.fixture
def counted(settings):
    """The built (filtered) pages count numberMatched whatever the planner expects of the test tables."""
    settings.GEOPORTAL = settings.GEOPORTAL | {"OGC_EXACT_COUNT_MAX_FILTERED": 10**9}


@pytest.fixture
def appeals(town):  # noqa: F811
    made = [
        *mixed_appeals(town),
        make_appeal(town["roads"], status=AppealStatus.NEW),  # hidden: not yet moderated
        make_appeal(town["yard"], lonlat=STATION, status=AppealStatus.PUBLISHED),  # a proposal
    ]
    return town | {"made": made}


def test_every_public_appeal_has_its_feature_and_no_hidden_one(appeals):
    kept = assert_kept_matches_a_rebuild()
    public = [a.pk for a in appeals["made"] if a.status != AppealStatus.NEW]
    assert [row[0] for row in kept] == public
    feature = json.loads(kept[2][2])
    assert feature["id"] == public[2] and feature["properties"]["supports_count"] == 4
    assert feature["geometry"]["coordinates"] == [round(c, 6) for c in STATION]
    assert kept[2][3:] == STATION  # the plane point, exact
    assert feature["properties"]["created_at"].endswith("+00:00")  # written in UTC, as Django's sessions read
    for secret in CONTACT.values():
        assert all(secret not in row[2] for row in kept)


def test_updates_rewrite_hide_and_show_features(appeals):
    first, second, third, hidden, proposal = appeals["made"]
    Appeal.objects.filter(pk=first.pk).update(status=AppealStatus.REJECTED)  # hidden now
    Appeal.objects.filter(pk=second.pk).update(supports_count=9)
    third.text = "Текст поправлен модератором"
    third.save()
    Appeal.objects.filter(pk=proposal.pk).update(geom=Point(*MOVED, srid=4326))  # 1 cm: text unchanged
    Appeal.objects.filter(pk=hidden.pk).update(status=AppealStatus.REGISTERED)  # shown now
    kept = {row[0]: json.loads(row[2]) for row in assert_kept_matches_a_rebuild()}
    assert set(kept) == {second.pk, third.pk, hidden.pk, proposal.pk}
    assert kept[second.pk]["properties"]["supports_count"] == 9
    assert kept[third.pk]["properties"]["text"] == "Текст поправлен модератором"
    assert fetch_rows(f"SELECT xy[0], xy[1] FROM appeals_appealfeature WHERE id = {proposal.pk}") == [MOVED]


def test_deletes_and_a_renamed_category(appeals):
    Appeal.objects.filter(pk=appeals["made"][0].pk).delete()
    Category.objects.filter(pk=appeals["potholes"].pk).update(name_ru="Ямы на дорогах")
    kept = assert_kept_matches_a_rebuild()
    assert len(kept) == 3
    names = {json.loads(row[2])["properties"]["category_name"] for row in kept}
    assert "Ямы на дорогах" in names


def test_copy_is_kept_too(town):  # noqa: F811
    copy_appeals(town["roads"], LENINA, 20)
    assert len(assert_kept_matches_a_rebuild()) == 20


@pytest.mark.parametrize("query", [{"limit": 2}, {"limit": 10}, {"limit": 2, "kind": "issue"}])
def test_a_kept_page_is_the_built_page(client, appeals, query):
    kept = client.get("/api/v1/appeals", query)
    built = client.get("/api/v1/appeals", query | BUILT)
    assert kept.status_code == built.status_code == 200
    page, other = kept.json(), built.json()
    assert page["features"] and page["features"] == other["features"]
    assert kept.content.split(b'"next"')[0] == built.content.split(b'"next"')[0]  # byte for byte
    if page["properties"]["next"]:  # the next page of each goes on the same way
        after = client.get(page["properties"]["next"]).json()["features"]
        assert after == client.get(other["properties"]["next"]).json()["features"]


def assert_same_features(kept, built, *, matched: bool = True) -> None:
    """Two items responses with the same Features (byte for byte from "features") and numberMatched."""
    assert kept.status_code == built.status_code == 200
    assert kept.json()["features"] == built.json()["features"]
    if matched:
        assert kept.json().get("numberMatched") == built.json().get("numberMatched")
    features = kept.content.index(b'"features":[')
    assert kept.content[features:] == built.content[built.content.index(b'"features":[') :]


@pytest.mark.parametrize("collection", ["appeals", "proposals"])
def test_a_kept_ogc_page_is_the_built_page(client, appeals, collection, counted):
    """An unfiltered CRS84 items page of the appeals collections comes from the read model's `ogc` texts;
    a datetime that every appeal meets sends the same request through the rows: the same Features."""
    url = f"/ogc/collections/{collection}/items"
    for query in ({"limit": 2}, {"limit": 2, "offset": 1}, {"limit": 100}):
        assert_same_features(client.get(url, query), client.get(url, query | OGC_BUILT))
    if collection == "appeals":
        assert len(client.get(url, {"limit": 100}).json()["features"]) == 3  # the public issues


def _box(west, south, east, north) -> str:
    return ",".join(repr(c) for c in (west, south, east, north))


@pytest.mark.parametrize("sort_max", [50_000, 1])  # matches sorted / the (kind, id) index walked
def test_a_bbox_page_from_the_read_model_is_the_built_page(client, appeals, sort_max, monkeypatch, counted):
    """A bbox-only page picks its ids from the read model's plane points (ogc_kept_bbox_items.sql): the
    same Features as ST_Intersects on the rows, a point on the box's edge in, one 1e-7° outside out."""
    monkeypatch.setattr("layers.ogc.selectors.SORT_ALL_MATCHES_MAX", sort_max)
    lon, lat = LENINA
    more = [make_appeal(appeals["potholes"], lonlat=(lon + d, lat + d)) for d in (0.001, 0.002, 0.003)]
    url = "/ogc/collections/appeals/items"
    boxes = {
        "around Lenina": _box(lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01),
        "Lenina on the west edge": _box(lon, lat, lon + 0.01, lat + 0.01),
        "Lenina 1e-7 west of it": _box(lon + 1e-7, lat - 0.01, lon + 0.01, lat + 0.01),
        "the whole world": _box(-180, -90, 180, 90),
        "nothing": _box(0, 0, 0.001, 0.001),
    }
    for bbox in boxes.values():
        for query in ({"limit": 2}, {"limit": 2, "offset": 2}, {"limit": 2, "offset": 9}, {"limit": 100}):
            kept = client.get(url, query | {"bbox": bbox})
            built = client.get(url, query | {"bbox": bbox} | OGC_BUILT)
            assert_same_features(kept, built, matched=sort_max > 1)
    at_lenina = [a.pk for a in appeals["made"][:2]]
    edge = client.get(url, {"bbox": boxes["Lenina on the west edge"]}).json()
    assert [f["id"] for f in edge["features"]] == at_lenina + [a.pk for a in more]
    assert edge["numberMatched"] == 5  # the last page
    outside = client.get(url, {"bbox": boxes["Lenina 1e-7 west of it"]}).json()
    assert {f["id"] for f in outside["features"]} == {a.pk for a in more}
    # numberMatched: the sorted matches' count, or (matches walked) known on the last page only
    page = client.get(url, {"bbox": boxes["around Lenina"], "limit": 2}).json()
    assert page.get("numberMatched") == (None if sort_max == 1 else 5)
    assert page["numberReturned"] == 2 and page["features"][0]["id"] < page["features"][1]["id"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as the importers' tests after it
def test_truncate_empties_the_features(appeals):  # what flushing a test database does
    with connection.cursor() as cur:
        cur.execute("TRUNCATE appeals_appeal CASCADE")
    assert fetch_rows(KEPT) == []
