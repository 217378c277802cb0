#!/usr/bin/env bash
# `make test`: the same set-up as the demo, then the whole suite (pytest-django) on a test database.
# Extra arguments go to pytest: `bash scripts/test.sh tests/layers -x`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/bootstrap.sh" --test
bash "$ROOT/scripts/db.sh" start geoportal
export DATABASE_URL=${DATABASE_URL:-postgis://postgres@127.0.0.1:$PG_PORT/geoportal}
export DJANGO_SETTINGS_MODULE=geoportal.settings
cd "$ROOT"
say "running the test suite"
set +e
"$VENV/bin/python" -m pytest "$@"
rc=$?
set -e
# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
[ $rc -eq 5 ] && die "pytest collected no tests"
exit $rc
