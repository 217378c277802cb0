"""The built front end (frontend/dist) and its pins: no outside request, ES module, Node.js 18 builds it."""

import json
import re
import shutil
import subprocess

import pytest

from tests.frontend.conftest import FRONTEND

# Every absolute URL that the shipped JavaScript may contain, and why none of them is ever requested.
ALLOWED_URLS = {
    "http://www.w3.org/1999/xhtml": "XML namespace name (createElementNS)",
    "http://www.w3.org/2000/svg": "SVG namespace name (MapLibre's default Marker icon, createElementNS)",
    "https://maplibre.org/": "link in MapLibre's default attribution and logo; a link, not a request",
    "https://maplibre.invalid/": "base for parsing relative URLs; .invalid never resolves (RFC 2606)",
    "https://github.com/mapbox/mapbox-gl-js/issues/2907": "text of a console warning",
    "https://wiki.openstreetmap.org/wiki/This_map_requires_WebGL": "text of the no-WebGL error message",
    "https://github.com/maplibre/maplibre-gl-js/blob/v6.17.0/LICENSE.txt": "licence comment of the worker",
}
URL = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[a-z]{2,}[^\s"'`)\\<>]*""")
SHIPPED_JS = ["main.js", "maplibre-gl-worker.mjs"]
# What runs under Node.js at build or test time: the bundler, the type checker, the glyph builder (fontnik)
# and the style validator (gl-style-validate).
BUILD_TOOLS = ("esbuild", "typescript", "fontnik", "@maplibre/maplibre-gl-style-spec")
NODE_18 = (18, 19, 0)  # Debian 12's Node.js


def test_dist_has_every_file_the_page_and_the_admin_use(dist):
    for name in [*SHIPPED_JS, "main.css", "maplibre-gl.css", "vendor/ol/ol.js", "vendor/ol/ol.css"]:
        assert (dist / name).is_file() and (dist / name).stat().st_size > 0, name
    assert not list(dist.glob("*.map")), "source maps are off"
    assert "sourceMappingURL" not in (dist / "main.js").read_text(encoding="utf-8")
    assert "var ol=" in (dist / "vendor/ol/ol.js").read_text(encoding="utf-8")[:100], (
        "the OpenLayers UMD build"
    )


@pytest.mark.parametrize("name", SHIPPED_JS)
def test_shipped_javascript_requests_no_other_host(dist, name):
    text = (dist / name).read_text(encoding="utf-8")
    found = {match.group(0) for match in URL.finditer(text)}

    assert found <= set(ALLOWED_URLS), sorted(found - set(ALLOWED_URLS))


def test_bundle_carries_the_osm_attribution(dist):
    assert "OpenStreetMap contributors, extract by NextGIS" in (dist / "main.js").read_text(encoding="utf-8")


def test_main_js_is_an_es_module(dist, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    module = tmp_path / "main.mjs"
    shutil.copy(dist / "main.js", module)
    # `import.meta` is a syntax error outside a module: MapLibre finds its worker through it.
    assert "import.meta.url" in module.read_text(encoding="utf-8")
    subprocess.run([node, "--check", str(module)], check=True, capture_output=True, timeout=60)


def test_dependencies_are_pinned_and_locked():
    package = json.loads((FRONTEND / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((FRONTEND / "package-lock.json").read_text(encoding="utf-8"))
    pins = {**package["dependencies"], **package["devDependencies"]}

    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in pins.values()), pins
    assert pins["maplibre-gl"].startswith("6.") and pins["typescript"].startswith("5.")
    assert "vite" not in pins
    for name, version in pins.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name


def admits(range_: str, version: tuple[int, int, int]) -> bool:
    """Whether a `>=X[.Y[.Z]]` engines range admits `version`; other forms fail the test on purpose."""
    match = re.fullmatch(r">=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?", range_.strip())
    assert match, f"extend admits() for the engines range {range_!r}"
    return tuple(int(part or 0) for part in match.groups()) <= version


def test_build_tools_run_on_debian_12_node_18():
    lock = json.loads((FRONTEND / "package-lock.json").read_text(encoding="utf-8"))
    # Only what runs under Node.js at build time matters; the bundled packages run in the browser.
    tools = {
        path: entry
        for path, entry in lock["packages"].items()
        if path == ""
        or any(path.removeprefix("node_modules/").startswith(tool) for tool in (*BUILD_TOOLS, "@esbuild/"))
    }

    assert len(tools) > len(BUILD_TOOLS)
    for path, entry in tools.items():
        assert admits(entry.get("engines", {}).get("node", ">=0"), NODE_18), path


def test_typescript_type_check_passes():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    tsc = FRONTEND / "node_modules" / "typescript" / "bin" / "tsc"
    assert tsc.is_file(), f"run `npm ci` in {FRONTEND}"
    result = subprocess.run(
        [node, str(tsc), "--noEmit", "-p", str(FRONTEND)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
