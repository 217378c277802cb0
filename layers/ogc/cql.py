"""CQL2 filters (OGC API – Features Part 3) → Django Q objects.

pygeofilter parses cql2-text / cql2-json into an AST; its Django backend (pygeofilter.backends.django)
evaluates the AST into Q objects, with these corrections:
- attributes must be queryables (an unknown name is a 400 naming it) and map to ORM paths, never to text;
- literals stay Python values, so Django's field preparation rejects a wrong type (400, not a SQL error);
- LIKE follows CQL2 (`%` any run, `_` one character, `\\` escapes) via an anchored regular expression;
- geometry literals and BBOX() carry `filter-crs` (EPSG:4326 literals are lat, lon and are swapped);
  PostGIS transforms them to the storage CRS;
- cql2-json `{"bbox": [...]}` is rewritten as a polygon first (pygeofilter 0.4 misreads its axis order);
- functions, arithmetic and temporal operators are refused with a 400 (not declared in /conformance).

Imported only when a request carries a filter (layers.ogc.selectors): pygeofilter, lark and dateparser
add ~10 MB to a worker. `name=value` property filters: layers.ogc.queryables.property_filter_q.
"""

import json
import re
from datetime import UTC, date, datetime

from django.contrib.gis.geos import GEOSException, GEOSGeometry, Polygon
from django.db.models import F, Q
from django.utils.translation import gettext
from lark.exceptions import LarkError
from pygeofilter import ast, values
from pygeofilter.backends.django.evaluate import DjangoFilterEvaluator
from pygeofilter.backends.evaluator import handle
from pygeofilter.parsers.cql2_json import parse as parse_cql2_json
from pygeofilter.parsers.cql2_text import parse as parse_cql2_text

from geoportal.errors import ValidationFailed
from layers.ogc.crs import Crs
from layers.ogc.queryables import Queryable

FIELD = "filter"
MAX_FILTER_CHARS = 8_000  # a URL that long is at the limit of common servers and proxies anyway


def _invalid(reason: str) -> ValidationFailed:
    return ValidationFailed(gettext("Invalid CQL2 filter: %(reason)s") % {"reason": reason}, field=FIELD)


def _unsupported(what: str) -> ValidationFailed:
    message = gettext("CQL2 %(what)s is not supported here; see /ogc/conformance for what is.")
    return ValidationFailed(message % {"what": what}, field=FIELD)


def _swap_axes(coordinates):
    """(lat, lon) → (lon, lat) through any nesting of GeoJSON coordinates."""
    if coordinates and isinstance(coordinates[0], int | float):
        return [coordinates[1], coordinates[0], *coordinates[2:]]
    return [_swap_axes(part) for part in coordinates]


def _bbox_polygon(numbers: list, crs: Crs) -> Polygon:
    if len(numbers) == 6:
        raise _unsupported(gettext("a 3D bbox"))
    if len(numbers) != 4 or not all(isinstance(n, int | float) for n in numbers):
        raise _invalid(gettext("a bbox needs four numbers."))
    if crs.lat_lon:
        numbers = [numbers[1], numbers[0], numbers[3], numbers[2]]
    return Polygon.from_bbox(tuple(numbers))


