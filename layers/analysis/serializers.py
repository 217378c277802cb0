"""Shapes of POST /api/v1/analysis/area for the OpenAPI schema, and the output the view renders through.

The request is checked by layers.analysis.params (errors as {"detail", "field"}); AreaAnalysisInput only
documents it. Areas in m² / km², lengths in metres (geodesic), shares in percent.
"""

from rest_framework import serializers


class AreaAnalysisInput(serializers.Serializer):
    geometry = serializers.JSONField(
        required=False, help_text="GeoJSON Polygon or MultiPolygon (or a Feature of one), lon/lat EPSG:4326."
    )
    area = serializers.IntegerField(required=False, help_text="AdminArea id of a district, ТОС or the town.")
    rasters = serializers.ListField(
        child=serializers.SlugField(), required=False, help_text="Raster slugs for zonal statistics (≤ 10)."
    )


class AreaOutput(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    kind = serializers.CharField(allow_null=True)
    name = serializers.CharField(allow_null=True)
    code = serializers.CharField(allow_null=True)
    area_km2 = serializers.FloatField(help_text="Geodesic area of the zone, km².")
    population = serializers.IntegerField(allow_null=True, help_text="AdminArea.population; null if drawn.")


class AppealCountsOutput(serializers.Serializer):
    count = serializers.IntegerField()
    open = serializers.IntegerField(help_text="Still waiting for the municipality (OPEN_STATUSES).")
    with_deadline = serializers.IntegerField(help_text="Appeals with a due date: the base of overdue_pct.")
    overdue_open = serializers.IntegerField(help_text="Open and past due_at now.")
    answered_late = serializers.IntegerField(help_text="Answered after due_at.")
    overdue = serializers.IntegerField(help_text="overdue_open or answered_late (each appeal once).")
    overdue_pct = serializers.FloatField(allow_null=True, help_text="100 · overdue / with_deadline.")


class AppealKindOutput(AppealCountsOutput):
    kind = serializers.CharField()
    name = serializers.CharField()


class AppealCategoryOutput(AppealCountsOutput):
    code = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField()
    kind = serializers.CharField()


class AppealStatusOutput(AppealCountsOutput):
    status = serializers.CharField()
    name = serializers.CharField()


class AppealsOutput(serializers.Serializer):
    scope = serializers.ChoiceField(choices=["public", "all"], help_text="public: hidden statuses left out.")
    total = AppealCountsOutput()
    by_kind = AppealKindOutput(many=True)
    by_category = AppealCategoryOutput(many=True)
    by_status = AppealStatusOutput(many=True)


class PropertyGroupOutput(serializers.Serializer):
    kind = serializers.CharField()
    kind_name = serializers.CharField()
    count = serializers.IntegerField()
    area_m2 = serializers.FloatField()


class PropertyOwnershipOutput(PropertyGroupOutput):
    ownership = serializers.CharField()
    name = serializers.CharField()


class PropertyUseOutput(PropertyGroupOutput):
    use = serializers.CharField()


class BuildingsOutput(serializers.Serializer):
    count = serializers.IntegerField()
    area_m2 = serializers.FloatField(help_text="Σ footprint (Property.area_m2), m².")
    floor_area_m2 = serializers.FloatField(help_text="Σ footprint × levels (unknown levels = 1), m².")
    levels_unknown = serializers.IntegerField(help_text="Buildings counted as one storey.")


class PropertiesOutput(serializers.Serializer):
    count = serializers.IntegerField()
    by_kind = PropertyGroupOutput(many=True)
    by_ownership = PropertyOwnershipOutput(many=True)
    by_use = PropertyUseOutput(many=True)
    buildings = BuildingsOutput()


class AssetKindOutput(serializers.Serializer):
    kind = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()
    length_m = serializers.FloatField(allow_null=True, help_text="Lines clipped to the zone, m.")


class AssetConditionOutput(serializers.Serializer):
    condition = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class HighwayOutput(serializers.Serializer):
    highway = serializers.CharField(help_text='OSM highway class; "" when not tagged.')
    count = serializers.IntegerField()
    length_m = serializers.FloatField(allow_null=True)


class AssetsOutput(serializers.Serializer):
    count = serializers.IntegerField()
    length_m = serializers.FloatField(allow_null=True, help_text="All line assets clipped to the zone, m.")
    by_kind = AssetKindOutput(many=True)
    by_condition = AssetConditionOutput(many=True)
    roads_by_highway = HighwayOutput(many=True)


class BandOutput(serializers.Serializer):
    band = serializers.IntegerField()
    min = serializers.FloatField(allow_null=True)
    max = serializers.FloatField(allow_null=True)
    mean = serializers.FloatField(allow_null=True)
    count = serializers.IntegerField(help_text="Pixels whose centre is inside the zone (nodata left out).")


class RasterStatsOutput(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    factor = serializers.IntegerField(help_text="1 = full resolution; n = read from an overview 1/n.")
    bands = BandOutput(many=True)


class AreaAnalysisOutput(serializers.Serializer):
    area = AreaOutput()
    appeals = AppealsOutput()
    properties = PropertiesOutput()
    assets = AssetsOutput()
    rasters = RasterStatsOutput(many=True)
    tension = serializers.JSONField(
        help_text=(
            "The res-9 hexagons whose centres lie in the zone over the last 90 days: res, from, to, "
            "hexagons, mean_index, max_index, t, t_previous, trend (rising, falling, steady), hottest "
            "(H3 index or null)."
        )
    )
