"""The read model of public Features (appeals_appealfeature) stays equal to a rebuild through every kind
of write, and a page read from it is the page built from the appeal rows, byte for byte."""

import json

import pytest
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

KEPT = "SELECT id, kind, feature FROM appeals_appealfeature ORDER BY id"
# Any filter but `kind` sends the list to the rows built from the appeals (appeals_public_rows.sql).
BUILT = {"created_after": "1970-01-01T00:00:00Z"}


def assert_kept_matches_a_rebuild() -> list[tuple]:
    kept = fetch_rows(KEPT)
    rebuild_features()
    assert kept == fetch_rows(KEPT)
    return kept


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
    assert feature["properties"]["created_at"].endswith("+00:00")  # written in UTC, as Django's sessions read
    for secret in CONTACT.values():
        assert all(secret not in row[2] for row in kept)


def test_updates_rewrite_hide_and_show_features(appeals):
    first, second, third, hidden, proposal = appeals["made"]
    Appeal.objects.filter(pk=first.pk).update(status=AppealStatus.REJECTED)  # hidden now
    Appeal.objects.filter(pk=second.pk).update(supports_count=9)
    third.text = "Текст поправлен модератором"
    third.save()
    Appeal.objects.filter(pk=hidden.pk).update(status=AppealStatus.REGISTERED)  # shown now
    kept = {row[0]: json.loads(row[2]) for row in assert_kept_matches_a_rebuild()}
    assert set(kept) == {second.pk, third.pk, hidden.pk, proposal.pk}
    assert kept[second.pk]["properties"]["supports_count"] == 9
    assert kept[third.pk]["properties"]["text"] == "Текст поправлен модератором"


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


@pytest.mark.parametrize("collection", ["appeals", "proposals"])
def test_a_kept_ogc_page_is_the_built_page(client, appeals, collection):
    """An unfiltered CRS84 items page of the appeals collections comes from the read model's `ogc` texts;
    a bbox over the whole world sends the same request through the rows: the same Features, byte for byte."""
    url = f"/ogc/collections/{collection}/items"
    for query in ({"limit": 2}, {"limit": 2, "offset": 1}, {"limit": 100}):
        kept = client.get(url, query)
        built = client.get(url, query | {"bbox": "-180,-90,180,90"})
        assert kept.status_code == built.status_code == 200
        assert kept.json()["features"] == built.json()["features"]
        assert kept.json().get("numberMatched") == built.json().get("numberMatched")
        features = kept.content.index(b'"features":[')
        assert kept.content[features:] == built.content[built.content.index(b'"features":[') :]
    if collection == "appeals":
        assert len(client.get(url, {"limit": 100}).json()["features"]) == 3  # the public issues


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as the importers' tests after it
def test_truncate_empties_the_features(appeals):  # what flushing a test database does
    with connection.cursor() as cur:
        cur.execute("TRUNCATE appeals_appeal CASCADE")
    assert fetch_rows(KEPT) == []
