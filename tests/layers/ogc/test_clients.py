"""Real clients against /ogc on a live server on loopback: GDAL's OAPIF driver (ogrinfo, ogr2ogr) and OWSLib.

The town of conftest.py plus 10,000 more public appeals is committed once for this module (the server
thread reads it through its own connections) and deleted afterwards. GDAL 3.6 from Debian; OWSLib 0.35.
"""

import json
import os
import re
import shutil
import subprocess
import threading
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.db import connection

from appeals.models import Appeal, Category
from appeals.workflow import AppealKind, AppealStatus
from layers.collections import collections_for
from layers.models import AdminArea, Asset, Layer, Property
from tension.hexes import cell_of
from tests.layers.ogc.conftest import build_town

EXTRA_APPEALS = 10_000
PUBLIC_STATUSES = [
    AppealStatus.REGISTERED,
    AppealStatus.IN_PROGRESS,
    AppealStatus.ANSWERED,
    AppealStatus.CLOSED,
]
KRYMSK = (37.93, 44.90, 38.03, 44.96)  # west, south, east, north
pytestmark = [
    pytest.mark.django_db,  # so that pytest-django sets up the test database for the module fixture
    pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL command-line tools are not installed"),
]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 — the signature of BaseHTTPRequestHandler
        pass


def add_appeals(category: Category, count: int) -> None:
    """`count` public issues spread over Krymsk on a grid, one status after another."""
    west, south, east, north = KRYMSK
    start = datetime(2024, 1, 1, tzinfo=UTC)
    rows = []
    for n in range(count):
        lon = west + (east - west) * ((n * 7919) % 1000) / 1000
        lat = south + (north - south) * ((n * 104729) % 997) / 997
        rows.append(
            Appeal(
                kind=AppealKind.ISSUE,
                category=category,
                status=PUBLIC_STATUSES[n % len(PUBLIC_STATUSES)],
                text=f"Обращение №{n}",
                source=Appeal.Source.IMPORT,
                created_at=start + timedelta(hours=n),
                h3=cell_of(lon, lat),
                geom=Point(lon, lat, srid=4326),
            )
        )
    Appeal.objects.bulk_create(rows, batch_size=2_000)


def remove_everything() -> None:
    """Deletes what the module committed (these tables were empty before it); the appeals in plain SQL,
    as Django's cascade collector takes seconds for 10,000 of them."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM appeals_appealcontact")
        cursor.execute("DELETE FROM appeals_appeal")
    Category.objects.all().delete()
    Layer.objects.all().delete()
    for model in (Property, Asset, AdminArea):
        model.objects.all().delete()
    get_user_model().objects.filter(username="ivan.author").delete()


@pytest.fixture(scope="module")
def served(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        assert not Appeal.objects.exists(), "this module expects empty tables and empties them afterwards"
        try:
            town = build_town()
            add_appeals(Category.objects.get(code="roads"), EXTRA_APPEALS)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE appeals_appeal")  # as autovacuum would after a bulk load
            counts = {c.id: c.queryset().count() for c in collections_for(None)}
            server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
            server.set_app(WSGIHandler())
            thread = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            thread.start()
            yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_port}/ogc", town=town, counts=counts)
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)
        finally:
            remove_everything()


def run(*args: str) -> str:
    """A GDAL command with no proxy and a clear failure: its stderr in the assertion message."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update({"GDAL_HTTP_TIMEOUT": "120", "CPL_DEBUG": "OFF", "GDAL_HTTP_MAX_RETRY": "0"})
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert "ERROR" not in done.stderr, done.stderr
    return done.stdout


def layer_counts(ogrinfo_output: str) -> dict[str, int]:
    names = re.findall(r"^Layer name: (.+)$", ogrinfo_output, re.MULTILINE)
    counts = [int(n) for n in re.findall(r"^Feature Count: (\d+)$", ogrinfo_output, re.MULTILINE)]
    assert len(names) == len(counts), ogrinfo_output
    return dict(zip(names, counts, strict=True))


def test_ogrinfo_lists_every_collection_with_its_feature_count(served):
    output = run("ogrinfo", "-ro", "-al", "-so", f"OAPIF:{served.url}")

    assert layer_counts(output) == served.counts
    assert served.counts["appeals"] == 6 + EXTRA_APPEALS
    assert "water-network" not in output  # internal: GDAL reads as an anonymous client
    assert "Geometry: Point" in output


