"""OpenAPI 3 at /api/schema/ (YAML, ?format=json) and Swagger UI at /api/docs/ that needs no outside host."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import yaml
from django.core.management import call_command
from openapi_spec_validator import validate

from tests.geoportal.api_routes import api_routes


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")  # YAML by default
    return yaml.safe_load(response.content)


def test_the_schema_is_valid_openapi_3(schema):
    validate(schema)  # raises OpenAPIValidationError with the path of the first fault

    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Geoportal API"
    assert {"cookieAuth", "tokenAuth"} <= set(schema["components"]["securitySchemes"])


def test_json_on_request_is_the_same_schema(client, schema):
    response = client.get("/api/schema/?format=json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert json.loads(response.content) == schema


def test_every_api_v1_route_is_in_the_schema_and_nothing_else(schema):
    documented = {path for path in schema["paths"] if path.startswith("/api/v1/")}
    routed = {route.openapi_path for route in api_routes() if route.view is not None}

    assert routed, "no DRF route under /api/v1/ found"
    assert documented == routed
    assert "/api/schema/" not in schema["paths"]  # SERVE_INCLUDE_SCHEMA = False
    for route in api_routes():
        if route.view is not None:
            assert set(route.methods) <= set(schema["paths"][route.openapi_path]), route.path


def test_our_own_operations_are_fully_described(schema):
    kpi = schema["paths"]["/api/v1/stats/kpi"]["get"]
    assert {p["name"] for p in kpi["parameters"]} == {"from", "to"}
    assert kpi["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Kpi"
    }
    signup = schema["paths"]["/api/v1/auth/signup"]["post"]
    body = signup["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert schema["components"]["schemas"][body]["required"] == ["email", "password"]
    assert "202" in signup["responses"]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


def test_the_docs_page_and_its_assets_come_from_this_server(client, db):
    response = client.get("/api/docs/")
    page = response.content.decode()
    parser = _Links()
    parser.feed(page)

    assert response.status_code == 200
    assert "SwaggerUIBundle" in page
    assert len(parser.urls) >= 4  # favicon, css, bundle, preset
    inline_hosts = re.findall(r"(?:https?:)?//([\w.-]+)", re.sub(r"<[^>]+>", "", page))
    assert not inline_hosts, inline_hosts
    for url in parser.urls:
        parts = urlsplit(url)
        assert not parts.netloc and not parts.scheme, url
        assert parts.path.startswith("/static/drf_spectacular_sidecar/"), url
        asset = client.get(parts.path)
        assert asset.status_code == 200, url
        assert b"".join(asset.streaming_content if asset.streaming else [asset.content])
    # Swagger UI would otherwise send the schema to validator.swagger.io.
    assert '"validatorUrl": null' in page
    assert '"/api/schema/"' in page


def test_drf_spectacular_describes_every_view_without_a_warning(db, tmp_path):
    """No view falls back to "unable to guess serializer" (it would be left out or described wrong)."""
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
