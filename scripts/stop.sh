#!/usr/bin/env bash
# `make stop`: the demo server (if running) and the private PostgreSQL cluster.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ -f "$VAR/gunicorn.pid" ] && kill -0 "$(cat "$VAR/gunicorn.pid")" 2>/dev/null; then
  say "stopping the demo server"
  kill "$(cat "$VAR/gunicorn.pid")"
fi
bash "$ROOT/scripts/db.sh" stop
