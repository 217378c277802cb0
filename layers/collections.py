"""The collections the geoportal publishes (OGC API Features, vector tiles, exports): one contract and a
registry. A new collection is one entry here; dynamic ones come from the Layer catalogue.

A collection names its model, the public properties (name → ORM path), the geometry type, the temporal
field, and the filter that keeps non-public rows out. Contact data is never a property of any collection.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from appeals.models import Appeal
from appeals.workflow import HIDDEN_STATUSES, AppealKind
from geoportal.errors import NotFound
from geoportal.roles import can_see_internal
from layers.models import Access, AdminArea, Asset, Feature, Layer, Property


@dataclass(frozen=True)
class Collection:
    id: str
    title: str
    description: str
    model: type
    geometry_type: str  # GeoJSON type of every row: Point, LineString, MultiPolygon… or Geometry (mixed)
    properties: dict[str, str]  # public property name → ORM path (double underscores cross relations)
    datetime_field: str | None = None  # ORM path of the temporal extent, if any
    base_filter: Q = field(default_factory=Q)
    access: str = Access.PUBLIC
    min_zoom: int = 0  # lowest zoom at which tiles carry every feature (no cap, no drop)
    layer_id: int | None = None  # for Layer collections: the Layer row
    json_properties: str | None = None  # ORM path of a jsonb column merged into the properties
    # The appeals kind whose CRS84 Features appeals_appealfeature keeps ready (its `ogc` text): an unfiltered
    # items page is read from there instead of being built from the rows (layers.ogc.selectors).
    kept_kind: str | None = None

    def queryset(self) -> QuerySet:
        """Every public row of the collection, unfiltered otherwise."""
        return self.model.objects.filter(self.base_filter)


_APPEAL_PROPERTIES = {
    "kind": "kind",
    "category": "category__code",
    "category_name": "category__name_ru",
    "status": "status",
    "address": "address",
    "text": "text",
    "area_id": "area_id",
    "department_id": "department_id",
    "supports_count": "supports_count",
    "created_at": "created_at",
    "due_at": "due_at",
    "answered_at": "answered_at",
}
_PUBLIC_APPEAL = ~Q(status__in=HIDDEN_STATUSES)

STATIC: list[Collection] = [
    Collection(
        id="appeals",
        title=_("Appeals"),
        description=_("Residents' appeals about problems (public fields only)."),
        model=Appeal,
        geometry_type="Point",
        properties=_APPEAL_PROPERTIES,
        datetime_field="created_at",
        base_filter=_PUBLIC_APPEAL & Q(kind=AppealKind.ISSUE),
        kept_kind=AppealKind.ISSUE.value,
        # Tiles carry every appeal as a point from z14 (≈1.7 km tiles); below, H3 hexagons with counts by
        # status (tension.tiles.appeal_hexagons_tile), so every appeal is counted at every zoom.
        min_zoom=14,
    ),
    Collection(
        id="proposals",
        title=_("Proposals"),
        description=_("Residents' improvement proposals (public fields only)."),
        model=Appeal,
        geometry_type="Point",
        properties=_APPEAL_PROPERTIES,
        datetime_field="created_at",
        base_filter=_PUBLIC_APPEAL & Q(kind=AppealKind.PROPOSAL),
        kept_kind=AppealKind.PROPOSAL.value,
        min_zoom=14,  # as the appeals: hexagons with counts below, counted points to z15, points from z16
    ),
    Collection(
        id="properties",
        title=_("Properties"),
        description=_("Real estate: land parcels and buildings."),
        model=Property,
        geometry_type="MultiPolygon",
        properties={
            "kind": "kind",
            "cadastral_number": "cadastral_number",
            "address": "address",
            "ownership": "ownership",
            "use": "use",
            "levels": "levels",
            "area_m2": "area_m2",
            "updated_at": "updated_at",
        },
        datetime_field="updated_at",
        min_zoom=13,
    ),
    Collection(
        id="assets",
        title=_("Assets"),
        description=_("Infrastructure: roads, networks, streetlights, playgrounds…"),
        model=Asset,
        geometry_type="Geometry",
        properties={
            "kind": "kind",
            "name": "name",
            "condition": "condition",
            "department_id": "department_id",
            "updated_at": "updated_at",
        },
        datetime_field="updated_at",
        min_zoom=10,
    ),
    Collection(
        id="areas",
        title=_("Areas"),
        description=_("The municipality, its districts and ТОС."),
        model=AdminArea,
        geometry_type="MultiPolygon",
        properties={
            "kind": "kind",
            "name": "name",
            "code": "code",
            "population": "population",
            "parent_id": "parent_id",
        },
        base_filter=Q(kind__in=[AdminArea.Kind.MUNICIPALITY, AdminArea.Kind.DISTRICT, AdminArea.Kind.TOS]),
        min_zoom=0,
    ),
]


def _layer_collection(layer: Layer) -> Collection:
    return Collection(
        id=layer.slug,
        title=layer.title,
        description=layer.description,
        model=Feature,
        geometry_type="Geometry",
        properties={},
        json_properties="properties",
        base_filter=Q(layer_id=layer.pk),
        access=layer.access,
        min_zoom=0,
        layer_id=layer.pk,
    )


def collections_for(user) -> Iterator[Collection]:
    """Every collection `user` may read: the static ones, then public Layers (and internal ones for staff)."""
    yield from STATIC
    # A Layer whose slug is a static id would be shadowed by it in collection_get: it is not listed either.
    layers = Layer.objects.exclude(slug__in=[c.id for c in STATIC]).order_by("slug")
    if not can_see_internal(user):
        layers = layers.filter(access=Access.PUBLIC)
    for layer in layers:
        yield _layer_collection(layer)


def collection_get(collection_id: str, user) -> Collection:
    """One collection by id; NotFound when it does not exist or `user` may not see it (no existence leak)."""
    for c in STATIC:
        if c.id == collection_id:
            return c
    layer = Layer.objects.filter(slug=collection_id).first()
    if layer is None or (layer.access != Access.PUBLIC and not can_see_internal(user)):
        raise NotFound(_("Unknown collection: %(id)s") % {"id": collection_id})
    return _layer_collection(layer)
