"""Input of the record edits: every field optional (PATCH), unknown fields refused by name, geometry
as a GeoJSON geometry object in EPSG:4326 (lon, lat) parsed and checked for validity here."""

import json
import re

from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from appeals.models import Department
from layers.models import Asset, Property

# Russian cadastral numbers: district:area:quarter:parcel, e.g. 23:15:0601001:123.
CADASTRAL_NUMBER = re.compile(r"^\d{2}:\d{2}:\d{6,7}:\d{1,9}$")


@extend_schema_field(OpenApiTypes.OBJECT)  # a GeoJSON geometry object
class GeoJSONGeometryField(serializers.Field):
    """A GeoJSON geometry object → a valid, non-empty GEOS geometry with SRID 4326."""

    default_error_messages = {
        "invalid": _("Not a GeoJSON geometry object."),
        "empty": _("The geometry is empty."),
        "not_valid": _("The geometry is not valid: %(reason)s."),
    }

    def to_internal_value(self, data):
        if not isinstance(data, dict) or not isinstance(data.get("type"), str):
            self.fail("invalid")
        try:
            geom = GEOSGeometry(json.dumps(data))
        except (GEOSException, GDALException, ValueError, TypeError):
            self.fail("invalid")
        geom.srid = 4326
        if geom.empty:
            self.fail("empty")
        if not geom.valid:
            raise serializers.ValidationError(
                gettext("The geometry is not valid: %(reason)s.") % {"reason": geom.valid_reason}
            )
        return geom

    def to_representation(self, value):
        return json.loads(value.geojson)


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, naming them, instead of silently dropping them."""

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: [gettext("Unknown field.")] for name in unknown})
        return attrs


class PropertyPatch(StrictSerializer):
    kind = serializers.ChoiceField(choices=Property.Kind.choices, required=False)
    cadastral_number = serializers.RegexField(
        CADASTRAL_NUMBER,
        required=False,
        allow_blank=True,
        max_length=64,
        error_messages={"invalid": _("A cadastral number looks like 23:15:0601001:123.")},
    )
    address = serializers.CharField(required=False, allow_blank=True, max_length=255)
    street = serializers.CharField(required=False, allow_blank=True, max_length=255)
    housenumber = serializers.CharField(required=False, allow_blank=True, max_length=32)
    ownership = serializers.ChoiceField(choices=Property.Ownership.choices, required=False)
    use = serializers.CharField(required=False, allow_blank=True, max_length=64)
    levels = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=200)
    area_m2 = serializers.FloatField(required=False, allow_null=True, min_value=0)
    attributes = serializers.DictField(required=False)
    geometry = GeoJSONGeometryField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=100)


class AssetPatch(StrictSerializer):
    kind = serializers.ChoiceField(choices=Asset.Kind.choices, required=False)
    name = serializers.CharField(required=False, allow_blank=True, max_length=255)
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True
    )
    condition = serializers.ChoiceField(choices=Asset.Condition.choices, required=False)
    attributes = serializers.DictField(required=False)
    geometry = GeoJSONGeometryField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=100)
