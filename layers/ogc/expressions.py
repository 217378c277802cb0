"""Small ORM expressions for the SQL that builds OGC API responses (each one PostGIS / PostgreSQL call)."""

import json

from django.contrib.gis.db.models.functions import GeomOutputGeoFunc
from django.db.models import Func, TextField, Value


class ForcePolygonCCW(GeomOutputGeoFunc):
    """ST_ForcePolygonCCW: exterior rings counter-clockwise, interior rings clockwise (RFC 7946 §3.1.6).
    Points and lines pass through unchanged."""

    function = "ST_ForcePolygonCCW"
    arity = 1


class FlipCoordinates(GeomOutputGeoFunc):
    """ST_FlipCoordinates: (x, y) → (y, x), for output in EPSG:4326's (lat, lon) axis order."""

    function = "ST_FlipCoordinates"
    arity = 1


# Values whose text form is already their JSON form: to_json would only add a function call per row.
_JSON_AS_TEXT = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
        "BooleanField",
    }
)


def _json_as_text(field) -> bool:
    while field.get_internal_type() in ("ForeignKey", "OneToOneField"):
        field = field.target_field
    return field.get_internal_type() in _JSON_AS_TEXT


class ToJSONText(Func):
    """to_json(x) as text, 'null' for NULL: one JSON value, strings escaped by PostgreSQL. Integers and
    booleans are cast to text instead (their text is their JSON): ~0.7 µs less per value and row."""

    template = "coalesce(to_json(%(expressions)s)::text, 'null')"
    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        if _json_as_text(self.source_expressions[0].output_field):
            extra_context["template"] = "coalesce((%(expressions)s)::text, 'null')"
        return super().as_sql(compiler, connection, **extra_context)


class JSONObjectText(Func):
    """concat('{"name":', to_json(expr), ',"other":', …, '}'): a compact JSON object as text, keys in the
    order given. Keys are JSON-encoded here and bound as parameters; values are escaped by to_json.
    Compact text instead of json_build_object, whose " : " and ", " separators made pages 25 % larger;
    one concat() instead of a chain of ||, which copied the growing text at every step."""

    function = "concat"
    output_field = TextField()

    def __init__(self, pairs: dict):
        parts = []
        for position, (name, expression) in enumerate(pairs.items()):
            opening = "{" if position == 0 else ","
            parts.extend([Value(f"{opening}{json.dumps(name, ensure_ascii=False)}:"), ToJSONText(expression)])
        parts.append(Value("}" if pairs else "{}"))
        super().__init__(*parts)
