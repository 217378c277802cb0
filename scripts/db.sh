#!/usr/bin/env bash
# The private PostGIS cluster under ./var/pg on 127.0.0.1:$GEOPORTAL_PG_PORT (default 5433).
# Usage: scripts/db.sh start DBNAME | stop | status.  With DATABASE_URL set, `start` does nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PGDATA=$VAR/pg
SOCK=$VAR/pgsock
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

as_pg() {  # initdb and postgres refuse root: run them as the postgres user
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_traversable() {  # the postgres user must reach ./var through every parent folder
  is_root || return 0
  local d=$VAR
  while [ "$d" != / ]; do
    if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
      say "granting the postgres user passage (o+x) through $d"
      chmod o+x "$d"
    fi
    d=$(dirname "$d")
  done
}

start() {
  local dbname=$1
  [ -n "${DATABASE_URL:-}" ] && { say "DATABASE_URL is set: using that server, no private cluster"; return 0; }
  [ -n "$PGBIN" ] || die "PostgreSQL binaries not found under /usr/lib/postgresql; run scripts/bootstrap.sh"
  mkdir -p "$VAR" "$SOCK" "$VAR/pglog"
  is_root && chown postgres:postgres "$SOCK" "$VAR/pglog"
  ensure_traversable
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    say "creating the private PostGIS cluster in var/pg (port $PG_PORT)"
    mkdir -p "$PGDATA"
    is_root && chown postgres:postgres "$PGDATA"
    chmod 700 "$PGDATA"
    as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$VAR/initdb.log" \
      || die "initdb failed, see var/initdb.log"
    cat >>"$PGDATA/postgresql.conf" <<CONF
# geoportal private cluster: loopback only, socket in var/pgsock
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$SOCK'
synchronous_commit = off
shared_buffers = 512MB
work_mem = 32MB
maintenance_work_mem = 256MB
max_connections = 200
CONF
  fi
  if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null \
      && die "port $PG_PORT is taken by another server: stop it, or set GEOPORTAL_PG_PORT or DATABASE_URL"
    say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$VAR/pglog/postgresql.log" -w -t 60 start >/dev/null \
      || die "PostgreSQL did not start, see var/pglog/postgresql.log"
  fi
  local psql=("$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres)
  if [ -z "$("${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$dbname'")" ]; then
    "${psql[@]}" -d postgres -c "CREATE DATABASE \"$dbname\""
  fi
  "${psql[@]}" -d "$dbname" -c "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm" \
    2>&1 | grep -v NOTICE || true
}

stop() {
  if [ -n "$PGBIN" ] && [ -f "$PGDATA/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    say "stopping PostgreSQL"
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  fi
}

case "${1:-}" in
  start) start "${2:-geoportal}" ;;
  stop) stop ;;
  status) as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status ;;
  *) die "usage: scripts/db.sh start DBNAME | stop | status" ;;
esac
