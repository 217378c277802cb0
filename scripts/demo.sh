#!/usr/bin/env bash
# `make demo`: system packages, .venv, private PostGIS, migrations, the demo town (once), front end, server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
t0=$SECONDS
bash "$ROOT/scripts/bootstrap.sh"
bash "$ROOT/scripts/db.sh" start geoportal
export DATABASE_URL=${DATABASE_URL:-postgis://postgres@127.0.0.1:$PG_PORT/geoportal}
export DJANGO_SETTINGS_MODULE=geoportal.settings
cd "$ROOT"
say "applying migrations"
"$VENV/bin/python" manage.py migrate --no-input -v0
"$VENV/bin/python" manage.py createcachetable
say "loading the demo town (skipped where it is already there)"
"$VENV/bin/python" manage.py demo_load
say "ready in $((SECONDS - t0)) s — serving http://127.0.0.1:8000 (admin: /admin/, Ctrl-C or 'make stop' to stop)"
mkdir -p "$VAR"
exec "$VENV/bin/gunicorn" geoportal.wsgi:application --bind 127.0.0.1:8000 --workers 3 \
  --pid "$VAR/gunicorn.pid" --access-logfile - --no-control-socket
