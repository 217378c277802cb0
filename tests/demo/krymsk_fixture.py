"""A small real slice of Krymsk for the demo tests: the vendored PBF through the real `import osm`.

The municipal boundary (AdminArea municipality "krymsk"), about 1,700 buildings (Property kind=building
with address / street / housenumber) and every road (Asset kind=road): the houses of the planted clusters
(demo/clusters.py) and one in ten of the others, so districts spread over the whole town.
Source: OSM via NextGIS (ODbL), see demo/data/README.md.
"""

from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from demo.clusters import CLUSTERS
from geoportal.db import fetch_value
from layers.models import Asset, Property

PBF = settings.BASE_DIR / "demo" / "data" / "krymsk_nextgis_derived.osm.pbf"
EVERY_NTH = 10
CLUSTER_MARGIN_M = 150.0


@transaction.atomic
def load_krymsk(*, every_nth: int = EVERY_NTH) -> dict[str, int]:
    """Import the vendored town with `import osm`; keep one building in every_nth and those near clusters.

    The slice is chosen by a hash of the OSM id, not the row id: row ids depend on what ran before.
    """
    call_command("import", "osm", str(PBF), "--code", "krymsk", stdout=StringIO(), stderr=StringIO())
    if every_nth > 1:
        one = "ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, %s)"
        near = " OR ".join(one for _ in CLUSTERS)
        params = [v for c in CLUSTERS for v in (c.lon, c.lat, c.radius_m + CLUSTER_MARGIN_M)]
        fetch_value(
            "WITH gone AS (DELETE FROM layers_property WHERE kind = 'building'"
            f" AND abs(hashtext(source_id)) %% %s <> 0 AND NOT ({near})"
            " RETURNING 1) SELECT count(*) FROM gone",
            [every_nth, *params],
        )
    return {
        "buildings": Property.objects.filter(kind=Property.Kind.BUILDING).count(),
        "roads": Asset.objects.filter(kind=Asset.Kind.ROAD).count(),
    }
