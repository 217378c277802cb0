"""Reads of the area analysis: the zone (a drawn polygon or an AdminArea), then one SQL statement per
section (layers/sql/analysis_*.sql), then zonal statistics of the chosen rasters (layers.rasters).

Everything is EPSG:4326; areas in m² / km² and lengths in metres are geodesic (geography casts). Appeals:
public statuses only for users without a staff role (geoportal.roles.can_see_internal), every status for
staff; never contact data. Internal rasters and responsibility zones exist only for staff.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely.geometry import mapping

from appeals.workflow import HIDDEN_STATUSES, OPEN_STATUSES
from geoportal.db import fetch_dicts, sql_file
from geoportal.errors import NotFound, ValidationFailed
from geoportal.roles import can_see_internal
from layers.analysis.params import AnalysisRequest, hex_ewkb
from layers.analysis.report import appeals_section, assets_section, properties_section
from layers.models import AdminArea, RasterLayer
from layers.rasters.selectors import raster_list, raster_zonal
from layers.rasters.serializers import bands_of
from layers.rasters.zones import zone_from_geojson
from layers.selectors import PUBLIC_AREA_KINDS
from tension.zones import zone_tension

# The zone is a constant that makes PostGIS's costly functions look expensive, so the planner would
# JIT-compile (~50-400 ms, more than the query itself) and plan parallel workers (slower on 2 cores):
# the connections have neither (geoportal/settings.py). Measured by bench/analysis_area.py.


@dataclass(frozen=True)
class Zone:
    """The analysed zone: hex EWKB (SRID 4326) for SQL, its GeoJSON (lon, lat) for the rasters, its
    geodesic area, and the AdminArea it is (None for a drawn polygon)."""

    ewkb: str
    geojson: dict
    area_km2: float
    area: AdminArea | None = None


def area_analysis(*, request: AnalysisRequest, user) -> dict:
    """Everything inside the zone of `request`, as the JSON document of POST /api/v1/analysis/area.

    Raises ValidationFailed (bad zone, unknown raster), NotFound (unknown area, missing raster file).
    `tension` summarises the res-9 hexagons whose centres lie in the zone (tension.zones.zone_tension).
    """
    rasters = analysis_rasters(slugs=request.rasters, user=user)
    zone = analysis_zone(request=request, user=user)
    staff = can_see_internal(user)
    params = {"zone": zone.ewkb}
    appeal_params = {
        **params,
        "hidden": [] if staff else sorted(HIDDEN_STATUSES),
        "open": sorted(OPEN_STATUSES),
        "now": timezone.now(),
    }
    with transaction.atomic():  # one snapshot for the three sections
        appeals = fetch_dicts(sql_file("layers", "analysis_appeals"), appeal_params)
        properties = fetch_dicts(sql_file("layers", "analysis_properties"), params)
        assets = fetch_dicts(sql_file("layers", "analysis_assets"), params)
    area = zone.area
    return {
        "area": {
            "id": area.pk if area else None,
            "kind": area.kind if area else None,
            "name": area.name if area else None,
            "code": area.code if area else None,
            "area_km2": round(zone.area_km2, 6),
            "population": area.population if area else None,
        },
        "appeals": appeals_section(appeals, scope="all" if staff else "public"),
        "properties": properties_section(properties),
        "assets": assets_section(assets),
        "rasters": [_raster_stats(raster, zone) for raster in rasters],
        "tension": zone_tension(zone.geojson),
    }


def analysis_rasters(*, slugs: tuple[str, ...], user) -> list[RasterLayer]:
    """The rasters `slugs`, in that order. Raises ValidationFailed naming those `user` may not see (unknown
    and, for non-staff, internal ones alike)."""
    if not slugs:
        return []
    found = {raster.slug: raster for raster in raster_list(user=user).filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        message = _("Unknown raster: %(slugs)s.") % {"slugs": ", ".join(missing)}
        raise ValidationFailed(message, field="rasters")
    return [found[slug] for slug in slugs]


def analysis_zone(*, request: AnalysisRequest, user) -> Zone:
    """The zone of `request`, checked in PostGIS (layers/sql/analysis_zone.sql).

    A drawn polygon must be valid (ST_IsValid; the reason from ST_IsValidReason), intersect the
    municipality (when one with settings.GEOPORTAL["MUNICIPALITY_CODE"] exists) and be at most
    settings.GEOPORTAL["ANALYSIS_MAX_AREA_KM2"] km² — else ValidationFailed on `geometry`. An area id must
    name a municipality, district or ТОС (responsibility zones too for staff) — else NotFound on `area`.
    """
    if request.area_id is not None:
        area = _area_get(area_id=request.area_id, user=user)
        ewkb = area.geom.hexewkb.decode()
        check = _zone_check(ewkb)
        if not check["valid"]:
            message = _("The stored geometry of this area is invalid: %(reason)s.") % {
                "reason": check["reason"]
            }
            raise ValidationFailed(message, field="area")
        return Zone(
            ewkb=ewkb,
            geojson=json.loads(area.geom.geojson),
            area_km2=check["area_km2"],
            area=area,
        )

    ewkb = hex_ewkb(request.geometry)
    check = _zone_check(ewkb)
    if not check["valid"]:
        message = _("geometry is not a valid polygon: %(reason)s.") % {"reason": check["reason"]}
        raise ValidationFailed(message, field="geometry")
    if check["in_municipality"] is False:
        raise ValidationFailed(_("geometry lies entirely outside the municipality."), field="geometry")
    limit = float(settings.GEOPORTAL["ANALYSIS_MAX_AREA_KM2"])
    if check["area_km2"] > limit:
        message = _("geometry covers %(area).2f km²; at most %(max)g km² may be analysed at once.")
        raise ValidationFailed(message % {"area": check["area_km2"], "max": limit}, field="geometry")
    return Zone(ewkb=ewkb, geojson=mapping(request.geometry), area_km2=check["area_km2"])


def _zone_check(ewkb: str) -> dict:
    params = {"zone": ewkb, "municipality": settings.GEOPORTAL["MUNICIPALITY_CODE"]}
    return fetch_dicts(sql_file("layers", "analysis_zone"), params)[0]


def _area_get(*, area_id: int, user) -> AdminArea:
    kinds = list(PUBLIC_AREA_KINDS)
    if can_see_internal(user):
        kinds.append(AdminArea.Kind.RESPONSIBILITY_ZONE.value)
    area = AdminArea.objects.filter(pk=area_id, kind__in=kinds).first()
    if area is None:
        raise NotFound(_("No district or ТОС with id %(id)d.") % {"id": area_id}, field="area")
    return area


def _raster_stats(raster: RasterLayer, zone: Zone) -> dict:
    """min / max / mean / count per band of `raster` over the zone (pixel centres inside; nodata out)."""
    stats = raster_zonal(raster=raster, zones=[zone_from_geojson(zone.geojson)])[0]
    return {
        "slug": raster.slug,
        "title": raster.title,
        "factor": stats.factor,
        "bands": bands_of(stats.bands),
    }
