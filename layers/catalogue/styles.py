"""A layer's MapLibre style fragment: its accepted shapes, the strict structural check, the stored form.

Pure (no database, no node). A layer does not carry a whole MapLibre style — the server owns the source
(the layer's vector tiles, /tiles/{slug}/{z}/{x}/{y}.mvt, MVT layer = slug) — only the style layers that
draw it. Accepted inputs:

    [{"id": "zones", "type": "fill", "paint": {...}, "layout": {...}, "filter": [...]}, ...]
    {"layers": [...], "metadata": {"legend": [{"label": "...", "color": "#..."}]}}
    {"type": "line", "paint": {...}, "layout": {...}}      # one style layer; its id is the layer slug

Stored as {"layers": [...]} (+ "metadata" when given) in Layer.style. The check here is structural and
strict: known keys only, no "source" / "source-layer" (the server sets them), one of the vector layer
types, paint/layout properties named for that type, zoom levels in 0–24, a filter that is an array,
unique ids, bounded size. The full MapLibre style-spec validation (property value types, expressions)
is layers.catalogue.style_spec, run on `wrapped_style` by the npm validator.
"""

import json
from typing import Any

from django.utils.translation import gettext as _

from geoportal.errors import ValidationFailed

LAYER_KEYS = frozenset({"id", "type", "paint", "layout", "filter", "minzoom", "maxzoom", "metadata"})
SERVER_KEYS = frozenset({"source", "source-layer", "ref"})
# MapLibre layer type → the prefixes of its paint and layout property names.
TYPES: dict[str, tuple[str, ...]] = {
    "fill": ("fill-",),
    "line": ("line-",),
    "circle": ("circle-",),
    "symbol": ("symbol-", "icon-", "text-"),
    "heatmap": ("heatmap-",),
    "fill-extrusion": ("fill-extrusion-",),
}
LAYOUT_COMMON = frozenset({"visibility"})
MAX_LAYERS = 20
MAX_BYTES = 64 << 10
MAX_ZOOM = 24
ID_LENGTH = 64


def fail(message: str) -> ValidationFailed:
    return ValidationFailed(message, field="style")


def normalise_style(value: Any, *, slug: str) -> dict:
    """The stored form {"layers": [...], "metadata"?: {...}} of an accepted style input; {} for none.

    Raises ValidationFailed (field "style") naming the first fault ("layers[1].paint: …").
    """
    if value is None or value == {} or value == []:
        return {}
    if len(json.dumps(value, ensure_ascii=False).encode()) > MAX_BYTES:
        raise fail(_("The style is larger than %(kb)d KB.") % {"kb": MAX_BYTES >> 10})
    if isinstance(value, list):
        value = {"layers": value}
    if not isinstance(value, dict):
        raise fail(_("The style must be a list of style layers or an object."))
    if "layers" not in value:
        value = {"layers": [{"id": slug, "type": infer_type(value), **value}]}
    unknown = sorted(set(value) - {"layers", "metadata"})
    if unknown:
        raise fail(
            _("Unknown style keys: %(keys)s (expected layers, metadata).") % {"keys": ", ".join(unknown)}
        )
    layers = value["layers"]
    if not isinstance(layers, list) or not layers:
        raise fail(_("style.layers must be a non-empty list."))
    if len(layers) > MAX_LAYERS:
        raise fail(_("At most %(n)d style layers.") % {"n": MAX_LAYERS})
    out: dict[str, Any] = {"layers": [check_layer(layer, index) for index, layer in enumerate(layers)]}
    ids = [layer["id"] for layer in out["layers"]]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise fail(_("Style layer ids must be unique: %(ids)s.") % {"ids": ", ".join(repeated)})
    if "metadata" in value:
        if not isinstance(value["metadata"], dict):
            raise fail(_("style.metadata must be an object."))
        out["metadata"] = value["metadata"]
    return out


