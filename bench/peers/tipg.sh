#!/usr/bin/env bash
# tipg (OGC API Features + Tiles on FastAPI/asyncpg) on 127.0.0.1:PORT, serving one PostGIS table.
# usage: bench/peers/tipg.sh DATABASE_URL TABLE PORT  → prints the uvicorn PID (messages on stderr)
#   TABLE in schema public, with a primary key and a geometry column. env: TIPG_WORKERS (default 2).
# Items: /collections/public.TABLE/items?limit=N (at most 10,000)
# Tiles: /collections/public.TABLE/tiles/WebMercatorQuad/{z}/{x}/{y} (at most 10,000 features a tile)
set -euo pipefail
source "$(dirname "$0")/_lib.sh"
[ $# -eq 3 ] || { echo "usage: $0 DATABASE_URL TABLE PORT" >&2; exit 2; }
DBURL=${1/#postgis:/postgresql:} TABLE=$2 PORT=$3
venv_ensure tipg-venv "tipg==1.6.1" "uvicorn==0.54.0"
port_busy "$PORT" && { log "port $PORT is taken"; exit 1; }
# tipg reads ./.env: run it in a folder of its own so that no stray .env changes its settings.
RUN=$PEERS_HOME/run-tipg; mkdir -p "$RUN"; cd "$RUN"; : >.env
LOGF=$RUN/server.log
# TIPG_DB_FUNCTIONS='[]': otherwise every PostGIS function of the schema is listed as a collection.
DATABASE_URL=$DBURL TIPG_DB_SCHEMAS='["public"]' TIPG_DB_TABLES="[\"public.$TABLE\"]" TIPG_DB_FUNCTIONS='[]' \
  TIPG_MAX_FEATURES_PER_QUERY=10000 \
  nohup "$PEERS_HOME/tipg-venv/bin/uvicorn" tipg.main:app --host 127.0.0.1 --port "$PORT" \
  --workers "${TIPG_WORKERS:-2}" --no-access-log --log-level warning >"$LOGF" 2>&1 </dev/null &
PID=$!
wait_http "$PID" "http://127.0.0.1:$PORT/collections/public.$TABLE" "$LOGF" || { kill "$PID" 2>/dev/null; exit 1; }
log "ready on http://127.0.0.1:$PORT (log $LOGF)"
echo "$PID"
