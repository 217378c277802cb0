"""The basemap's MapLibre style (style spec v8), built as a dict: pure, no database, no request.

Every URL in it points at this server (`origin`): tiles /tiles/basemap/{z}/{x}/{y}.mvt, glyphs
/fonts/{fontstack}/{range}.pbf (DejaVu, built by fontnik at set-up) and the sprite /sprites/basemap
(built by frontend/basemap/sprites.mjs). Colours follow the OpenStreetMap Carto palette, muted.
The layers read the MVT layers of layers/sql/basemap_tile.sql.
"""

from typing import Any

FONT_REGULAR = "DejaVu Sans Book"
FONT_BOLD = "DejaVu Sans Bold"
FONTS = (FONT_REGULAR, FONT_BOLD)
SOURCE = "basemap"
ATTRIBUTION = "© OpenStreetMap contributors"
SPRITE_ICONS = ("oneway", "shield", "dot")  # what frontend/basemap/sprites.mjs draws

ROAD_CLASSES = ("motorway", "trunk", "primary", "secondary", "tertiary", "residential", "service")
TRAIL_CLASSES = ("track", "path")
_ROAD_COLOURS = {
    "motorway": "#e892a2",
    "trunk": "#f9b29c",
    "primary": "#fcd6a4",
    "secondary": "#f7fabf",
    "tertiary": "#ffffff",
    "residential": "#ffffff",
    "service": "#ffffff",
}
_CASING_COLOURS = {"motorway": "#c24e6b", "trunk": "#c84e2f", "primary": "#a06b00", "secondary": "#707d05"}
# Line widths in pixels at zooms 10, 14 and 18 (exponential in between, doubled again by z20).
_ROAD_WIDTHS = {
    "motorway": (2.0, 8.0, 22.0),
    "trunk": (2.0, 7.0, 20.0),
    "primary": (1.5, 6.0, 18.0),
    "secondary": (1.0, 5.0, 16.0),
    "tertiary": (0.8, 4.0, 14.0),
    "residential": (0.3, 2.5, 12.0),
    "service": (0.2, 1.2, 6.0),
}
_LANDUSE_COLOURS = {
    "park": "#c8facc",
    "wood": "#add19e",
    "grass": "#cdebb0",
    "farmland": "#eef0d5",
    "residential": "#e6e2dc",
    "industrial": "#ebdbe8",
    "commercial": "#f2dad9",
    "retail": "#ffd6d1",
    "cemetery": "#aacbaf",
    "railway": "#ebdbe8",
    "military": "#f3e0dc",
    "construction": "#c7c7b4",
    "school": "#ffffe5",
    "kindergarten": "#ffffe5",
    "hospital": "#ffffe5",
    "sports_ground": "#dffce2",
    "playground": "#dffce2",
}
WATER = "#aad3df"
BACKGROUND = "#f2efe9"
HALO = "#ffffff"


def _match(prop: str, values: dict[str, Any], fallback: Any) -> list:
    expression: list = ["match", ["get", prop]]
    for key, value in values.items():
        expression += [key, value]
    return [*expression, fallback]


def _road_width(extra: float = 0.0) -> list:
    """Width in pixels by class, interpolated over zoom; `extra` widens it (the casing)."""
    stops: list = []
    # z20 doubles z18: past the tiles' maxzoom MapLibre over-zooms, and streets should keep growing.
    for zoom, scale, i in ((10, 1, 0), (14, 1, 1), (18, 1, 2), (20, 2, 2)):
        pad = extra if zoom >= 14 else extra / 3
        widths = {name: round(w[i] * scale + pad, 2) for name, w in _ROAD_WIDTHS.items()}
        stops += [zoom, _match("class", widths, 1.0)]
    return ["interpolate", ["exponential", 1.5], ["zoom"], *stops]


def _layer(layer_id: str, layer_type: str, source_layer: str, **spec: Any) -> dict:
    return {"id": layer_id, "type": layer_type, "source": SOURCE, "source-layer": source_layer, **spec}


def _text(font: str, size: Any, colour: str, **layout: Any) -> tuple[dict, dict]:
    return (
        {"text-font": [font], "text-size": size, **layout},
        {"text-color": colour, "text-halo-color": HALO, "text-halo-width": 1.5},
    )


def _roads() -> list[dict]:
    is_road = ["match", ["get", "class"], list(ROAD_CLASSES), True, False]
    sort = {"line-sort-key": ["get", "rank"], "line-join": "round", "line-cap": "round"}
    return [
        _layer(
            "roads-casing",
            "line",
            "roads",
            minzoom=12,
            filter=is_road,
            layout=sort,
            paint={
                "line-color": _match("class", _CASING_COLOURS, "#b5aea5"),
                "line-width": _road_width(extra=2.0),
            },
        ),
        _layer(
            "trails",
            "line",
            "roads",
            minzoom=13,
            filter=["match", ["get", "class"], list(TRAIL_CLASSES), True, False],
            layout={"line-join": "round"},
            paint={
                "line-color": _match("class", {"track": "#996600"}, "#fa8072"),
                "line-width": ["interpolate", ["linear"], ["zoom"], 13, 0.6, 18, 2.0],
                "line-dasharray": [2, 1.5],
            },
        ),
        _layer(
            "roads",
            "line",
            "roads",
            filter=is_road,
            layout=sort,
            paint={"line-color": _match("class", _ROAD_COLOURS, "#ffffff"), "line-width": _road_width()},
        ),
    ]


