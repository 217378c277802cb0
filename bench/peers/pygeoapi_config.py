"""Writes a pygeoapi config (YAML; JSON is valid YAML) that serves one PostGIS table, to stdout.

usage: pygeoapi_config.py DATABASE_URL TABLE PORT   (run with the pygeoapi venv's python: needs psycopg2)
The geometry column and the primary key are read from the database; the page limit is 10,000.
"""

import json
import sys
import urllib.parse

import psycopg2


def main(url: str, table: str, port: str) -> None:
    u = urllib.parse.urlsplit(url)
    db = {
        "host": u.hostname or "127.0.0.1",
        "port": u.port or 5432,
        "dbname": u.path.lstrip("/"),
        "user": urllib.parse.unquote(u.username or "postgres"),
        "password": urllib.parse.unquote(u.password or ""),
    }
    with psycopg2.connect(**db) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT f_geometry_column FROM geometry_columns "
            "WHERE f_table_schema = 'public' AND f_table_name = %s",
            (table,),
        )
        row = cur.fetchone()
        if row is None:
            sys.exit(f"public.{table} has no geometry column")
        cur.execute(
            """SELECT a.attname FROM pg_index i
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
               WHERE i.indrelid = %s::regclass AND i.indisprimary""",
            (f"public.{table}",),
        )
        pk = [r[0] for r in cur.fetchall()]
    if len(pk) != 1:
        sys.exit(f"public.{table} needs a one-column primary key, has {pk}")
    base = f"http://127.0.0.1:{port}"
    config = {
        "server": {
            "bind": {"host": "127.0.0.1", "port": int(port)},
            "url": base,
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "languages": ["en-US"],
            "limits": {"default_items": 10, "max_items": 10000, "on_exceed": "throttle"},
            "map": {"url": f"{base}/none/{{z}}/{{x}}/{{y}}.png", "attribution": "none"},
        },
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {
                "title": "bench peer",
                "description": "bench peer",
                "keywords": ["bench"],
                "keywords_type": "theme",
                "terms_of_service": "none",
                "url": base,
            },
            "license": {"name": "CC-BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
            "provider": {"name": "bench", "url": base},
            "contact": {"name": "bench"},
        },
        "resources": {
            table: {
                "type": "collection",
                "title": table,
                "description": f"public.{table}",
                "keywords": ["bench"],
                "links": [],
                "extents": {
                    "spatial": {
                        "bbox": [-180, -90, 180, 90],
                        "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                    }
                },
                "providers": [
                    {
                        "type": "feature",
                        "name": "PostgreSQL",
                        "data": {**db, "search_path": ["public"]},
                        "id_field": pk[0],
                        "table": table,
                        "geom_field": row[0],
                    }
                ],
            }
        },
    }
    json.dump(config, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
