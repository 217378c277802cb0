"""Input and output of the layer catalogue API (/api/v1/layers). Outputs are built by `layer_body`; the
Output classes describe them for OpenAPI."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from appeals.models import Department
from layers.catalogue.legend import legend_of
from layers.catalogue.selectors import LayerStats
from layers.catalogue.slugs import MAX_LENGTH
from layers.models import Access, Layer
from layers.tiles.views import origin_of

KEYWORDS = 20
KEYWORD_LENGTH = 64


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}], "nullable": True})
class DepartmentField(serializers.Field):
    """A department by id (number) or code (text); null for none."""

    default_error_messages = {"unknown": "no department {value}", "type": "give an id or a code"}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (int, str)):
            self.fail("type")
        lookup = {"pk": data} if isinstance(data, int) or data.isdigit() else {"code": data}
        department = Department.objects.filter(**lookup).first()
        if department is None:
            self.fail("unknown", value=data)
        return department

    def to_representation(self, value):
        return value.pk


@extend_schema_field({"oneOf": [{"type": "array", "items": {"type": "object"}}, {"type": "object"}]})
class StyleField(serializers.JSONField):
    """A MapLibre style fragment (list of style layers, {"layers", "metadata"}, or a paint/layout object)."""


class LayerInput(serializers.Serializer):
    slug = serializers.CharField(max_length=MAX_LENGTH)
    title = serializers.CharField(max_length=255)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    department = DepartmentField(required=False, allow_null=True, default=None)
    licence = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    access = serializers.ChoiceField(choices=Access.choices, required=False, default=Access.PUBLIC)
    keywords = serializers.ListField(
        child=serializers.CharField(max_length=KEYWORD_LENGTH),
        max_length=KEYWORDS,
        required=False,
        default=list,
    )
    style = StyleField(required=False, allow_null=True, default=None)
    legend = serializers.ListField(
        child=serializers.JSONField(), required=False, allow_null=True, default=None
    )

    def validate_keywords(self, value):
        return list(dict.fromkeys(k.strip() for k in value if k.strip()))


class LayerPatchInput(LayerInput):
    """Every field optional; only those sent change. The slug cannot change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class LayerListQuery(serializers.Serializer):
    keyword = serializers.CharField(required=False)
    department = DepartmentField(required=False)
    access = serializers.ChoiceField(choices=Access.choices, required=False)
    q = serializers.CharField(required=False)


class UploadInput(serializers.Serializer):
    file = serializers.FileField(
        help_text=".geojson, .json, .gpkg, .kml, .csv, or a .zip (a Shapefile or one of these) or .kmz"
    )
    srs = serializers.CharField(required=False, help_text="CRS overriding the file's, e.g. EPSG:32637")
    layer = serializers.CharField(required=False, help_text="The layer of a GeoPackage or KML to read")
    mode = serializers.ChoiceField(choices=("replace", "append"), required=False, default="replace")
    id_field = serializers.CharField(required=False, help_text="Column holding each feature's id")
    lon = serializers.CharField(required=False, help_text="CSV: column of the longitude")
    lat = serializers.CharField(required=False, help_text="CSV: column of the latitude")
    wkt = serializers.CharField(required=False, help_text="CSV: column of the geometry as WKT")
    encoding = serializers.CharField(required=False, help_text="CSV: text encoding (default UTF-8)")
    allow_rejects = serializers.BooleanField(required=False, default=False)


class DepartmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class LegendEntryOutput(serializers.Serializer):
    label = serializers.CharField()
    color = serializers.CharField()


class LinksOutput(serializers.Serializer):
    self = serializers.URLField()
    items = serializers.URLField(help_text="OGC API Features items (GeoJSON)")
    tiles = serializers.CharField(help_text="MVT tile URL template; MVT layer name = slug")
    tilejson = serializers.URLField()


class LayerOutput(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    department = DepartmentOutput(allow_null=True)
    licence = serializers.CharField()
    access = serializers.ChoiceField(choices=Access.choices)
    keywords = serializers.ListField(child=serializers.CharField())
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    feature_count = serializers.IntegerField()
    extent = serializers.ListField(
        child=serializers.FloatField(), allow_null=True, help_text="[west, south, east, north], degrees"
    )
    geometry_types = serializers.ListField(child=serializers.CharField())
    style = serializers.JSONField(help_text='{"layers": [MapLibre style layers without source], "metadata"}')
    legend = LegendEntryOutput(many=True)
    last_import = serializers.IntegerField(allow_null=True, help_text="ImportRun id (staff only)")
    links = LinksOutput()


def layer_body(layer: Layer, stats: LayerStats, *, request, show_import: bool) -> dict:
    """The LayerOutput of `layer`; URLs are absolute to the server the request came to."""
    origin = origin_of(request)
    department = layer.department
    return {
        "slug": layer.slug,
        "title": layer.title,
        "description": layer.description,
        "department": {"id": department.pk, "code": department.code, "name": department.name}
        if department
        else None,
        "licence": layer.licence,
        "access": layer.access,
        "keywords": list(layer.keywords),
        "created_at": layer.created_at,
        "updated_at": layer.updated_at,
        "feature_count": stats.feature_count,
        "extent": list(stats.bbox) if stats.bbox else None,
        "geometry_types": list(stats.geometry_types),
        "style": layer.style or {},
        "legend": legend_of(layer.style or {}, title=layer.title),
        "last_import": layer.source_run_id if show_import else None,
        "links": {
            "self": f"{origin}/api/v1/layers/{layer.slug}",
            "items": f"{origin}/ogc/collections/{layer.slug}/items",
            "tiles": f"{origin}/tiles/{layer.slug}/{{z}}/{{x}}/{{y}}.mvt",
            "tilejson": f"{origin}/tiles/{layer.slug}.json",
        },
    }
