"""Style fragments, legends and slugs: pure rules, no database, no node."""

import pytest

from geoportal.errors import ValidationFailed
from layers.catalogue.legend import clean_legend, is_color, legend_of
from layers.catalogue.styles import infer_type, normalise_style, wrapped_style

ZONES = {
    "id": "zones",
    "type": "fill",
    "paint": {
        "fill-color": ["match", ["get", "zone"], "Ж1", "#e41a1c", ["П1", "П2"], "#377eb8", "#999999"],
        "fill-opacity": 0.6,
    },
}


def test_a_list_of_style_layers_is_stored_under_layers():
    assert normalise_style([ZONES], slug="zoning") == {"layers": [ZONES]}


def test_a_paint_object_becomes_one_layer_named_after_the_slug_with_its_type_inferred():
    stored = normalise_style({"paint": {"line-color": "#ff0000", "line-width": 2}}, slug="roads")

    assert stored == {
        "layers": [{"id": "roads", "type": "line", "paint": {"line-color": "#ff0000", "line-width": 2}}]
    }


def test_type_inference_prefers_fill_extrusion_over_fill_and_gives_up_on_a_mix():
    assert infer_type({"paint": {"fill-extrusion-height": 9}}) == "fill-extrusion"
    assert infer_type({"paint": {"fill-color": "red"}, "layout": {"visibility": "none"}}) == "fill"
    assert infer_type({"paint": {"fill-color": "red", "line-width": 1}}) is None


def test_empty_styles_store_nothing():
    assert normalise_style(None, slug="x") == {} == normalise_style([], slug="x")


@pytest.mark.parametrize(
    ("style", "message"),
    [
        ([{**ZONES, "source": "other"}], "layers[0]: source is set by the server"),
        ([{**ZONES, "source-layer": "x"}], "source-layer is set by the server"),
        ([{**ZONES, "type": "raster"}], "layers[0].type must be one of fill, line, circle"),
        ([{**ZONES, "paint": {"line-color": "#fff"}}], "'line-color' is not a property of a fill layer"),
        ([{**ZONES, "layout": {"text-field": "x"}}], "'text-field' is not a property of a fill layer"),
        ([{**ZONES, "minzoom": 30}], "minzoom must be a number from 0 to 24"),
        ([{**ZONES, "minzoom": 12, "maxzoom": 10}], "minzoom is above maxzoom"),
        ([{**ZONES, "filter": "zone == 1"}], "filter must be an expression"),
        ([{**ZONES, "colour": "x"}], "unknown keys colour"),
        ([ZONES, ZONES], "ids must be unique: zones"),
        ([{**ZONES, "id": ""}], "layers[0].id must be a text"),
        ({"layers": [ZONES], "sprite": "http://evil/"}, "Unknown style keys: sprite"),
        ({"paint": {"fill-color": "red", "line-width": 1}}, "layers[0].type must be one of"),
        ("red", "must be a list of style layers or an object"),
        ([{"id": f"l{i}", "type": "line"} for i in range(21)], "At most 20 style layers"),
    ],
)
def test_structural_faults_are_named(style, message):
    with pytest.raises(ValidationFailed) as failure:
        normalise_style(style, slug="zoning")

    assert message in str(failure.value.detail)
    assert failure.value.field == "style"


def test_the_wrapped_style_draws_the_fragment_over_this_servers_tiles():
    style = wrapped_style({"layers": [ZONES]}, slug="zoning", origin="https://gis.krymsk.ru")

    assert style["sources"] == {
        "zoning": {"type": "vector", "tiles": ["https://gis.krymsk.ru/tiles/zoning/{z}/{x}/{y}.mvt"]}
    }
    assert style["layers"][0] == {**ZONES, "source": "zoning", "source-layer": "zoning"}
    assert style["glyphs"] == "https://gis.krymsk.ru/fonts/{fontstack}/{range}.pbf"


def test_legend_from_a_match_expression():
    assert legend_of({"layers": [ZONES]}, title="Зоны") == [
        {"label": "Ж1", "color": "#e41a1c"},
        {"label": "П1, П2", "color": "#377eb8"},
        {"label": "other", "color": "#999999"},
    ]


def test_legend_from_step_interpolate_and_literal_colours():
    noise = {
        "id": "noise",
        "type": "circle",
        "paint": {"circle-color": ["step", ["get", "db"], "#1a9850", 55, "#fee08b", 70, "#d73027"]},
    }
    depth = {
        "id": "depth",
        "type": "line",
        "paint": {"line-color": ["interpolate", ["linear"], ["get", "d"], 0, "#fff", 10, "#00f"]},
    }
    pipes = {
        "id": "pipes",
        "type": "line",
        "paint": {"line-color": "steelblue"},
        "metadata": {"label": "Водопровод"},
    }
    hidden = {"id": "halo", "type": "heatmap", "paint": {"heatmap-radius": 5}}

    legend = legend_of({"layers": [noise, depth, pipes, hidden]}, title="Сети")

    assert legend == [
        {"label": "< 55", "color": "#1a9850"},
        {"label": "55–70", "color": "#fee08b"},
        {"label": "≥ 70", "color": "#d73027"},
        {"label": "0", "color": "#fff"},
        {"label": "10", "color": "#00f"},
        {"label": "Водопровод", "color": "steelblue"},
    ]


def test_one_style_layer_with_a_literal_colour_is_labelled_with_the_layer_title():
    style = {"layers": [{"id": "x", "type": "fill", "paint": {"fill-color": "#0a0"}}]}

    assert legend_of(style, title="Парки") == [{"label": "Парки", "color": "#0a0"}]


def test_a_given_legend_wins_over_the_derived_one():
    style = {"layers": [ZONES], "metadata": {"legend": [{"label": "Жилая зона", "color": "#e41a1c"}]}}

    assert legend_of(style, title="Зоны") == [{"label": "Жилая зона", "color": "#e41a1c"}]


@pytest.mark.parametrize("color", ["#abc", "#aabbcc", "#aabbcc80", "rgb(10, 20, 30)", "rgba(0,0,0,0.5)",
                                   "hsl(120 50% 50%)", "SteelBlue", "transparent"])  # fmt: skip
def test_colours_maplibre_reads(color):
    assert is_color(color)


@pytest.mark.parametrize("color", ["#abcd1", "blu", "url(http://x)", "rgb(1,2,3); x", 5, None, "expression"])
def test_not_colours(color):
    assert not is_color(color)


@pytest.mark.parametrize(
    ("legend", "message"),
    [
        ({"label": "x"}, "must be a list"),
        ([{"label": "x", "color": "nope"}], "legend[0].color 'nope' is not a CSS colour"),
        ([{"label": "", "color": "#fff"}], "legend[0].label must be a text"),
        ([{"label": "x", "color": "#fff", "icon": "a"}], "exactly label and color"),
    ],
)
def test_given_legends_are_checked(legend, message):
    with pytest.raises(ValidationFailed, match=message.replace("[", r"\[").replace("]", r"\]")):
        clean_legend(legend)
