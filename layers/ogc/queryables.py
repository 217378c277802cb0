"""What a client may filter a collection on (OGC API – Features Part 3 queryables) and its JSON Schema.

Static collections: the registry's public properties, typed from the model fields. Uploaded layers: the
keys of the features' jsonb properties, typed from a sample (layers/sql/ogc_layer_queryables.sql) and
exposed to the ORM as annotations `ogc_q<n>` (KeyTransform), so that a key never becomes a lookup name.
Every collection also has `id` and `geometry`. Names never reach SQL as text: they map to ORM paths.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q, QuerySet
from django.db.models.fields.json import KeyTransform

from geoportal.db import fetch_rows, sql_file
from layers.collections import Collection
from layers.ogc.params import ITEMS_PARAMS, parse_property_value

GEOMETRY = "geometry"
ID = "id"
LAYER_SAMPLE_SIZE = 1000  # features read to learn a layer's property keys and their types

_GEOMETRY_FORMATS = {
    "Point": "geometry-point",
    "MultiPoint": "geometry-multipoint",
    "LineString": "geometry-linestring",
    "MultiLineString": "geometry-multilinestring",
    "Polygon": "geometry-polygon",
    "MultiPolygon": "geometry-multipolygon",
}
_JSONB_TYPES = {"string": "string", "number": "number", "boolean": "boolean"}


@dataclass(frozen=True)
class Queryable:
    name: str
    path: str  # ORM path (double underscores) or, for a layer key, the annotation alias
    json_type: str | None  # JSON Schema type: string, integer, number, boolean; None for the geometry
    fmt: str | None = None  # date-time, geometry-point…
    enum: tuple[str, ...] = ()
    key: str | None = None  # uploaded layers: the jsonb key behind the annotation `path`
    role: str | None = None  # x-ogc-role: id, primary-geometry, primary-instant


def _model_field(model: type[models.Model], path: str) -> models.Field:
    parts = path.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(parts[-1])


def _field_type(field: models.Field) -> tuple[str, str | None]:
    if isinstance(field, models.BooleanField):
        return "boolean", None
    if isinstance(field, models.IntegerField | models.AutoField | models.ForeignKey):
        return "integer", None
    if isinstance(field, models.FloatField | models.DecimalField):
        return "number", None
    if isinstance(field, models.DateTimeField):
        return "string", "date-time"
    if isinstance(field, models.DateField):
        return "string", "date"
    return "string", None


def _static_queryables(collection: Collection) -> list[Queryable]:
    result = []
    for name, path in collection.properties.items():
        field = _model_field(collection.model, path)
        json_type, fmt = _field_type(field)
        enum = tuple(str(value) for value, _label in field.choices) if field.choices else ()
        role = "primary-instant" if path == collection.datetime_field else None
        result.append(Queryable(name=name, path=path, json_type=json_type, fmt=fmt, enum=enum, role=role))
    return result


def _layer_queryables(collection: Collection) -> list[Queryable]:
    rows = fetch_rows(
        sql_file("layers", "ogc_layer_queryables"),
        {"layer_id": collection.layer_id, "sample": LAYER_SAMPLE_SIZE},
    )
    reserved = ITEMS_PARAMS | {GEOMETRY, ID}
    result = []
    for key, jsonb_type in rows:
        if key in reserved or jsonb_type not in _JSONB_TYPES:
            continue
        alias = f"ogc_q{len(result)}"
        result.append(Queryable(name=key, path=alias, json_type=_JSONB_TYPES[jsonb_type], key=key))
    return result


def collection_queryables(collection: Collection) -> dict[str, Queryable]:
    """Every queryable of `collection` by name: id, the properties, geometry. Reads a sample for layers."""
    geometry = Queryable(
        name=GEOMETRY,
        path="geom",
        json_type=None,
        fmt=_GEOMETRY_FORMATS.get(collection.geometry_type, "geometry-any"),
        role="primary-geometry",
    )
    identifier = Queryable(name=ID, path="pk", json_type="integer", role="id")
    properties = (
        _layer_queryables(collection) if collection.json_properties else _static_queryables(collection)
    )
    return {q.name: q for q in (identifier, *properties, geometry)}


def property_queryables(queryables: dict[str, Queryable]) -> list[str]:
    """Names usable as `name=value` query parameters: every queryable but the geometry."""
    return [name for name, q in queryables.items() if q.json_type is not None]


def queryables_annotate(queryset: QuerySet, queryables: dict[str, Queryable]) -> QuerySet:
    """`queryset` with one jsonb annotation per layer key, so filters can name them."""
    annotations = {
        q.path: KeyTransform(q.key, "properties") for q in queryables.values() if q.key is not None
    }
    return queryset.annotate(**annotations) if annotations else queryset


def queryables_schema(collection: Collection, queryables: dict[str, Queryable], *, url: str) -> dict:
    """The JSON Schema (2020-12) of the queryables, as /collections/{id}/queryables serves it."""
    properties = {}
    for q in queryables.values():
        schema: dict = {"title": q.name}
        if q.json_type is not None:
            schema["type"] = q.json_type
        if q.fmt is not None:
            schema["format"] = q.fmt
        if q.enum:
            schema["enum"] = list(q.enum)
        if q.role is not None:
            schema["x-ogc-role"] = q.role
        properties[q.name] = schema
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": url,
        "type": "object",
        "title": str(collection.title),
        "properties": properties,
        "additionalProperties": False,
    }


def property_filter_q(*, values_by_name: dict[str, str], queryables: dict[str, Queryable]) -> Q:
    """`name=value` query parameters as one Q: equality on each queryable, values in its type."""
    q = Q()
    for name, raw in values_by_name.items():
        queryable = queryables[name]
        value = parse_property_value(raw, name=name, json_type=queryable.json_type, fmt=queryable.fmt)
        q &= Q(**{queryable.path: value})
    return q