def _labels() -> list[dict]:
    oneway_layout = {
        "symbol-placement": "line",
        "symbol-spacing": 120,
        "icon-image": "oneway",
        "icon-size": 0.8,
        "icon-rotate": ["case", ["==", ["get", "oneway"], -1], 180, 0],
        "icon-rotation-alignment": "map",
        "icon-allow-overlap": True,
    }
    road_label_layout, road_label_paint = _text(
        FONT_REGULAR,
        ["interpolate", ["linear"], ["zoom"], 14, 10, 18, 14],
        "#333333",
        **{"text-field": ["get", "name"], "symbol-placement": "line", "text-max-angle": 30},
    )
    shield_layout, shield_paint = _text(
        FONT_BOLD,
        10,
        "#333333",
        **{
            "text-field": ["get", "ref"],
            "icon-image": "shield",
            "icon-text-fit": "both",
            "icon-text-fit-padding": [2, 4, 2, 4],
            "symbol-placement": "line",
            "symbol-spacing": 400,
            "text-rotation-alignment": "viewport",
            "icon-rotation-alignment": "viewport",
        },
    )
    housenumber_layout, housenumber_paint = _text(
        FONT_REGULAR, 10, "#6b5e55", **{"text-field": ["get", "housenumber"]}
    )
    place_layout, place_paint = _text(
        FONT_BOLD,
        ["interpolate", ["linear"], ["zoom"], 8, 12, 14, 20],
        "#222222",
        **{"text-field": ["get", "name"], "icon-image": "dot", "text-offset": [0, 0.9], "text-anchor": "top"},
    )
    return [
        _layer(
            "oneway",
            "symbol",
            "roads",
            minzoom=16,
            filter=["has", "oneway"],
            layout=oneway_layout,
            paint={"icon-opacity": 0.7},
        ),
        _layer(
            "road-labels",
            "symbol",
            "road_labels",
            minzoom=13,
            filter=[
                "any",
                [">=", ["zoom"], 15],
                ["!", ["in", ["get", "class"], ["literal", ["service", "path", "track"]]]],
            ],
            layout=road_label_layout,
            paint=road_label_paint,
        ),
        _layer(
            "road-shields",
            "symbol",
            "roads",
            minzoom=11,
            filter=[
                "all",
                ["has", "ref"],
                ["in", ["get", "class"], ["literal", ["motorway", "trunk", "primary", "secondary"]]],
            ],
            layout=shield_layout,
            paint=shield_paint,
        ),
        _layer(
            "housenumbers",
            "symbol",
            "housenumbers",
            minzoom=16,
            layout=housenumber_layout,
            paint=housenumber_paint,
        ),
        _layer("place", "symbol", "place", maxzoom=16, layout=place_layout, paint=place_paint),
    ]


def basemap_style(*, origin: str, center: tuple[float, float] | None = None, zoom: float = 12.0) -> dict:
    """The MapLibre style of the basemap with every URL absolute to `origin` ("http://host:port").

    `center` is (lon, lat) in degrees: where a map opens when it names no position of its own."""
    style: dict[str, Any] = {
        "version": 8,
        "name": "Geoportal basemap",
        "metadata": {"geoportal:source": "OpenStreetMap data imported into the geoportal"},
        "sources": {
            SOURCE: {
                "type": "vector",
                "tiles": [f"{origin}/tiles/basemap/{{z}}/{{x}}/{{y}}.mvt"],
                "minzoom": 0,
                "maxzoom": 16,
                "attribution": ATTRIBUTION,
            }
        },
        "glyphs": f"{origin}/fonts/{{fontstack}}/{{range}}.pbf",
        "sprite": f"{origin}/sprites/basemap",
        "layers": [
            {"id": "background", "type": "background", "paint": {"background-color": BACKGROUND}},
            _layer(
                "landuse",
                "fill",
                "landuse",
                paint={"fill-color": _match("class", _LANDUSE_COLOURS, "#e6e2dc"), "fill-opacity": 0.8},
            ),
            _layer("water", "fill", "water", paint={"fill-color": WATER}),
            _layer(
                "waterway",
                "line",
                "waterway",
                paint={
                    "line-color": WATER,
                    "line-width": ["interpolate", ["linear"], ["zoom"], 10, 1, 18, 6],
                },
            ),
            _layer(
                "buildings",
                "fill",
                "buildings",
                minzoom=13,
                paint={
                    "fill-color": "#d9d0c9",
                    "fill-outline-color": "#c4b6ab",
                    "fill-opacity": ["interpolate", ["linear"], ["zoom"], 13, 0.5, 15, 1.0],
                },
            ),
            *_roads(),
            _layer(
                "boundary",
                "line",
                "boundary",
                paint={
                    "line-color": "#8e6f9e",
                    "line-width": ["interpolate", ["linear"], ["zoom"], 8, 1.5, 16, 3.0],
                    "line-dasharray": [4, 2],
                    "line-opacity": 0.8,
                },
            ),
            *_labels(),
        ],
    }
    if center is not None:
        style["center"] = [center[0], center[1]]
        style["zoom"] = zoom
    return style