class QueryableEvaluator(DjangoFilterEvaluator):
    """pygeofilter's Django evaluator bound to one collection's queryables and a filter CRS."""

    def __init__(self, queryables: dict[str, Queryable], crs: Crs):
        super().__init__(field_mapping={name: q.path for name, q in queryables.items()}, mapping_choices=None)
        self.queryables = queryables
        self.crs = crs

    @handle(ast.Attribute)
    def attribute(self, node):
        if node.name not in self.queryables:
            message = gettext("Unknown property %(name)s in filter; the queryables are: %(names)s.")
            names = ", ".join(self.queryables)
            raise ValidationFailed(message % {"name": node.name, "names": names}, field=FIELD)
        return F(self.queryables[node.name].path)

    @handle(*values.LITERALS)
    def literal(self, node):
        if isinstance(node, date) and not isinstance(node, datetime):
            return datetime(node.year, node.month, node.day, tzinfo=UTC)
        return node

    @handle(ast.Like)
    def like(self, node, lhs):
        if not isinstance(lhs, F):
            raise _invalid(gettext("LIKE needs a property on its left."))
        regex = "^"
        escaped = False
        for char in node.pattern:
            if escaped:
                regex += re.escape(char)
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == "%":
                regex += ".*"
            elif char == "_":
                regex += "."
            else:
                regex += re.escape(char)
        q = Q(**{f"{lhs.name}__regex": regex + "$"})
        return ~q if node.not_ else q

    @handle(ast.Between)
    def between(self, node, lhs, low, high):
        if not isinstance(lhs, F):
            raise _invalid(gettext("BETWEEN needs a property on its left."))
        return super().between(node, lhs, low, high)

    @handle(ast.IsNull)
    def null(self, node, lhs):
        if not isinstance(lhs, F):
            raise _invalid(gettext("IS NULL needs a property."))
        return super().null(node, lhs)

    @handle(ast.In)
    def in_(self, node, lhs, *options):
        if not isinstance(lhs, F):
            raise _invalid(gettext("IN needs a property on its left."))
        return super().in_(node, lhs, *options)

    @handle(values.Geometry)
    def geometry(self, node):
        shape = dict(node.geometry)
        if self.crs.lat_lon:
            shape["coordinates"] = _swap_axes(shape["coordinates"])
        geometry = GEOSGeometry(json.dumps(shape))
        geometry.srid = self.crs.srid
        return geometry

    @handle(values.Envelope)
    def envelope(self, node):
        raise _unsupported(gettext("this envelope form"))

    @handle(ast.Function)
    def function(self, node, *arguments):
        if node.name.lower() == "bbox":
            polygon = _bbox_polygon(list(arguments), self.crs)
            polygon.srid = self.crs.srid
            return polygon
        raise _unsupported(gettext("the function %(name)s") % {"name": node.name})

    @handle(ast.Arithmetic, subclasses=True)
    def arithmetic(self, node, lhs, rhs):
        raise _unsupported(gettext("arithmetic"))

    @handle(ast.TemporalPredicate, subclasses=True)
    def temporal(self, node, lhs, rhs):
        raise _unsupported(gettext("the temporal operator %(op)s") % {"op": node.op.value})

    @handle(ast.SpatialDistancePredicate, subclasses=True)
    def spatial_distance(self, node, lhs, rhs):
        raise _unsupported(gettext("the distance operator %(op)s") % {"op": node.op.value})

    @handle(ast.ArrayPredicate, subclasses=True)
    def array(self, node, lhs, rhs):
        raise _unsupported(gettext("array operators"))


def _bbox_to_geometry(node):
    """cql2-json: every {"bbox": [...]} becomes a GeoJSON polygon before pygeofilter reads it."""
    if isinstance(node, list):
        return [_bbox_to_geometry(item) for item in node]
    if not isinstance(node, dict):
        return node
    if set(node) == {"bbox"}:
        numbers = node["bbox"]
        if not isinstance(numbers, list) or len(numbers) not in (4, 6):
            raise _invalid(gettext("a bbox needs four numbers."))
        if len(numbers) == 6:
            raise _unsupported(gettext("a 3D bbox"))
        west, south, east, north = numbers
        ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
        return {"type": "Polygon", "coordinates": [ring]}
    return {key: _bbox_to_geometry(value) for key, value in node.items()}


def _parse(text: str, lang: str):
    if lang == "cql2-json":
        try:
            document = json.loads(text)
        except ValueError as error:
            raise _invalid(gettext("not JSON (%(error)s).") % {"error": error}) from None
        return parse_cql2_json(_bbox_to_geometry(document))
    return parse_cql2_text(text)


# What pygeofilter and GEOS raise for input they cannot read: all mean "the client sent a bad filter".
_BAD_FILTER_ERRORS = (
    LarkError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    AssertionError,
    NotImplementedError,
    GEOSException,
    RecursionError,  # a filter nested deeper than Python's stack
)


def cql_filter_q(*, text: str, lang: str, crs: Crs, queryables: dict[str, Queryable]) -> Q:
    """The Q object of a CQL2 filter in `lang` (cql2-text or cql2-json) whose geometries are in `crs`.

    Raises ValidationFailed (400, field "filter") for a filter that does not parse, names a property that is
    not queryable, or uses something not supported.
    """
    if len(text) > MAX_FILTER_CHARS:
        raise _invalid(gettext("longer than %(max)d characters.") % {"max": MAX_FILTER_CHARS})
    try:
        tree = _parse(text, lang)
        if not isinstance(tree, ast.Node) or isinstance(tree, ast.Expression):
            raise _invalid(gettext("the filter is not a condition."))
        q = QueryableEvaluator(queryables, crs).evaluate(tree)
    except ValidationFailed:
        raise
    except _BAD_FILTER_ERRORS as error:
        raise _invalid(str(error).splitlines()[0] if str(error) else type(error).__name__) from None
    if not isinstance(q, Q):
        raise _invalid(gettext("the filter is not a condition."))
    return q
