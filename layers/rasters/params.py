"""Query parameters of the raster endpoints: parsing and validation, no I/O.

Each parser raises geoportal.errors.ValidationFailed (HTTP 400, {"detail": …, "field": name}).
"""

import math

from django.utils.translation import gettext as _

from geoportal.errors import ValidationFailed
from layers.rasters.ramps import RAMPS


def parse_coordinate(raw: str | None, *, name: str, limit: float) -> float:
    """A required finite number of degrees in -limit..limit (180 for lon, 90 for lat)."""
    if raw is None or raw.strip() == "":
        raise ValidationFailed(_("%(name)s is required (degrees, EPSG:4326).") % {"name": name}, field=name)
    try:
        value = float(raw)
    except ValueError:
        raise ValidationFailed(
            _("%(name)s must be a number of degrees, not %(raw)r.") % {"name": name, "raw": raw}, field=name
        ) from None
    if not math.isfinite(value) or abs(value) > limit:
        raise ValidationFailed(
            _("%(name)s must lie in -%(limit)d..%(limit)d degrees.") % {"name": name, "limit": limit},
            field=name,
        )
    return value


def parse_colormap(raw: str | None) -> str | None:
    """A ramp name from RAMPS, or None when absent (the layer's own colour map applies)."""
    if raw is None or raw == "":
        return None
    if raw not in RAMPS:
        raise ValidationFailed(
            _("colormap must be one of %(names)s.") % {"names": ", ".join(sorted(RAMPS))}, field="colormap"
        )
    return raw
