"""A layer's legend: given as [{label, color}] (kept in Layer.style["metadata"]["legend"]) or derived from
its style. Pure.

Derivation, per style layer, from its colour property (fill-color, line-color, circle-color,
fill-extrusion-color, text-color):
  "#e41a1c"                                   → one entry labelled with the style layer's
                                                metadata.label, else the layer title (one style layer)
                                                or the style layer id;
  ["match", input, v1, c1, v2, c2, …, other]  → one entry per value (values of one branch joined by ", ")
                                                and "other" for the fallback;
  ["step", input, c0, s1, c1, s2, c2, …]      → "< s1", "s1–s2", …, "≥ sN";
  ["interpolate", how, input, s1, c1, …]      → one entry per stop, labelled with the stop.
Only literal colours make entries; anything else (a data-driven colour without stops) makes none.
"""

import re
from typing import Any

from django.utils.translation import gettext as _

from geoportal.errors import ValidationFailed
from layers.catalogue.css_colors import CSS_COLOR_NAMES

COLOR_PROPERTY = {
    "fill": "fill-color",
    "line": "line-color",
    "circle": "circle-color",
    "fill-extrusion": "fill-extrusion-color",
    "symbol": "text-color",
}
MAX_ENTRIES = 50
LABEL_LENGTH = 255
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_FUNCTION = re.compile(r"^(?:rgba?|hsla?)\(\s*[-+0-9.%,\s/deg]+\)$")


def is_color(value: Any) -> bool:
    """True for a CSS colour MapLibre reads: #rgb[a], #rrggbb[aa], rgb()/rgba()/hsl()/hsla(), a CSS name."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return bool(_HEX.match(text) or _FUNCTION.match(text.lower()) or text.lower() in CSS_COLOR_NAMES)


def clean_legend(value: Any) -> list[dict[str, str]]:
    """A given legend checked: a list of {"label": text, "color": CSS colour}, at most MAX_ENTRIES.
    Raises ValidationFailed (field "legend") naming the entry."""
    if not isinstance(value, list):
        raise ValidationFailed(_("The legend must be a list of {label, color}."), field="legend")
    if len(value) > MAX_ENTRIES:
        raise ValidationFailed(_("At most %(n)d legend entries.") % {"n": MAX_ENTRIES}, field="legend")
    entries = []
    for index, entry in enumerate(value):
        if not isinstance(entry, dict) or set(entry) != {"label", "color"}:
            raise ValidationFailed(
                _("legend[%(i)d] must be an object with exactly label and color.") % {"i": index},
                field="legend",
            )
        label = entry["label"]
        if not isinstance(label, str) or not label.strip() or len(label) > LABEL_LENGTH:
            raise ValidationFailed(
                _("legend[%(i)d].label must be a text of 1–%(n)d characters.")
                % {"i": index, "n": LABEL_LENGTH},
                field="legend",
            )
        if not is_color(entry["color"]):
            raise ValidationFailed(
                _("legend[%(i)d].color %(color)r is not a CSS colour.")
                % {"i": index, "color": entry["color"]},
                field="legend",
            )
        entries.append({"label": label.strip(), "color": entry["color"].strip()})
    return entries


def legend_of(style: dict, *, title: str) -> list[dict[str, str]]:
    """The legend of a stored style: the given one, else derived from its layers (module docstring)."""
    given = (style.get("metadata") or {}).get("legend")
    if isinstance(given, list):
        return given
    layers = style.get("layers") or []
    entries: list[dict[str, str]] = []
    for layer in layers:
        prop = COLOR_PROPERTY.get(layer.get("type"))
        value = (layer.get("paint") or {}).get(prop) if prop else None
        if value is None:
            continue
        name = (layer.get("metadata") or {}).get("label") or (
            title if len(layers) == 1 else layer.get("id", "")
        )
        entries.extend(_entries(value, str(name)))
    return entries[:MAX_ENTRIES]


def _entries(value: Any, name: str) -> list[dict[str, str]]:
    if is_color(value):
        return [{"label": name, "color": value}]
    if not isinstance(value, list) or not value:
        return []
    operator = value[0]
    if operator == "match" and len(value) >= 5:
        pairs = list(zip(value[2:-1:2], value[3:-1:2], strict=False))
        out = [{"label": _label(v), "color": c} for v, c in pairs]
        out.append({"label": _("other"), "color": value[-1]})
    elif operator == "step" and len(value) >= 3:
        stops = value[3::2]
        colors = [value[2], *value[4::2]]
        bounds = [None, *stops, None]
        out = [{"label": _range(bounds[i], bounds[i + 1]), "color": c} for i, c in enumerate(colors)]
    elif operator == "interpolate" and len(value) >= 5:
        out = [{"label": _label(s), "color": c} for s, c in zip(value[3::2], value[4::2], strict=False)]
    else:
        return []
    return [entry for entry in out if is_color(entry["color"])]


def _label(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_label(v) for v in value)
    return str(value)


def _range(low: Any, high: Any) -> str:
    if low is None:
        return f"< {_label(high)}"
    if high is None:
        return f"≥ {_label(low)}"
    return f"{_label(low)}–{_label(high)}"