def infer_type(shorthand: dict) -> str | None:
    """The layer type that a {"paint": …, "layout": …} shorthand's property names belong to, if one.

    "fill-extrusion-…" is tried before "fill-…"; None when the names fit no single type (or none given).
    """
    names = [
        name
        for part in ("paint", "layout")
        if isinstance(shorthand.get(part), dict)
        for name in shorthand[part]
        if name not in LAYOUT_COMMON
    ]
    if not names:
        return None
    for kind in sorted(TYPES, key=len, reverse=True):
        if all(name.startswith(TYPES[kind]) for name in names):
            return kind
    return None


def check_layer(layer: Any, index: int) -> dict:
    """One style layer checked (see the module docstring); returned as given. Raises ValidationFailed."""
    where = f"layers[{index}]"
    if not isinstance(layer, dict):
        raise fail(_("%(where)s must be an object.") % {"where": where})
    server = sorted(SERVER_KEYS & set(layer))
    if server:
        raise fail(
            _("%(where)s: %(keys)s is set by the server (the layer's own vector tiles); leave it out.")
            % {"where": where, "keys": ", ".join(server)}
        )
    unknown = sorted(set(layer) - LAYER_KEYS)
    if unknown:
        raise fail(_("%(where)s: unknown keys %(keys)s.") % {"where": where, "keys": ", ".join(unknown)})
    layer_id = layer.get("id")
    if not isinstance(layer_id, str) or not layer_id.strip() or len(layer_id) > ID_LENGTH:
        raise fail(_("%(where)s.id must be a text of 1–%(n)d characters.") % {"where": where, "n": ID_LENGTH})
    kind = layer.get("type")
    if kind not in TYPES:
        raise fail(
            _("%(where)s.type must be one of %(types)s.") % {"where": where, "types": ", ".join(TYPES)}
        )
    for part in ("paint", "layout"):
        _check_properties(layer.get(part, {}), kind=kind, where=f"{where}.{part}", layout=part == "layout")
    if "filter" in layer and not isinstance(layer["filter"], list):
        raise fail(_("%(where)s.filter must be an expression (an array).") % {"where": where})
    zooms = []
    for key in ("minzoom", "maxzoom"):
        if key in layer:
            zoom = layer[key]
            if isinstance(zoom, bool) or not isinstance(zoom, (int, float)) or not 0 <= zoom <= MAX_ZOOM:
                raise fail(
                    _("%(where)s.%(key)s must be a number from 0 to 24.") % {"where": where, "key": key}
                )
            zooms.append(zoom)
    if len(zooms) == 2 and zooms[0] > zooms[1]:
        raise fail(_("%(where)s: minzoom is above maxzoom.") % {"where": where})
    if "metadata" in layer and not isinstance(layer["metadata"], dict):
        raise fail(_("%(where)s.metadata must be an object.") % {"where": where})
    return layer


def _check_properties(properties: Any, *, kind: str, where: str, layout: bool) -> None:
    if not isinstance(properties, dict):
        raise fail(_("%(where)s must be an object.") % {"where": where})
    prefixes = TYPES[kind]
    for name in properties:
        if layout and name in LAYOUT_COMMON:
            continue
        if not name.startswith(prefixes):
            raise fail(
                _("%(where)s: %(name)r is not a property of a %(type)s layer.")
                % {"where": where, "name": name, "type": kind}
            )


def wrapped_style(fragment: dict, *, slug: str, origin: str) -> dict:
    """A whole MapLibre style (version 8) drawing `fragment` over this server's source for `slug`: what
    a map gets, and what the style-spec validator checks."""
    layers = [{**layer, "source": slug, "source-layer": slug} for layer in fragment.get("layers", [])]
    return {
        "version": 8,
        "glyphs": f"{origin}/fonts/{{fontstack}}/{{range}}.pbf",
        "sources": {slug: {"type": "vector", "tiles": [f"{origin}/tiles/{slug}/{{z}}/{{x}}/{{y}}.mvt"]}},
        "layers": layers,
    }
