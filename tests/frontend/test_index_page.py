"""The map page at "/": Russian, only our own static assets, and every asset it names is served."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.gis.geos import GEOSGeometry

from appeals.workflow import HIDDEN_STATUSES
from layers.models import AdminArea

BOUNDARY = Path(__file__).resolve().parent.parent / "data" / "krymsk_boundary.geojson"
JS_TYPES = {"text/javascript", "application/javascript"}


class Assets(HTMLParser):
    """Collects every src/href of the page and the <script> tags' attributes."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


def parse(html: str) -> Assets:
    assets = Assets()
    assets.feed(html)
    return assets


def page_config(html: str) -> dict:
    match = re.search(r'<script id="geoportal-config" type="application/json">(.*?)</script>', html, re.S)
    assert match, "the page carries no #geoportal-config"
    return json.loads(match.group(1))


@pytest.fixture
def municipality(db):
    feature = json.loads(BOUNDARY.read_text(encoding="utf-8"))["features"][0]
    geom = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
    return AdminArea.objects.create(kind=AdminArea.Kind.MUNICIPALITY, name="Крымск", code="krymsk", geom=geom)


def test_page_is_russian_and_loads_the_bundle_as_a_module(client, municipality, dist):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode("utf-8")
    assert '<html lang="ru">' in html
    assert "<title>Геопортал — карта обращений</title>" in html  # locale/ru: Russian by default
    assert {"type": "module", "src": "/static/app/main.js"} in parse(html).scripts


def test_page_names_no_other_host(client, municipality, dist):
    html = client.get("/").content.decode("utf-8")

    assert "http://" not in html and "https://" not in html and "//" not in re.sub(r"<!--.*?-->", "", html)
    assert all(url.startswith("/static/") or url == "data:," for url in parse(html).urls), parse(html).urls


def test_every_asset_of_the_page_is_served(client, municipality, dist):
    urls = [url for url in parse(client.get("/").content.decode("utf-8")).urls if url.startswith("/static/")]
    # MapLibre starts its worker from next to main.js (import.meta.url), so the page needs it too.
    urls.append("/static/app/maplibre-gl-worker.mjs")

    assert {"/static/app/main.js", "/static/app/main.css", "/static/app/maplibre-gl.css"} <= set(urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        media_type = response["Content-Type"].split(";")[0]
        assert media_type in (JS_TYPES if url.endswith((".js", ".mjs")) else {"text/css"}), (url, media_type)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body == (dist / url.removeprefix("/static/app/")).read_bytes()


def test_config_gives_api_urls_bounds_and_public_statuses(client, municipality, dist):
    config = page_config(client.get("/").content.decode("utf-8"))

    assert config["api"] == {"areas": "/api/v1/areas", "appeals": "/api/v1/appeals"}
    assert config["bounds"] == pytest.approx(list(municipality.geom.extent))
    west, south, east, north = config["bounds"]
    assert 37.8 < west < east < 38.2 and 44.8 < south < north < 45.1
    labels = {status["code"]: status["label"] for status in config["statuses"]}
    assert labels["registered"] == "зарегистрировано"
    assert not set(labels) & set(HIDDEN_STATUSES)
    assert config["locale"] == "ru"
    assert all(config["labels"].values()) and all(config["maplibreLocale"].values())


def test_without_a_municipality_the_page_still_renders(client, db, dist):
    response = client.get("/")

    assert response.status_code == 200
    assert page_config(response.content.decode("utf-8"))["bounds"] is None


def test_config_names_the_self_hosted_basemap_style(client, municipality, dist):
    config = page_config(client.get("/").content.decode("utf-8"))

    assert config["style"] == "/styles/basemap.json"
    style = client.get(config["style"]).json()
    assert style["sprite"] == "http://testserver/sprites/basemap"
    assert (dist / "basemap" / "sprites" / "basemap.png").is_file()
    assert any((dist / "basemap" / "fonts").glob("DejaVu Sans */0-255.pbf"))
