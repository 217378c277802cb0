"""GET /styles/basemap.json with its glyphs (/fonts/…) and sprite (/sprites/…): the style validates with
gl-style-validate (@maplibre/maplibre-gl-style-spec, pinned in frontend/package.json), names no other
host, and every font range and icon it uses is served. Glyphs and sprites come from the front-end build
(frontend/dist/basemap, `npm run build`)."""

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from layers.basemap.assets import assets_dir
from layers.basemap.style import SPRITE_ICONS
from tests.layers.tiles.conftest import ORIGIN

FRONTEND = Path(__file__).resolve().parents[3] / "frontend"
VALIDATE = FRONTEND / "node_modules" / ".bin" / "gl-style-validate"
CYRILLIC = "1024-1279"


@pytest.fixture(scope="module")
def built():
    if not (assets_dir() / "sprites" / "basemap.json").is_file():
        pytest.fail(f"{assets_dir()} has no glyphs or sprites: run `npm ci && npm run build` in {FRONTEND}")


@pytest.fixture
def style(client, municipality, built) -> dict:
    response = client.get("/styles/basemap.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def validate(style: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    if shutil.which("node") is None:
        pytest.fail("node is not installed: the style cannot be validated")
    assert VALIDATE.exists(), f"run `npm ci` in {FRONTEND}"
    path = tmp_path / "style.json"
    path.write_text(json.dumps(style, ensure_ascii=False), encoding="utf-8")
    return subprocess.run([str(VALIDATE), str(path)], capture_output=True, text=True, timeout=120)


def test_served_style_validates(style, tmp_path):
    result = validate(style, tmp_path)

    assert result.returncode == 0 and result.stdout == "" and result.stderr == "", (
        result.stdout + result.stderr
    )


def test_the_validator_does_catch_a_broken_style(style, tmp_path):
    broken = {**style, "layers": [*style["layers"], {"id": "x", "type": "blob", "source": "basemap"}]}

    result = validate(broken, tmp_path)

    assert result.returncode != 0 and "layers[" in result.stdout + result.stderr


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def test_style_names_this_server_only(style):
    urls = [s for s in strings(style) if re.search(r"(https?:)?//", s)]

    assert urls, "the style has no URL at all"
    assert all(url.startswith(f"{ORIGIN}/") for url in urls), urls
    assert style["sources"]["basemap"]["tiles"] == [f"{ORIGIN}/tiles/basemap/{{z}}/{{x}}/{{y}}.mvt"]
    assert style["glyphs"] == f"{ORIGIN}/fonts/{{fontstack}}/{{range}}.pbf"
    assert style["sprite"] == f"{ORIGIN}/sprites/basemap"
    assert style["sources"]["basemap"]["attribution"] == "© OpenStreetMap contributors"


def test_style_opens_on_the_municipality(style, municipality):
    west, south, east, north = municipality.geom.extent

    assert style["center"] == pytest.approx([(west + east) / 2, (south + north) / 2])


def used_fonts(style: dict) -> set[str]:
    return {font for layer in style["layers"] for font in layer.get("layout", {}).get("text-font", [])}


def test_every_font_of_the_style_is_served_with_latin_and_cyrillic(client, style):
    fonts = used_fonts(style)

    assert fonts == {"DejaVu Sans Book", "DejaVu Sans Bold"}
    for font in fonts:
        for glyph_range in ("0-255", CYRILLIC):
            response = client.get(f"/fonts/{font}/{glyph_range}.pbf")
            assert response.status_code == 200, (font, glyph_range)
            assert response["Content-Type"] == "application/x-protobuf"
            assert font.encode() in response.content  # the glyph set names its font stack
            assert response["Cache-Control"] == "public, max-age=86400"


def test_a_font_stack_is_served_by_its_first_known_font(client, built):
    stack = client.get("/fonts/Noto Sans Regular,DejaVu Sans Book/0-255.pbf")

    assert stack.status_code == 200
    assert stack.content == client.get("/fonts/DejaVu Sans Book/0-255.pbf").content


@pytest.mark.parametrize(
    "path",
    [
        "/fonts/Arial Unicode MS Regular/0-255.pbf",
        "/fonts/DejaVu Sans Book/0-256.pbf",
        "/fonts/DejaVu Sans Book/256-511x.pbf",
        "/fonts/DejaVu Sans Book/65536-65791.pbf",
        "/fonts/../0-255.pbf",
        "/fonts/..%2F..%2Fsettings/0-255.pbf",
        "/sprites/basemap.svg",
        "/sprites/..%2Fsprites%2Fbasemap.json",
        "/sprites/other.json",
        "/styles/other.json",
    ],
)
def test_unknown_assets_are_404(client, built, path):
    assert client.get(path).status_code == 404


def icons_used(style: dict) -> set[str]:
    return {
        layer["layout"]["icon-image"] for layer in style["layers"] if "icon-image" in layer.get("layout", {})
    }


@pytest.mark.parametrize("ratio", [1, 2])
def test_sprite_has_every_icon_of_the_style(client, style, ratio):
    suffix = "" if ratio == 1 else "@2x"
    index = client.get(f"/sprites/basemap{suffix}.json")
    image = client.get(f"/sprites/basemap{suffix}.png")

    assert index.status_code == image.status_code == 200
    assert image["Content-Type"] == "image/png" and image["ETag"]
    sheet = Image.open(io.BytesIO(image.content))
    icons = index.json()
    assert icons_used(style) <= set(icons) == set(SPRITE_ICONS)
    for name, icon in icons.items():
        assert icon["pixelRatio"] == ratio, name
        assert icon["x"] + icon["width"] <= sheet.width and icon["y"] + icon["height"] <= sheet.height, name
        box = sheet.crop((icon["x"], icon["y"], icon["x"] + icon["width"], icon["y"] + icon["height"]))
        assert box.getextrema()[3][1] == 255, f"{name} is blank"


def test_retina_sprite_is_twice_the_size(client, built):
    one = client.get("/sprites/basemap.json").json()
    two = client.get("/sprites/basemap@2x.json").json()

    for name in one:
        assert (two[name]["width"], two[name]["height"]) == (one[name]["width"] * 2, one[name]["height"] * 2)
