#!/usr/bin/env bash
# pygeoapi (OGC API Features on Flask, PostgreSQL provider through SQLAlchemy/psycopg2) under gunicorn
# on 127.0.0.1:PORT, serving one PostGIS table.
# usage: bench/peers/pygeoapi.sh DATABASE_URL TABLE PORT  → prints the gunicorn master PID
#   env: PYGEOAPI_WORKERS (sync workers, default 4). Items: /collections/TABLE/items?limit=N&f=json
set -euo pipefail
source "$(dirname "$0")/_lib.sh"
[ $# -eq 3 ] || { echo "usage: $0 DATABASE_URL TABLE PORT" >&2; exit 2; }
DBURL=$1 TABLE=$2 PORT=$3
# the PostgreSQL provider needs geoalchemy2 and psycopg2 beside pygeoapi
venv_ensure pygeoapi-venv "pygeoapi==0.21.0" "geoalchemy2==0.20.0" "psycopg2-binary==2.9.13" "gunicorn==27.0.1"
port_busy "$PORT" && { log "port $PORT is taken"; exit 1; }
RUN=$PEERS_HOME/run-pygeoapi; mkdir -p "$RUN"
LOGF=$RUN/server.log
"$PEERS_HOME/pygeoapi-venv/bin/python" "$(dirname "$0")/pygeoapi_config.py" "$DBURL" "$TABLE" "$PORT" \
  >"$RUN/config.yml"
export PYGEOAPI_CONFIG=$RUN/config.yml PYGEOAPI_OPENAPI=$RUN/openapi.yml
"$PEERS_HOME/pygeoapi-venv/bin/pygeoapi" openapi generate "$PYGEOAPI_CONFIG" --output-file "$PYGEOAPI_OPENAPI" \
  >"$LOGF" 2>&1 || { log "openapi generate failed:"; tail -5 "$LOGF" >&2; exit 1; }
cd "$RUN"
# --no-control-socket: gunicorn 27 otherwise opens a control socket, which fails when run as root here.
nohup "$PEERS_HOME/pygeoapi-venv/bin/gunicorn" -w "${PYGEOAPI_WORKERS:-4}" -b "127.0.0.1:$PORT" \
  --no-control-socket pygeoapi.flask_app:APP >>"$LOGF" 2>&1 </dev/null &
PID=$!
wait_http "$PID" "http://127.0.0.1:$PORT/collections/$TABLE?f=json" "$LOGF" || { kill "$PID" 2>/dev/null; exit 1; }
log "ready on http://127.0.0.1:$PORT (log $LOGF)"
echo "$PID"
