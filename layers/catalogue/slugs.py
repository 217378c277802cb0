"""Which slugs a Layer may take: a slug is its collection id in /ogc, /tiles and the catalogue URLs."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.translation import gettext as _

from layers.collections import STATIC

MAX_LENGTH = 64
# /tiles/basemap/… and /styles/basemap.json belong to the self-hosted basemap.
BASEMAP = "basemap"


def reserved_slugs() -> frozenset[str]:
    """Slugs no Layer may take: the basemap and the ids of the static collections (appeals, areas…)."""
    return frozenset({BASEMAP, *(collection.id for collection in STATIC)})


def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot name a Layer (a sentence), or None when it can."""
    try:
        validate_slug(slug)
    except ValidationError:
        return _("slug %(slug)r: use Latin letters, digits, - and _") % {"slug": slug}
    if len(slug) > MAX_LENGTH:
        return _("slug must be at most %(n)d characters") % {"n": MAX_LENGTH}
    if slug.lower() in reserved_slugs():
        return _("slug %(slug)r is reserved (taken by %(names)s); choose another") % {
            "slug": slug,
            "names": ", ".join(sorted(reserved_slugs())),
        }
    return None
