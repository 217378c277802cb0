# syntax=docker/dockerfile:1
# The production image of Geoportal. web (gunicorn), worker and beat (Celery) and the release job
# (migrate + collectstatic) all run it; see docker-compose.yml. Build context: the repository root.

# --- front end: the MapLibre app and the OpenLayers build of the admin map -> /src/frontend/dist --------
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend/ ./
RUN npm run --silent build

# --- runtime ----------------------------------------------------------------------------------------------
FROM python:3.11-slim-bookworm
# libgdal32 brings GEOS and PROJ as well: the runtime libraries GeoDjango loads (no -dev packages needed).
# curl is for the healthcheck.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgdal32 gdal-bin curl \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=geoportal.settings \
    PYTHONPATH=/app
WORKDIR /app

# The pinned dependencies first, in their own layer, so that a code change does not reinstall them.
# Only pyproject.toml is here yet, so this installs the dependencies and no package of ours: the code runs
# from /app (PYTHONPATH), where settings.BASE_DIR finds frontend/dist, the templates and the sql/ files.
COPY pyproject.toml README.md ./
RUN pip install .

COPY manage.py ./
COPY geoportal/ geoportal/
COPY layers/ layers/
COPY appeals/ appeals/
COPY tension/ tension/
COPY importers/ importers/
COPY demo/ demo/
COPY --from=frontend /src/frontend/dist frontend/dist

# The code stays root-owned and read-only to the app; only var/ (static, media, import rejects) is writable.
RUN useradd --system --uid 1000 --home-dir /app --shell /usr/sbin/nologin geoportal \
 && mkdir -p var/static var/media var/imports \
 && chown -R geoportal:geoportal var \
 && python -m compileall -q geoportal layers appeals tension importers demo
USER geoportal

EXPOSE 8000
CMD ["gunicorn", "geoportal.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
