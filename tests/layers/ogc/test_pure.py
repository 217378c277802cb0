"""The pure parts of /ogc — parameters, CRS table, negotiation, CQL2 → Q — with no database."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import F, Q
from django.test import RequestFactory

from geoportal.errors import ValidationFailed
from layers.collections import STATIC
from layers.ogc import formats
from layers.ogc.cql import cql_filter_q
from layers.ogc.crs import CRS84, crs_parse, offered
from layers.ogc.params import TimeFilter, parse_bbox, parse_datetime
from layers.ogc.queryables import collection_queryables

APPEALS = next(c for c in STATIC if c.id == "appeals")
T = datetime(2025, 5, 1, 7, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-05-01T07:30:00Z", TimeFilter(T, T)),
        ("2025-05-01T10:30:00+03:00", TimeFilter(T, T)),
        ("2025-05-01t07:30:00.000z", TimeFilter(T, T)),
        ("2025-05-01", TimeFilter(T - timedelta(hours=7.5), T + timedelta(hours=16.5), end_exclusive=True)),
        ("../2025-05-01T07:30:00Z", TimeFilter(None, T)),
        ("/2025-05-01T07:30:00Z", TimeFilter(None, T)),
        ("2025-05-01T07:30:00Z/..", TimeFilter(T, None)),
        ("2025-05-01T07:30:00Z/", TimeFilter(T, None)),
        ("../..", TimeFilter(None, None)),
    ],
)
def test_datetime_instants_and_intervals(raw, expected):
    assert parse_datetime(raw) == expected


@pytest.mark.parametrize("raw", ["2025-05-01T07:30:00", "2025-5-1", "2025-05-01T25:00:00Z", "a/b", "x"])
def test_datetime_rejects_what_is_not_rfc3339(raw):
    with pytest.raises(ValidationFailed) as error:
        parse_datetime(raw)
    assert error.value.field == "datetime"


def test_bbox_in_epsg4326_is_read_lat_lon():
    epsg4326 = crs_parse("http://www.opengis.net/def/crs/EPSG/0/4326", field="bbox-crs")

    assert parse_bbox("44.9,37.9,45.0,38.0", crs=epsg4326) == (37.9, 44.9, 38.0, 45.0)
    assert parse_bbox("37.9,44.9,38.0,45.0", crs=CRS84) == (37.9, 44.9, 38.0, 45.0)


def test_projected_bbox_is_not_held_to_degree_ranges():
    mercator = crs_parse("EPSG:3857", field="bbox-crs")

    assert parse_bbox("4228722,5610463,4228822,5610563", crs=mercator) == (4228722, 5610463, 4228822, 5610563)


def test_offered_crs_are_crs84_4326_3857_and_every_utm_zone():
    srids = [crs.srid for crs in offered()]

    assert offered()[0] == CRS84
    assert srids[1:3] == [4326, 3857]
    assert srids[3:] == [*range(32601, 32661), *range(32701, 32761)]
    assert {crs.precision for crs in offered() if crs.srid in (4326,)} == {6}
    assert {crs.precision for crs in offered() if crs.srid not in (4326,)} == {2}


@pytest.mark.parametrize(
    "raw",
    [
        "http://www.opengis.net/def/crs/EPSG/0/32637",
        "[EPSG:32637]",
        "EPSG:32637",
        "urn:ogc:def:crs:EPSG::32637",
    ],
)
def test_crs_forms(raw):
    assert crs_parse(raw, field="crs").srid == 32637


@pytest.mark.parametrize(
    ("accept", "offer", "expected"),
    [
        ("application/geo+json, application/json", formats.FEATURES, formats.GEOJSON),
        ("application/json", formats.FEATURES, formats.JSON),
        ("application/json;q=0.5, application/geo+json", formats.FEATURES, formats.GEOJSON),
        ("*/*", formats.OPENAPI_DOC, formats.OPENAPI),
        ("application/vnd.oai.openapi+json;version=3.0", formats.OPENAPI_DOC, formats.OPENAPI),
        ("application/schema+json", formats.QUERYABLES, formats.JSON_SCHEMA),
        ("text/html,application/xhtml+xml,*/*;q=0.8", formats.METADATA, formats.JSON),
        ("", formats.FEATURES, formats.GEOJSON),
    ],
)
def test_negotiation(accept, offer, expected):
    request = RequestFactory().get("/ogc/", headers={"Accept": accept} if accept else {})

    assert formats.negotiate(request, offer) == expected


def test_negotiation_refuses_what_is_not_offered():
    with pytest.raises(formats.NotAcceptable):
        formats.negotiate(RequestFactory().get("/ogc/", headers={"Accept": "text/html"}), formats.METADATA)


def q(text: str, lang: str = "cql2-text", crs=CRS84) -> Q:
    return cql_filter_q(text=text, lang=lang, crs=crs, queryables=collection_queryables(APPEALS))


def test_cql2_names_map_to_orm_paths_not_text():
    assert q("category = 'roads'") == Q(category__code__exact="roads")
    assert q("due_at > created_at") == Q(due_at__gt=F("created_at"))


def test_cql2_like_follows_cql2_wildcards():
    assert q("text LIKE 'a_b%c\\%'") == Q(text__regex="^a.b.*c%$")
    assert q("text LIKE 'x.y'") == Q(text__regex="^x\\.y$")  # regex characters are literal


def test_cql2_geometry_literals_carry_filter_crs():
    epsg4326 = crs_parse("EPSG:4326", field="filter-crs")

    geometry = q("S_INTERSECTS(geometry, POINT(44.93 37.98))", crs=epsg4326).children[0][1]

    assert (geometry.x, geometry.y, geometry.srid) == (37.98, 44.93, 4326)


def test_cql2_json_bbox_is_min_x_min_y_max_x_max_y():
    expression = (
        '{"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [37.9, 44.9, 38.0, 45.0]}]}'
    )

    polygon = q(expression, "cql2-json").children[0][1]

    assert polygon.extent == (37.9, 44.9, 38.0, 45.0)
