"""Every write of rasters: `raster_create` turns a GeoTIFF into a COG + sidecar on disk and a RasterLayer row.

All or nothing: the COG and the statistics sidecar are written under temporary names next to their final
place, the row is inserted, and only then are both files renamed into place (same folder, so the rename
is atomic), inside the row's transaction. Any failure removes every file this call wrote.
"""

import json
import os
import uuid
from pathlib import Path

from django.contrib.gis.geos import Polygon
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from geoportal.errors import ValidationFailed
from layers.models import Access, RasterLayer
from layers.rasters.cog import RESAMPLINGS, cog_band_stats, footprint_4326, probe, write_cog
from layers.rasters.ramps import RAMPS
from layers.rasters.storage import rasters_dir, relative_cog_path, sidecar_of

SIDECAR_VERSION = 1


def raster_create(
    *,
    source: Path,
    slug: str,
    title: str,
    access: str = Access.PUBLIC,
    description: str = "",
    licence: str = "",
    colormap: str = "",
    department=None,
    resampling: str = "average",
) -> RasterLayer:
    """Store the GeoTIFF at `source` (any CRS) as MEDIA_ROOT/rasters/<slug>.tif, a COG with overviews,
    with per-band statistics in <slug>.stats.json, and create its RasterLayer (extent in EPSG:4326).

    `source` is only read. colormap: "" or a name in RAMPS; resampling: for the overviews (RESAMPLINGS).
    Raises ValidationFailed (field slug / title / access / colormap / resampling / file) with nothing
    written.
    """
    _check_fields(slug=slug, title=title, access=access, colormap=colormap, resampling=resampling)
    if len(licence) > 255:
        raise ValidationFailed(_("licence must be at most 255 characters."), field="licence")
    if RasterLayer.objects.filter(slug=slug).exists():
        raise _slug_taken(slug)
    info = probe(Path(source))
    folder = rasters_dir()
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{slug}.tif"
    token = uuid.uuid4().hex
    staged_cog = folder / f".{slug}.{token}.tif.part"
    staged_sidecar = folder / f".{slug}.{token}.json.part"
    placed: list[Path] = []
    try:
        write_cog(Path(source), staged_cog, resampling=resampling)
        stats = cog_band_stats(staged_cog)
        ring = footprint_4326(staged_cog)
        sidecar = {"version": SIDECAR_VERSION, "bands": [s.as_dict() for s in stats]}
        staged_sidecar.write_text(json.dumps(sidecar), encoding="utf-8")
        with transaction.atomic():
            layer = RasterLayer.objects.create(
                slug=slug,
                title=title,
                description=description,
                licence=licence,
                access=access,
                colormap=colormap,
                department=department,
                path=relative_cog_path(slug),
                crs=info.crs,
                band_count=info.band_count,
                dtype=info.dtype,
                nodata=info.nodata,
                extent=Polygon(ring, srid=4326),
            )
            os.replace(staged_cog, final)
            placed.append(final)
            os.replace(staged_sidecar, sidecar_of(final))
            placed.append(sidecar_of(final))
    except IntegrityError:
        _remove(staged_cog, staged_sidecar, *placed)
        raise _slug_taken(slug) from None
    except BaseException:
        _remove(staged_cog, staged_sidecar, *placed)
        raise
    return layer


def _check_fields(*, slug: str, title: str, access: str, colormap: str, resampling: str) -> None:
    try:
        validate_slug(slug)
    except ValidationError:
        raise ValidationFailed(
            _("slug %(slug)r: use letters, digits, - and _.") % {"slug": slug}, field="slug"
        ) from None
    if len(slug) > 64:
        raise ValidationFailed(_("slug must be at most 64 characters."), field="slug")
    if not title.strip() or len(title) > 255:
        raise ValidationFailed(_("title is required (at most 255 characters)."), field="title")
    if access not in Access.values:
        raise ValidationFailed(
            _("access must be one of %(values)s.") % {"values": ", ".join(Access.values)}, field="access"
        )
    if colormap and colormap not in RAMPS:
        raise ValidationFailed(
            _("colormap must be one of %(names)s.") % {"names": ", ".join(sorted(RAMPS))}, field="colormap"
        )
    if resampling not in RESAMPLINGS:
        raise ValidationFailed(
            _("resampling must be one of %(names)s.") % {"names": ", ".join(RESAMPLINGS)}, field="resampling"
        )


def _slug_taken(slug: str) -> ValidationFailed:
    return ValidationFailed(
        _("A raster with slug %(slug)r exists already; choose another slug.") % {"slug": slug}, field="slug"
    )


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
