#!/usr/bin/env bash
# System packages (apt-get, when missing), the .venv and the front-end build. Idempotent: a second run
# only checks. Usage: scripts/bootstrap.sh [--test]   (--test also brings what the test suite needs)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mode=${1:-}

# --- system packages: what is missing, checked by what it provides ---------------------------------
missing=()
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
compgen -G "/usr/share/postgresql/*/extension/postgis.control" >/dev/null \
  && compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql postgresql-postgis)
has_lib 'libgdal\.so' && has_lib 'libgeos_c\.so' || missing+=(libgdal-dev)
command -v ogrinfo >/dev/null || missing+=(gdal-bin)
command -v python3 >/dev/null && python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3 python3-venv)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v curl >/dev/null || missing+=(curl)
command -v msgfmt >/dev/null || missing+=(gettext)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ "$mode" = --test ]; then
  command -v docker-compose >/dev/null || true   # optional: the compose test skips without it
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)   # certificate PDFs → PNG in the tests
  # The browser tests (tests/web) drive Debian's Chromium through Playwright; no browser is downloaded.
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
if [ ${#missing[@]} -gt 0 ]; then
  # libgdal-dev is only a way to name "the GDAL + GEOS runtime"; the runtime packages are enough.
  pkgs=$(printf '%s\n' "${missing[@]}" | sed 's/^libgdal-dev$/gdal-bin/' | sort -u | tr '\n' ' ')
  if ! is_root; then
    die "missing system packages. Run as root, then again:  sudo apt-get install -y $pkgs"
  fi
  say "installing system packages: $pkgs"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
fi

# --- Python: .venv with the pinned dependencies ------------------------------------------------------
stamp=$VENV/.installed-$(cat "$ROOT/pyproject.toml" | sha1sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
  say "creating .venv with the pinned dependencies (first run only)"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check --upgrade pip
  "$VENV/bin/pip" install -q --disable-pip-version-check -e "$ROOT[test]"
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi

# --- translations (Russian first): compiled from locale/*.po, never committed ----------------------
mkdir -p "$VAR/static" "$VAR/media"
(cd "$ROOT" && "$VENV/bin/python" manage.py compilemessages -v0 --ignore=.venv --ignore=frontend)

# --- front end ---------------------------------------------------------------------------------------
if [ -f "$ROOT/frontend/package.json" ]; then
  fstamp=$ROOT/frontend/node_modules/.installed-$(cat "$ROOT/frontend/package-lock.json" | sha1sum | cut -c1-12)
  if [ ! -f "$fstamp" ]; then
    say "installing front-end packages (npm ci)"
    (cd "$ROOT/frontend" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$fstamp"
  fi
  # The bundle, plus the basemap's glyphs (fontnik from fonts-dejavu-core, kept between builds while the
  # fonts are the same) and sprites, into frontend/dist/basemap: served at /fonts/ and /sprites/.
  say "building the front end and the basemap's glyphs and sprites"
  (cd "$ROOT/frontend" && npm run --silent build)
fi
