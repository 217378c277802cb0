"""Reads of the layer catalogue. Internal layers exist only for staff (geoportal.roles.can_see_internal):
for anyone else they are left out of lists and a request for one is a 404, as for a slug never used."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from geoportal.db import fetch_dicts, sql_file
from geoportal.errors import NotFound
from geoportal.roles import can_see_internal
from layers.models import Access, Layer


@dataclass(frozen=True)
class LayerStats:
    """What the features of one layer add up to. bbox: (west, south, east, north) degrees, EPSG:4326, or
    None without features; geometry_types: GeoJSON type names present, sorted."""

    feature_count: int = 0
    bbox: tuple[float, float, float, float] | None = None
    geometry_types: tuple[str, ...] = ()


def layers_visible(*, user) -> QuerySet[Layer]:
    """The layers `user` may read: public ones, and internal ones for staff."""
    layers = Layer.objects.select_related("department")
    return layers if can_see_internal(user) else layers.filter(access=Access.PUBLIC)


def layer_list(
    *, user, keyword: str | None = None, department=None, access: str | None = None, q: str | None = None
) -> list[Layer]:
    """Visible layers, by title. keyword: one of its keywords (exact); department: a Department;
    access: public | internal; q: part of the title or description (any case)."""
    layers = layers_visible(user=user)
    if keyword:
        layers = layers.filter(keywords__contains=[keyword])
    if department is not None:
        layers = layers.filter(department=department)
    if access:
        layers = layers.filter(access=access)
    if q:
        layers = layers.filter(Q(title__icontains=q) | Q(description__icontains=q))
    return list(layers.order_by("title", "slug"))


def layer_get(*, slug: str, user) -> Layer:
    """The layer `slug` if `user` may read it. Raises NotFound otherwise (no existence leak)."""
    layer = layers_visible(user=user).filter(slug=slug).first()
    if layer is None:
        raise NotFound(_("No layer %(slug)s.") % {"slug": slug})
    return layer


def layer_stats(*, layer_ids: Iterable[int]) -> dict[int, LayerStats]:
    """Feature count, extent and geometry types per layer id, computed in PostGIS
    (layers/sql/catalogue_layer_stats.sql: ST_Extent over each layer's features)."""
    ids = list(layer_ids)
    if not ids:
        return {}
    rows = fetch_dicts(sql_file("layers", "catalogue_layer_stats"), {"layer_ids": ids})
    stats = {}
    for row in rows:
        bbox = None
        if row["west"] is not None:
            bbox = (row["west"], row["south"], row["east"], row["north"])
        stats[row["layer_id"]] = LayerStats(row["feature_count"], bbox, tuple(row["geometry_types"]))
    return stats
