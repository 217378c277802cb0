"""The MapLibre style-spec validator (npm, run by node) behind the structural check, and without it."""

import pytest

from geoportal.errors import ValidationFailed
from layers.catalogue.services import style_for_layer
from layers.catalogue.style_spec import StyleValidatorMissing, spec_available

NOISE = [
    {
        "id": "noise",
        "type": "circle",
        "paint": {"circle-color": ["step", ["get", "db"], "#1a9850", 55, "#fee08b", 70, "#d73027"]},
        "layout": {"visibility": "visible"},
    },
    {"id": "labels", "type": "symbol", "layout": {"text-field": ["get", "name"], "text-size": 12}},
]


@pytest.fixture
def no_validator(settings):
    settings.GEOPORTAL = {**settings.GEOPORTAL, "STYLE_SPEC_NODE": "node-that-is-not-installed"}


def test_the_validator_is_installed_here():
    assert spec_available()  # frontend/node_modules is built by the test command; node comes from Debian


def test_a_valid_style_with_expressions_and_labels_passes():
    assert style_for_layer(style=NOISE, legend=None, slug="noise") == {"layers": NOISE}


@pytest.mark.parametrize(
    ("paint", "message"),
    [
        ({"circle-color": ["get"]}, "layers[0].paint.circle-color: Expected arguments of type (string)"),
        ({"circle-radius": "big"}, "layers[0].paint.circle-radius: number expected, string found"),
        ({"circle-opasity": 1}, 'layers[0].paint.circle-opasity: unknown property "circle-opasity"'),
    ],
)
def test_what_only_the_style_spec_knows_is_refused(paint, message):
    with pytest.raises(ValidationFailed) as failure:
        style_for_layer(style=[{"id": "x", "type": "circle", "paint": paint}], legend=None, slug="x")

    assert message in str(failure.value.detail)


def test_without_node_the_structural_check_stands_alone(no_validator, caplog):
    bad_value = [{"id": "x", "type": "circle", "paint": {"circle-radius": "big"}}]

    assert style_for_layer(style=bad_value, legend=None, slug="x") == {"layers": bad_value}
    assert "style-spec validator not found" in caplog.text
    with pytest.raises(ValidationFailed, match="is not a property of a circle layer"):
        style_for_layer(
            style=[{"id": "x", "type": "circle", "paint": {"line-width": 1}}], legend=None, slug="x"
        )


def test_without_node_a_required_validator_refuses_style_writes(no_validator, settings):
    settings.GEOPORTAL = {**settings.GEOPORTAL, "STYLE_SPEC_REQUIRED": True}

    with pytest.raises(StyleValidatorMissing) as failure:
        style_for_layer(style=NOISE, legend=None, slug="noise")

    assert failure.value.status == 503
