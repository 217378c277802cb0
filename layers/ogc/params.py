"""Query parameters of /ogc: parsing and validation, no database.

Every parser raises geoportal.errors.ValidationFailed (HTTP 400, {"detail", "field"}) naming the parameter.
A bbox comes back as (min x, min y, max x, max y) in its CRS with x = easting / longitude, whatever the
axis order of that CRS on the wire (EPSG:4326 is sent as lat, lon and swapped here).
"""

import math
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.http import QueryDict
from django.utils.translation import gettext

from geoportal.errors import ValidationFailed
from layers.api.params import parse_limit
from layers.ogc.crs import CRS84, Crs, crs_parse

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
MAX_OFFSET = 2**63 - 1 - MAX_LIMIT
FILTER_LANGS = ("cql2-text", "cql2-json")

# Parameters of /items besides the queryable properties; `f` is the only one every endpoint takes.
ITEMS_PARAMS = frozenset(
    {"f", "limit", "offset", "bbox", "bbox-crs", "datetime", "crs", "filter", "filter-lang", "filter-crs"}
)
ITEM_PARAMS = frozenset({"f", "crs"})
METADATA_PARAMS = frozenset({"f"})

# RFC 3339: a full date, or a date-time with seconds and an offset (Z or ±hh:mm).
_RFC3339_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RFC3339_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")

Bbox = tuple[float, float, float, float]


@dataclass(frozen=True)
class TimeFilter:
    """Features whose temporal property t has start <= t <= end (t < end when end_exclusive); None = open."""

    start: datetime | None
    end: datetime | None
    end_exclusive: bool = False


@dataclass(frozen=True)
class ItemsQuery:
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    bbox: Bbox | None = None  # (min x, min y, max x, max y) in bbox_crs, x = easting / longitude
    bbox_crs: Crs = CRS84
    time: TimeFilter | None = None
    crs: Crs = CRS84
    filter: str | None = None
    filter_lang: str = "cql2-text"
    filter_crs: Crs = CRS84
    properties: dict[str, str] = field(default_factory=dict)  # queryable name → raw value, for equality


def reject_unknown(query: QueryDict, *, allowed: Collection[str]) -> None:
    """400 for a parameter that the API definition does not name, or one given twice."""
    for name in query:
        if name not in allowed:
            message = gettext("Unknown query parameter %(name)s; this endpoint takes: %(allowed)s.")
            raise ValidationFailed(
                message % {"name": name, "allowed": ", ".join(sorted(allowed))}, field=name
            )
        if len(query.getlist(name)) > 1:
            raise ValidationFailed(gettext("%(name)s is given more than once.") % {"name": name}, field=name)


def items_query_parse(query: QueryDict, *, queryables: Collection[str], temporal: bool) -> ItemsQuery:
    """Every parameter of /collections/{id}/items. `queryables` are the property names a client may filter
    on with `name=value`; `temporal` tells whether the collection has a time to match `datetime` against."""
    reject_unknown(query, allowed=ITEMS_PARAMS | set(queryables))
    bbox_crs = crs_parse(query.get("bbox-crs"), field="bbox-crs")
    if "bbox-crs" in query and "bbox" not in query:
        raise ValidationFailed(gettext("bbox-crs is given without bbox."), field="bbox-crs")
    filter_text = query.get("filter")
    if filter_text is not None and not filter_text.strip():
        raise ValidationFailed(gettext("filter is empty."), field="filter")
    for dependent in ("filter-lang", "filter-crs"):
        if dependent in query and filter_text is None:
            raise ValidationFailed(
                gettext("%(name)s is given without filter.") % {"name": dependent}, field=dependent
            )
    datetime_raw = query.get("datetime")
    if datetime_raw is not None and not temporal:
        raise ValidationFailed(
            gettext("This collection has no temporal property; datetime cannot be applied."), field="datetime"
        )
    return ItemsQuery(
        limit=parse_limit(query.get("limit"), default=DEFAULT_LIMIT, maximum=MAX_LIMIT),
        offset=parse_offset(query.get("offset")),
        bbox=parse_bbox(query.get("bbox"), crs=bbox_crs),
        bbox_crs=bbox_crs,
        time=parse_datetime(datetime_raw),
        crs=crs_parse(query.get("crs"), field="crs"),
        filter=filter_text,
        filter_lang=parse_filter_lang(query.get("filter-lang")),
        filter_crs=crs_parse(query.get("filter-crs"), field="filter-crs"),
        properties={name: query[name] for name in queryables if name in query},
    )


def parse_offset(raw: str | None) -> int:
    """The number of matching features to skip (0 when absent)."""
    if raw is None:
        return 0
    try:
        offset = int(raw)
    except ValueError:
        raise ValidationFailed(gettext("offset must be a whole number."), field="offset") from None
    if offset < 0:
        raise ValidationFailed(gettext("offset must not be negative."), field="offset")
    if offset > MAX_OFFSET:  # PostgreSQL's OFFSET is a bigint, and offset + limit must fit in one too
        raise ValidationFailed(
            gettext("offset must be at most %(max)d.") % {"max": MAX_OFFSET}, field="offset"
        )
    return offset


