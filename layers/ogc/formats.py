"""Content negotiation for /ogc: the `f` parameter first, then the Accept header.

Every /ogc resource is JSON; what differs is the media type it is labelled with (GeoJSON for features,
OpenAPI for the definition, JSON Schema for queryables). An Accept header that allows none of them gets 406.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from geoportal.errors import DomainError, ValidationFailed

JSON = "application/json"
GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
JSON_SCHEMA = "application/schema+json"
HTML = "text/html"


class NotAcceptable(DomainError):
    status = 406
    default_detail = _("None of the media types in Accept is offered here.")


@dataclass(frozen=True)
class Offer:
    """The media types one kind of resource is offered in: `f` value → media type, best first."""

    by_f: dict[str, str]

    @property
    def default(self) -> str:
        return next(iter(self.by_f.values()))


METADATA = Offer({"json": JSON})
FEATURES = Offer({"geojson": GEOJSON, "json": JSON})
OPENAPI_DOC = Offer({"json": OPENAPI, "openapi": OPENAPI})
QUERYABLES = Offer({"json": JSON_SCHEMA, "schema": JSON_SCHEMA})

# Media types that are the same JSON under another label: a client asking for one of them gets it.
_ALSO_SERVED_AS = (JSON,)


def _accepted(header: str) -> list[tuple[str, float]]:
    ranges = []
    for item in header.split(","):
        parts = [p.strip() for p in item.split(";")]
        if not parts[0]:
            continue
        quality = 1.0
        for param in parts[1:]:
            if param.lower().startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranges.append((parts[0].lower(), quality))
    return ranges


def _matches(media_range: str, media_type: str) -> bool:
    base = media_type.split(";")[0].lower()
    if media_range in ("*/*", base):
        return True
    kind = base.split("/")[0]
    return media_range == f"{kind}/*"


def negotiate(request: HttpRequest, offer: Offer) -> str:
    """The media type to answer with. `f` wins; else the best Accept match; else the offer's default."""
    f = request.GET.get("f")
    if f is not None:
        if f not in offer.by_f:
            message = gettext("f must be one of %(formats)s.") % {"formats": ", ".join(offer.by_f)}
            raise ValidationFailed(message, field="f")
        return offer.by_f[f]
    header = request.headers.get("Accept", "").strip()
    if not header:
        return offer.default
    candidates = list(dict.fromkeys([*offer.by_f.values(), *_ALSO_SERVED_AS]))
    best, best_quality = None, 0.0
    for media_range, quality in _accepted(header):
        for position, media_type in enumerate(candidates):
            if quality > best_quality and _matches(media_range, media_type):
                # A wildcard range picks the offer's default, not the generic JSON fallback.
                chosen = offer.default if "*" in media_range else candidates[position]
                best, best_quality = chosen, quality
                break
    if best is None:
        raise NotAcceptable()
    return best
