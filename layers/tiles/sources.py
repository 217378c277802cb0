"""Which SQL file renders the tiles of each collection, with its bound parameters and the fields it writes.

One entry per static collection of layers/collections.py (a test checks that none is missing); every Layer
collection uses `tiles_features.sql`. `fields` is what TileJSON's vector_layers and OGC's tileset metadata
advertise: property name → type (String, Number, Boolean), exactly the properties the SQL writes.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from appeals.workflow import HIDDEN_STATUSES, AppealKind
from layers.collections import Collection
from layers.selectors import PUBLIC_AREA_KINDS

OSM_ATTRIBUTION = "© OpenStreetMap contributors"

_APPEAL_FIELDS = {
    "status": "String",
    "category": "String",
    "category_name": "String",
    "supports_count": "Number",
    "created_on": "String",  # YYYY-MM-DD, the local date in the municipality's time zone
}

# The properties of the hexagons drawn below an appeals collection's min_zoom
# (tension/sql/appeal_hexagons_tile.sql).
HEXAGON_FIELDS = {
    "h3": "String",
    "res": "Number",
    "count": "Number",
    "open": "Number",
    "answered": "Number",
    "closed": "Number",
    "overdue": "Number",
}

# The counted points of dense res-12 cells at z14–15 (tension/sql/appeal_points_tile.sql).
CELL_POINT_FIELDS = {
    "count": "Number",
    "open": "Number",
    "answered": "Number",
    "closed": "Number",
    "aggregate": "Boolean",
}


@dataclass(frozen=True)
class TileSource:
    sql: str  # layers/sql/<sql>.sql
    fields: Mapping[str, str]
    points: bool = False  # a point layer: no buffer, so each feature is in one tile
    hexagons: bool = False  # below the collection's min_zoom: H3 hexagons with counts (tension.tiles)
    attribution: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    def query_params(self, collection: Collection) -> dict[str, Any]:
        """The SQL parameters beyond (z, x, y): the MVT layer name and the source's own."""
        params = {"name": collection.id, **self.params}
        if self.sql == "tiles_appeals":
            params["tz"] = settings.TIME_ZONE
        return params


STATIC: dict[str, TileSource] = {
    "appeals": TileSource(
        "tiles_appeals",
        _APPEAL_FIELDS,
        points=True,
        hexagons=True,
        params={"kind": AppealKind.ISSUE.value, "hidden": sorted(HIDDEN_STATUSES)},
    ),
    "proposals": TileSource(
        "tiles_appeals",
        _APPEAL_FIELDS,
        points=True,
        hexagons=True,
        params={"kind": AppealKind.PROPOSAL.value, "hidden": sorted(HIDDEN_STATUSES)},
    ),
    "properties": TileSource(
        "tiles_properties",
        {
            "kind": "String",
            "cadastral_number": "String",
            "address": "String",
            "ownership": "String",
            "use": "String",
            "levels": "Number",
            "area_m2": "Number",
        },
        attribution=OSM_ATTRIBUTION,
    ),
    "assets": TileSource(
        "tiles_assets",
        {"kind": "String", "name": "String", "condition": "String", "department_id": "Number"},
        attribution=OSM_ATTRIBUTION,
    ),
    "areas": TileSource(
        "tiles_areas",
        {"kind": "String", "name": "String", "code": "String", "population": "Number", "parent_id": "Number"},
        attribution=OSM_ATTRIBUTION,
        params={"kinds": list(PUBLIC_AREA_KINDS)},
    ),
}


def tile_source(collection: Collection, *, layer_fields: Mapping[str, str] | None = None) -> TileSource:
    """The tile source of `collection`. Layer collections take their fields from the data (`layer_fields`)
    and their attribution from the Layer's licence. KeyError for a static collection without an entry."""
    if collection.layer_id is None:
        return STATIC[collection.id]
    return TileSource(
        "tiles_features",
        dict(layer_fields or {}),
        params={"layer_id": collection.layer_id},
    )
