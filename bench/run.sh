#!/usr/bin/env bash
# The whole bench in one command:   bash bench/run.sh
# Builds the bench database if needed (bench/setup.sh), starts the geoportal under gunicorn and the peers
# (tipg, pygeoapi) on loopback, runs bench/measure.py, and stops every server it started on the way out.
# Results: bench/results/<date>.json and Markdown tables on stdout. Settings (environment):
#   BENCH_RUNS=15            timed runs of each sequential measurement (median, p95)
#   BENCH_EXPORT_RUNS=5      runs of the full export and of its raw COPY
#   BENCH_PARTS=pages,export,create,paging,tiles,basemap
#   BENCH_CONCURRENT_SECONDS=20   each 4-client wrk run;  BENCH_LOAD_SECONDS=60, BENCH_LOAD_CONNECTIONS=8
#   BENCH_WORKERS=4          gunicorn workers;  TIPG_WORKERS=2, PYGEOAPI_WORKERS=4
#   BENCH_THREADS=1          threads per gunicorn worker: 1 = sync workers, more = gthread (as docker-compose)
#   BENCH_PEERS=1            0: no tipg / pygeoapi
#   BENCH_PORT=18765, BENCH_TIPG_PORT=18766, BENCH_PYGEOAPI_PORT=18767
#   BENCH_DB=geoportal_bench, BENCH_APPEALS=1000000, GEOPORTAL_PG_PORT=5433
#   BENCH_CELERY_BROKER=redis://127.0.0.1:6379/15   as in production (docker-compose.yml): the e-mails of
#                            appeal events wait in their outbox (AppealEvent.notified_at) and a Celery
#                            worker (2 processes) with beat sweeps it every 3 s, on the same cores; empty,
#                            or no Redis answering: e-mails inline
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
say() { printf '[bench] %s\n' "$*" >&2; }
PG_PORT=${GEOPORTAL_PG_PORT:-5433}
BENCH_DB=${BENCH_DB:-geoportal_bench}
PORT=${BENCH_PORT:-18765}
TIPG_PORT=${BENCH_TIPG_PORT:-18766}
PYGEOAPI_PORT=${BENCH_PYGEOAPI_PORT:-18767}
WORKERS=${BENCH_WORKERS:-4}
THREADS=${BENCH_THREADS:-1}
WORKER_ARGS=(--workers "$WORKERS")
[ "$THREADS" -gt 1 ] && WORKER_ARGS+=(--worker-class gthread --threads "$THREADS")
LOGS=$ROOT/var/bench
mkdir -p "$LOGS" bench/results

[ -x .venv/bin/python ] || { say "no .venv: run 'make demo' or 'make test' once first"; exit 1; }
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q wrk >/dev/null; else
    say "wrk is missing: sudo apt-get install -y wrk"; exit 1; fi
fi

bash bench/setup.sh
DATABASE_URL=postgis://postgres@127.0.0.1:$PG_PORT/$BENCH_DB
PG_URL=postgresql://postgres@127.0.0.1:$PG_PORT/$BENCH_DB

STARTED=()
stop_all() {
  local pid i
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do  # gunicorn and uvicorn stop their workers first: wait up to 15 s
    for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$PORT" && { say "port $PORT is taken (BENCH_PORT)"; exit 1; }
BROKER=${BENCH_CELERY_BROKER-redis://127.0.0.1:6379/15}
if [ -n "$BROKER" ] && ! .venv/bin/python -c "import redis, sys; redis.Redis.from_url(sys.argv[1]).ping()" \
  "$BROKER" 2>/dev/null; then
  say "no Redis at $BROKER: e-mails of appeal events are sent inline"; BROKER=
fi
export GEOPORTAL_CELERY_BROKER_URL=$BROKER
if [ -n "$BROKER" ]; then
  say "celery worker (2 processes) with beat (the e-mail outbox sweep), broker $BROKER (queue emptied first)"
  DJANGO_SETTINGS_MODULE=bench_settings PYTHONPATH="$ROOT:$ROOT/bench" DATABASE_URL=$DATABASE_URL \
    .venv/bin/celery -A geoportal purge -f >/dev/null
  DATABASE_URL=$DATABASE_URL DJANGO_SETTINGS_MODULE=bench_settings GEOPORTAL_DEBUG=0 PYTHONPATH="$ROOT:$ROOT/bench" \
    .venv/bin/celery -A geoportal worker --concurrency 2 --loglevel warning --without-gossip --without-mingle \
    --beat --schedule "$LOGS/celerybeat-schedule" >"$LOGS/celery.log" 2>&1 </dev/null &
  STARTED+=("$!")
fi
say "geoportal: gunicorn, $WORKERS workers × $THREADS threads, http://127.0.0.1:$PORT"
# --timeout 600: a sync worker streaming the 500 MB export does not report to the master meanwhile.
DATABASE_URL=$DATABASE_URL DJANGO_SETTINGS_MODULE=bench_settings GEOPORTAL_DEBUG=0 \
  .venv/bin/gunicorn geoportal.wsgi:application --pythonpath "$ROOT,$ROOT/bench" \
  --bind "127.0.0.1:$PORT" "${WORKER_ARGS[@]}" --timeout 600 --no-control-socket \
  --log-level warning >"$LOGS/gunicorn.log" 2>&1 </dev/null &
GUNICORN=$!
STARTED+=("$GUNICORN")
for ((i = 0; i < 120; i++)); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz" || true)" = 200 ] && break
  kill -0 "$GUNICORN" 2>/dev/null || { say "gunicorn exited:"; tail -20 "$LOGS/gunicorn.log" >&2; exit 1; }
  sleep 0.5
done

PEER_ARGS=()
if [ "${BENCH_PEERS:-1}" = 1 ]; then
  say "peers: tipg on $TIPG_PORT, pygeoapi on $PYGEOAPI_PORT (own venvs under var/bench-peers)"
  pid=$(bash bench/peers/tipg.sh "$PG_URL" bench_appeals "$TIPG_PORT") && STARTED+=("$pid") &&
    PEER_ARGS+=(--tipg "http://127.0.0.1:$TIPG_PORT") || say "tipg did not start: measured without it"
  pid=$(bash bench/peers/pygeoapi.sh "$PG_URL" bench_appeals "$PYGEOAPI_PORT") && STARTED+=("$pid") &&
    PEER_ARGS+=(--pygeoapi "http://127.0.0.1:$PYGEOAPI_PORT") || say "pygeoapi did not start: measured without it"
fi

# In the background and waited for, so that a TERM or Ctrl-C reaches the trap (and the servers) at once.
.venv/bin/python bench/measure.py --ours "http://127.0.0.1:$PORT" --database-url "$DATABASE_URL" \
  --gunicorn-pid "$GUNICORN" --gunicorn-workers "$WORKERS" "${PEER_ARGS[@]}" \
  --runs "${BENCH_RUNS:-15}" --export-runs "${BENCH_EXPORT_RUNS:-5}" \
  --parts "${BENCH_PARTS:-pages,export,create,paging,tiles,basemap}" \
  --concurrent-seconds "${BENCH_CONCURRENT_SECONDS:-20}" \
  --load-seconds "${BENCH_LOAD_SECONDS:-60}" --load-connections "${BENCH_LOAD_CONNECTIONS:-8}" &
MEASURE=$!
STARTED=("$MEASURE" "${STARTED[@]}")
wait "$MEASURE"
