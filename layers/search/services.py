"""The one writer of the gazetteer: `gazetteer_rebuild`."""

from collections import Counter

from django.db import connection, transaction

from geoportal.db import fetch_dicts, fetch_rows, fetch_value, sql_file
from layers.search import entries
from layers.search.normalize import street_key

COPY_SQL = f"COPY gazetteer_stage ({', '.join(entries.COLUMNS)}) FROM STDIN"


@transaction.atomic
def gazetteer_rebuild() -> dict[str, int]:
    """Replace every GazetteerEntry with entries built from Property, Asset (roads and named assets) and
    Layer, in one transaction (searches see the old entries until it commits). Returns the count per kind.

    Importers call this at the end of an import; `manage.py gazetteer_rebuild` runs it by hand.
    Concurrent rebuilds wait for each other (an advisory lock).
    """
    fetch_value(sql_file("layers", "gazetteer_lock"))
    property_entries, addresses = entries.property_entries(
        fetch_dicts(sql_file("layers", "gazetteer_properties"))
    )
    built = [
        *property_entries,
        *entries.asset_entries(fetch_dicts(sql_file("layers", "gazetteer_assets"))),
        *entries.layer_entries(fetch_dicts(sql_file("layers", "gazetteer_layers"))),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql_file("layers", "gazetteer_stage_drop"))
        cursor.execute(sql_file("layers", "gazetteer_stage_create"))
        _copy(cursor, built)
        streets = list(entries.street_entries(_street_rows(addresses)))
        _copy(cursor, streets)
        cursor.execute(sql_file("layers", "gazetteer_clear"))
        cursor.execute(sql_file("layers", "gazetteer_insert"))
        cursor.execute(sql_file("layers", "gazetteer_stage_drop"))
        cursor.execute(sql_file("layers", "gazetteer_analyze"))
    counts = Counter(entry.kind for entry in [*built, *streets])
    return {kind: counts.get(kind, 0) for kind in ("address", "street", "cadastral", "asset", "layer")}


def _copy(cursor, rows: list[entries.Entry]) -> None:
    """COPY entries into gazetteer_stage. Not parameters: Django's psycopg cursor quotes list parameters
    in Python, which for 15 columns × ~15,000 rows costs seconds; COPY streams them."""
    with cursor.cursor.copy(COPY_SQL) as copy:
        for entry in rows:
            copy.write_row([getattr(entry, name) for name in entries.COLUMNS])


def _street_rows(addresses: list[entries.PropertyAddress]) -> list[dict]:
    """One row per street key (gazetteer_streets.sql), from the roads and the staged addresses."""
    road_names = [row[0] for row in fetch_rows(sql_file("layers", "gazetteer_road_names"))]
    names = entries.street_names(addresses)
    return fetch_dicts(
        sql_file("layers", "gazetteer_streets"),
        {
            "road_names": road_names,
            "road_keys": [street_key(name) for name in road_names],
            "keys": list(names),
            "names": list(names.values()),
        },
    )