def test_ogrinfo_sends_attribute_and_spatial_filters_to_the_server(served):
    registered = Appeal.objects.filter(kind=AppealKind.ISSUE, status=AppealStatus.REGISTERED).count()
    lon, lat = 37.98, 44.93
    in_box = Appeal.objects.filter(
        kind=AppealKind.ISSUE, status__in=PUBLIC_STATUSES + [AppealStatus.REOPENED],
        geom__intersects=Point(lon, lat, srid=4326).buffer(0.005).envelope,
    ).count()  # fmt: skip

    # With a filter GDAL counts by reading the pages; PAGE_SIZE keeps that to a few requests.
    where = run("ogrinfo", "-ro", "-so", "-oo", "PAGE_SIZE=1000", "-where", "status = 'registered'",
                f"OAPIF:{served.url}", "appeals")  # fmt: skip
    spat = run("ogrinfo", "-ro", "-so", "-oo", "PAGE_SIZE=1000", "-spat", str(lon - 0.005), str(lat - 0.005),
               str(lon + 0.005), str(lat + 0.005), f"OAPIF:{served.url}", "appeals")  # fmt: skip

    assert layer_counts(where) == {"appeals": registered}
    assert layer_counts(spat) == {"appeals": in_box}
    assert 0 < in_box < served.counts["appeals"]


def test_ogr2ogr_exports_10000_appeals_with_page_size_10000(served, tmp_path):
    out = tmp_path / "appeals.geojson"

    run("ogr2ogr", "-f", "GeoJSON", "-preserve_fid", str(out), f"OAPIF:{served.url}", "appeals",
        "-oo", "PAGE_SIZE=10000")  # fmt: skip

    exported = json.loads(out.read_text(encoding="utf-8"))["features"]
    expected_ids = set(Appeal.objects.filter(kind=AppealKind.ISSUE).exclude(
        status__in=[AppealStatus.NEW, AppealStatus.REJECTED]).values_list("id", flat=True))  # fmt: skip
    assert len(exported) == served.counts["appeals"] == len(expected_ids) > 10_000
    assert {f["id"] for f in exported} == expected_ids
    lenina = next(f for f in exported if f["properties"].get("address") == "ул. Ленина, 1")
    assert lenina["properties"]["category"] == "roads"
    assert lenina["geometry"]["coordinates"] == [37.987712, 44.930034]


def test_ogr2ogr_exports_the_public_areas(served, tmp_path):
    out = tmp_path / "areas.geojson"

    run("ogr2ogr", "-f", "GeoJSON", str(out), f"OAPIF:{served.url}", "areas")

    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert sorted(f["properties"]["name"] for f in features) == ["Крымск", "ТОС «Ленина»", "Центральный"]


def test_owslib_collections_items_with_bbox_and_cql2(served):
    from owslib.ogcapi.features import Features

    api = Features(served.url + "/")
    lon, lat = 37.98, 44.93
    bbox = [lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01]
    box = Point(lon, lat, srid=4326).buffer(0.01).envelope
    public_issues = Appeal.objects.filter(kind=AppealKind.ISSUE).exclude(status__in=["new", "rejected"])

    assert sorted(api.feature_collections()) == sorted(served.counts)
    assert "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text" in api.conformance()["conformsTo"]
    assert api.collection("appeals")["itemType"] == "feature"
    assert "status" in api.collection_queryables("appeals")["properties"]

    in_box = api.collection_items("appeals", bbox=bbox, limit=10_000)
    assert in_box["numberMatched"] == public_issues.filter(geom__intersects=box).count() > 0
    assert len(in_box["features"]) == in_box["numberMatched"]

    registered = api.collection_items(
        "appeals",
        filter="status = 'registered' AND supports_count >= 0",
        limit=10_000,
        **{"filter-lang": "cql2-text"},
    )
    assert registered["numberMatched"] == public_issues.filter(status="registered").count()
    assert {f["properties"]["status"] for f in registered["features"]} == {"registered"}

    one = api.collection_item("appeals", str(served.town.appeals["lenina"].id))
    assert one["properties"]["address"] == "ул. Ленина, 1"
