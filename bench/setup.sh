#!/usr/bin/env bash
# The bench database, built once and then left alone (each step does only what is missing):
# the private cluster's database $BENCH_DB (default geoportal_bench) with PostGIS, migrations, the demo
# town without its appeals (OSM import of demo/data, districts, departments, rubricator), N synthetic
# appeals (bench/make_appeals.py, default 1,000,000), VACUUM ANALYZE, and the peers' table bench_appeals.
# usage: bash bench/setup.sh     env: BENCH_DB, BENCH_APPEALS (N), GEOPORTAL_PG_PORT (5433)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PG_PORT=${GEOPORTAL_PG_PORT:-5433}
BENCH_DB=${BENCH_DB:-geoportal_bench}
N=${BENCH_APPEALS:-1000000}
say() { printf '[bench/setup] %s\n' "$*" >&2; }

# the private cluster (scripts/db.sh starts it if needed, creates the database and the extensions)
env -u DATABASE_URL bash scripts/db.sh start "$BENCH_DB"
export DATABASE_URL=postgis://postgres@127.0.0.1:$PG_PORT/$BENCH_DB
export DJANGO_SETTINGS_MODULE=geoportal.settings
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$BENCH_DB")

say "migrations"
.venv/bin/python manage.py migrate --no-input -v0
# the shared cache table (appeal tiles, tension answers), as docker-compose's release job makes it
.venv/bin/python manage.py createcachetable
# Once: demo_load is idempotent, but a second run is not needed (the bench's appeals come after it).
if [ "$("${PSQL[@]}" -c "SELECT count(*) FROM appeals_category")" = 0 ]; then
  say "demo town without appeals (manage.py demo_load --issues 0 --proposals 0)"
  .venv/bin/python manage.py demo_load --issues 0 --proposals 0
else
  say "demo town already there"
fi
say "$N appeals"
.venv/bin/python bench/make_appeals.py --n "$N"
# make_appeals writes with session_replication_role = replica, which also silences the tension rollup's
# triggers: rebuild the rollups whenever what they count differs from the appeals (~30 s on 1M).
counted=$("${PSQL[@]}" -c "SELECT (SELECT count(*) FROM appeals_appeal) = (SELECT coalesce(sum(n), 0) FROM tension_tensioncellstatus)
                                 AND (SELECT count(*) FROM appeals_appeal) = (SELECT coalesce(sum(n), 0) FROM tension_tensionpointcell)")
if [ "$counted" != t ]; then
  say "tension rollups rebuilt from the appeals (manage.py rebuild_tension)"
  .venv/bin/python manage.py rebuild_tension
fi
# … and the read model of public Features (appeals_appealfeature), for the same reason.
kept=$("${PSQL[@]}" -c "SELECT (SELECT count(*) FROM appeals_appealfeature) = (SELECT count(*) FROM appeals_appeal WHERE appeals_public(status))")
if [ "$kept" != t ]; then
  say "public Features rebuilt from the appeals (manage.py rebuild_appeal_features)"
  .venv/bin/python manage.py rebuild_appeal_features
fi
"${PSQL[@]}" -c "VACUUM ANALYZE appeals_appeal" -c "VACUUM ANALYZE appeals_appealfeature"
# Neighbours on the same heap pages (as production should keep them: docs/ARCHITECTURE.md), once.
clustered=$("${PSQL[@]}" -c "SELECT count(*) FROM pg_index WHERE indrelid = 'appeals_appeal'::regclass AND indisclustered")
if [ "$clustered" = 0 ]; then
  say "appeals stored in the order of their GiST index (manage.py cluster_appeals)"
  .venv/bin/python manage.py cluster_appeals
fi

HIDDEN=$(.venv/bin/python -c "
import django; django.setup()
from appeals.workflow import HIDDEN_STATUSES
print('{' + ','.join(sorted(HIDDEN_STATUSES)) + '}')")
public=$("${PSQL[@]}" -c "SELECT count(*) FROM appeals_appeal WHERE status <> ALL ('$HIDDEN'::text[])")
peers=$("${PSQL[@]}" -c "SELECT count(*) FROM bench_appeals" 2>/dev/null || echo 0)
if [ "$public" != "$peers" ]; then
  say "bench_appeals: the $public public appeals for the peers"
  "${PSQL[@]}" -v hidden="$HIDDEN" -f bench/sql/bench_appeals.sql
else
  say "bench_appeals already holds the $public public appeals"
fi
