"""Query parameters of the tension API: resolution, window, kinds and categories, bbox."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from appeals.api.params import parse_refs
from appeals.api.stats import parse_day
from appeals.selectors import category_ids_for
from appeals.workflow import AppealKind
from geoportal.errors import ValidationFailed
from layers.api.params import parse_bbox
from tension.scoring import Window
from tension.selectors import API_RESOLUTIONS, Filters

MAX_WINDOW_DAYS = 3660
DEFAULT_RES = 8


def parse_res(raw: str | None, *, allowed: range, default: int) -> int:
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or int(raw) not in allowed:
        message = gettext("res must be a whole number from %(low)d to %(high)d.")
        raise ValidationFailed(message % {"low": allowed.start, "high": allowed.stop - 1}, field="res")
    return int(raw)


def parse_window(params) -> Window:
    """`from`..`to`, local dates, inclusive; default: the TENSION["WINDOW_DAYS"] days ending today."""
    end = parse_day(params.get("to"), name="to") or timezone.localdate()
    start = parse_day(params.get("from"), name="from") or end - timedelta(
        days=settings.TENSION["WINDOW_DAYS"] - 1
    )
    if start > end:
        raise ValidationFailed(gettext("from must not be later than to."), field="from")
    if (end - start).days >= MAX_WINDOW_DAYS:
        message = gettext("from and to must be at most %(days)d days apart.") % {"days": MAX_WINDOW_DAYS}
        raise ValidationFailed(message, field="from")
    return Window(start, end)


def parse_kinds(raw: str | None) -> list[str]:
    allowed = [k.value for k in AppealKind]
    kinds = parse_refs(raw, name="kind") or allowed
    unknown = [k for k in kinds if k not in allowed]
    if unknown:
        message = gettext("kind must be one or more of: %(allowed)s.") % {"allowed": ", ".join(allowed)}
        raise ValidationFailed(message, field="kind")
    return kinds


def parse_filters(params) -> Filters:
    refs = parse_refs(params.get("category"), name="category")
    return Filters(
        window=parse_window(params),
        kinds=parse_kinds(params.get("kind")),
        category_ids=category_ids_for(refs) if refs else None,
    )


def parse_hex_query(params) -> tuple[int, Filters, tuple[float, float, float, float] | None]:
    """`res` (7–10, default 8), the filters and `bbox` of the hexes and hotspots APIs."""
    res = parse_res(params.get("res"), allowed=API_RESOLUTIONS, default=DEFAULT_RES)
    return res, parse_filters(params), parse_bbox(params.get("bbox"))
