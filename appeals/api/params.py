"""Query parameters of the public appeals API: parsing and validation, no database.

Each parser raises geoportal.errors.ValidationFailed (HTTP 400, body {"detail": "...", "field": name}).
Axis order is (lon, lat) in degrees, EPSG:4326. Instants are ISO 8601; a value without a UTC offset is
read in the municipality's time zone (settings.TIME_ZONE), a bare date as its midnight there.
"""

import base64
import binascii
import math
import re
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext

from geoportal.errors import ValidationFailed

# What a reference to a category, area or department may look like: an id or a code (slug-like).
_REF = re.compile(r"^[\w.-]{1,64}$")
# "2026-05-01T10:00:00 03:00": a "+" of the offset that arrived unescaped in a query string.
_LOST_PLUS = re.compile(r"^(.*T[\d:.]+) (\d\d(:?\d\d)?)$")
_CURSOR_PREFIX = "id:"


def parse_refs(raw: str | None, *, name: str) -> list[str] | None:
    """A comma-separated list of ids or codes (e.g. `category=12,roads`), or None when absent."""
    if raw is None:
        return None
    refs = [item.strip() for item in raw.split(",")]
    if not all(_REF.match(ref) for ref in refs):
        message = gettext("%(name)s must be one or more ids or codes, separated by commas.")
        raise ValidationFailed(message % {"name": name}, field=name)
    return list(dict.fromkeys(refs))


def parse_instant(raw: str | None, *, name: str) -> datetime | None:
    """An ISO 8601 date or date-time as an aware datetime, or None when absent."""
    if raw is None:
        return None
    text = raw.strip()
    lost_plus = _LOST_PLUS.match(text)
    if lost_plus:
        text = f"{lost_plus.group(1)}+{lost_plus.group(2)}"
    try:
        if len(text) == 10:
            value = datetime.combine(date.fromisoformat(text), time.min)
        else:
            value = datetime.fromisoformat(text)
    except ValueError:
        message = gettext("%(name)s must be an ISO 8601 date or date-time, e.g. 2026-05-01T10:00:00+03:00.")
        raise ValidationFailed(message % {"name": name}, field=name) from None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def parse_cursor(raw: str | None) -> int:
    """The opaque page cursor of a `next` link → the last id of the previous page (0 before the first).

    The cursor is base64url of `id:<last id>` without padding, written by appeals_public_geojson.sql;
    clients must treat it as opaque (the ordering behind it may change).
    """
    if raw is None:
        return 0
    invalid = ValidationFailed(gettext("cursor is not valid; follow the next link as it is."), field="cursor")
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode("ascii")
    except (binascii.Error, ValueError):
        raise invalid from None
    digits = text.removeprefix(_CURSOR_PREFIX)
    # 18 digits at most: the id must fit a bigint.
    if not text.startswith(_CURSOR_PREFIX) or not digits.isdigit() or len(digits) > 18:
        raise invalid
    return int(digits)


def cursor_of(last_id: int) -> str:
    """The cursor that continues after `last_id` (the SQL builds the same text; tests check both agree)."""
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{last_id}".encode("ascii")).decode("ascii").rstrip("=")


def parse_lon_lat(lon_raw: str | None, lat_raw: str | None) -> tuple[float, float]:
    """(lon, lat) in degrees, EPSG:4326, both required."""
    values = []
    for name, raw, bound in (("lon", lon_raw, 180), ("lat", lat_raw, 90)):
        if raw is None:
            raise ValidationFailed(gettext("%(name)s is required.") % {"name": name}, field=name)
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or not -bound <= value <= bound:
            message = gettext("%(name)s must be a number of degrees from -%(bound)d to %(bound)d.")
            raise ValidationFailed(message % {"name": name, "bound": bound}, field=name)
        values.append(value)
    return values[0], values[1]
