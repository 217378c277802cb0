"""Shapes of the raster API: the upload form, the zonal request, and the documents returned.

Outputs are built from RasterLayer rows and the selectors' results; coordinates are EPSG:4326 (lon, lat)
unless the field says "in the raster's CRS".
"""

import json

from django.urls import reverse
from rest_framework import serializers

from appeals.models import Department
from layers.models import Access
from layers.rasters.cog import RESAMPLINGS
from layers.rasters.ramps import RAMPS


class RasterUploadInput(serializers.Serializer):
    file = serializers.FileField(help_text="A GeoTIFF in any CRS (EPSG code or WKT in the file).")
    slug = serializers.SlugField(max_length=64)
    title = serializers.CharField(max_length=255)
    access = serializers.ChoiceField(choices=Access.choices, default=Access.PUBLIC)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    licence = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    colormap = serializers.ChoiceField(
        choices=sorted(RAMPS), required=False, allow_blank=True, default="", help_text="Single-band rasters."
    )
    resampling = serializers.ChoiceField(
        choices=RESAMPLINGS, default="average", help_text="How the overviews are computed."
    )
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True, default=None
    )


class ZonalInput(serializers.Serializer):
    geometry = serializers.JSONField(
        required=False, help_text="A GeoJSON Polygon or MultiPolygon, lon/lat (EPSG:4326): one zone."
    )
    h3 = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="H3 cell ids as strings: one zone each."
    )


class DepartmentRef(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class BandStatsOutput(serializers.Serializer):
    band = serializers.IntegerField(help_text="1-based band number.")
    min = serializers.FloatField(allow_null=True)
    max = serializers.FloatField(allow_null=True)
    mean = serializers.FloatField(allow_null=True)
    count = serializers.IntegerField(help_text="Pixels counted (nodata left out).")


def bands_of(stats) -> list[dict]:
    return [{"band": number, **s.as_dict()} for number, s in enumerate(stats, start=1)]


class RasterOutput(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    department = DepartmentRef(allow_null=True)
    access = serializers.CharField()
    licence = serializers.CharField()
    crs = serializers.CharField(help_text='The native CRS, e.g. "EPSG:32637".')
    band_count = serializers.IntegerField()
    dtype = serializers.CharField()
    nodata = serializers.FloatField(allow_null=True)
    colormap = serializers.CharField()
    bounds = serializers.SerializerMethodField(help_text="[west, south, east, north], degrees.")
    extent = serializers.SerializerMethodField(help_text="GeoJSON Polygon, EPSG:4326.")
    tiles = serializers.SerializerMethodField(help_text="XYZ PNG tile URL templates.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_bounds(self, raster) -> list[float] | None:
        return list(raster.extent.extent) if raster.extent else None

    def get_extent(self, raster) -> dict | None:
        return json.loads(raster.extent.geojson) if raster.extent else None

    def get_tiles(self, raster) -> list[str]:
        one = reverse("tiles-raster", kwargs={"slug": raster.slug, "z": 0, "x": 0, "y": 0})
        absolute = self.context["request"].build_absolute_uri(one)  # would escape the braces of a template
        return [absolute.removesuffix("/0/0/0.png") + "/{z}/{x}/{y}.png"]


class RasterDetailOutput(RasterOutput):
    bands = BandStatsOutput(many=True, help_text="Statistics of each band, computed at upload.")


class ValueOutput(serializers.Serializer):
    raster = serializers.CharField()
    lon = serializers.FloatField()
    lat = serializers.FloatField()
    crs = serializers.CharField()
    x = serializers.FloatField(help_text="Centre of the pixel, in the raster's CRS.")
    y = serializers.FloatField(help_text="Centre of the pixel, in the raster's CRS.")
    row = serializers.IntegerField()
    col = serializers.IntegerField()
    values = serializers.ListField(
        child=serializers.FloatField(allow_null=True), help_text="One per band; null for nodata."
    )


class ZoneOutput(serializers.Serializer):
    h3 = serializers.CharField(required=False, help_text="The cell, for h3 requests.")
    factor = serializers.IntegerField(help_text="1 = full resolution; 2, 4… = read from that overview.")
    bands = BandStatsOutput(many=True)


class ZonalOutput(serializers.Serializer):
    raster = serializers.CharField()
    zones = ZoneOutput(many=True)