def parse_filter_lang(raw: str | None) -> str:
    if raw is None:
        return "cql2-text"
    if raw not in FILTER_LANGS:
        message = gettext("filter-lang must be one of %(langs)s.") % {"langs": ", ".join(FILTER_LANGS)}
        raise ValidationFailed(message, field="filter-lang")
    return raw


def parse_bbox(raw: str | None, *, crs: Crs) -> Bbox | None:
    """Four numbers in `crs` as sent (EPSG:4326: lat, lon) → (min x, min y, max x, max y), x east."""
    if raw is None:
        return None
    parts = raw.split(",")
    if len(parts) == 6:
        raise ValidationFailed(
            gettext("bbox with six numbers (3D) is not supported: the data are 2D; send four numbers."),
            field="bbox",
        )
    malformed = ValidationFailed(
        gettext("bbox must be four comma-separated numbers: min x, min y, max x, max y (CRS84: lon, lat)."),
        field="bbox",
    )
    if len(parts) != 4:
        raise malformed
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        raise malformed from None
    if not all(math.isfinite(n) for n in numbers):
        raise malformed
    if crs.lat_lon:  # EPSG:4326 on the wire: min lat, min lon, max lat, max lon
        numbers = [numbers[1], numbers[0], numbers[3], numbers[2]]
    west, south, east, north = numbers
    if crs.geographic and not (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90
    ):
        raise ValidationFailed(
            gettext("bbox longitudes must lie in -180..180 and latitudes in -90..90."), field="bbox"
        )
    if west > east:
        raise ValidationFailed(
            gettext("bbox min x must not exceed max x (boxes across the antimeridian are not served)."),
            field="bbox",
        )
    if south > north:
        raise ValidationFailed(gettext("bbox min y must not exceed max y."), field="bbox")
    return (west, south, east, north)


def parse_instant(raw: str, *, field: str) -> tuple[datetime, bool]:
    """An RFC 3339 date-time (aware) or full date (midnight UTC). The flag is True for a date."""
    value = raw.strip()
    try:
        if _RFC3339_DATE.match(value):
            return datetime.combine(date.fromisoformat(value), time(0), tzinfo=UTC), True
        if _RFC3339_DATETIME.match(value):
            return datetime.fromisoformat(value.upper().replace("Z", "+00:00")), False
    except ValueError:
        pass
    message = gettext(
        "%(field)s: %(value)s is not an RFC 3339 date (2025-01-31) or date-time with a time zone "
        "(2025-01-31T10:00:00Z)."
    )
    raise ValidationFailed(message % {"field": field, "value": raw}, field=field)


def parse_datetime(raw: str | None) -> TimeFilter | None:
    """`datetime`: an instant, or an interval `start/end` where either end may be `..` or empty (open).

    A date-time instant matches exactly; a date matches that whole day (UTC). Interval ends are inclusive;
    a date as the end includes its whole day.
    """
    if raw is None:
        return None
    if "/" not in raw:
        start, is_date = parse_instant(raw, field="datetime")
        if is_date:
            return TimeFilter(start=start, end=start + timedelta(days=1), end_exclusive=True)
        return TimeFilter(start=start, end=start)
    parts = raw.split("/")
    if len(parts) != 2:
        raise ValidationFailed(
            gettext("datetime interval must be start/end; use .. for an open end."), field="datetime"
        )
    start_raw, end_raw = (part.strip() for part in parts)
    start = end = None
    end_exclusive = False
    if start_raw not in ("", ".."):
        start, _ = parse_instant(start_raw, field="datetime")
    if end_raw not in ("", ".."):
        end, is_date = parse_instant(end_raw, field="datetime")
        if is_date:
            end, end_exclusive = end + timedelta(days=1), True
    if start is not None and end is not None and start > end:
        raise ValidationFailed(gettext("datetime interval starts after it ends."), field="datetime")
    return TimeFilter(start=start, end=end, end_exclusive=end_exclusive)


def parse_property_value(raw: str, *, name: str, json_type: str, fmt: str | None) -> object:
    """The value of a `name=value` property filter in the queryable's JSON Schema type."""
    invalid = ValidationFailed(
        gettext("%(name)s must be of type %(type)s.") % {"name": name, "type": fmt or json_type}, field=name
    )
    if fmt == "date-time":
        return parse_instant(raw, field=name)[0]
    if json_type == "integer":
        try:
            return int(raw)
        except ValueError:
            raise invalid from None
    if json_type == "number":
        try:
            number = float(raw)
        except ValueError:
            raise invalid from None
        if not math.isfinite(number):
            raise invalid
        return number
    if json_type == "boolean":
        if raw.lower() not in ("true", "false"):
            raise invalid
        return raw.lower() == "true"
    return raw
