"""Settings, all from the environment (DATABASE_URL, GEOPORTAL_*). Nothing here reads the database."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("GEOPORTAL_DEBUG", False)
# The fallback key is for the demo and tests only; production sets GEOPORTAL_SECRET_KEY.
SECRET_KEY = env("GEOPORTAL_SECRET_KEY", "insecure-demo-key-set-GEOPORTAL_SECRET_KEY-in-production")
ALLOWED_HOSTS = env_list("GEOPORTAL_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("GEOPORTAL_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "rest_framework",
    "rest_framework.authtoken",
    "rest_framework_gis",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "geoportal",
    "layers",
    "appeals",
    "tension",
    "importers",
    "accounts",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "geoportal.errors.DomainErrorMiddleware",
]

ROOT_URLCONF = "geoportal.urls"
WSGI_APPLICATION = "geoportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "geoportal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "postgis://postgres@127.0.0.1:5433/geoportal"),
        engine="django.contrib.gis.db.backends.postgis",
        conn_max_age=int(env("GEOPORTAL_DB_CONN_MAX_AGE", "60")),
    )
}
# Every connection plans for many short queries at once (docs/ARCHITECTURE.md, "Performance decisions"):
# no JIT (compiling a query whose estimate passed jit_above_cost took 70–80 ms for 15 ms of work) and no
# parallel workers (started per query, they cost more than they save with several clients on two cores;
# a one-time-filtered branch that never runs still started two). Sent at connection start-up, no round
# trip; a DATABASE_URL's own ?options= come after these, so they win (PgBouncer: see ARCHITECTURE).
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
_db_options["options"] = " ".join(
    filter(None, ["-c jit=off -c max_parallel_workers_per_gather=0", _db_options.get("options")])
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lifetime of the links in sign-up confirmation and password-reset e-mails, seconds (default 3 days).
PASSWORD_RESET_TIMEOUT = int(env("GEOPORTAL_ACCOUNT_LINK_MAX_AGE", str(3 * 24 * 3600)))
# Base of the links in e-mails. Configured, never taken from the request's Host header, so a forged Host
# cannot send a password-reset link to another site.
PUBLIC_BASE_URL = env("GEOPORTAL_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

# Russian first: the default language is Russian, English is the one alternative.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env("GEOPORTAL_TIME_ZONE", "Europe/Moscow")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# The front-end build (frontend/dist) is served as static files by Django itself (whitenoise).
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [("app", FRONTEND_DIST)] if FRONTEND_DIST.is_dir() else []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("GEOPORTAL_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env("GEOPORTAL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("GEOPORTAL_FROM_EMAIL", "geoportal@localhost")

REST_FRAMEWORK = {
    # Session first: an anonymous request refused by a permission gets 403 (as before tokens existed);
    # API clients send `Authorization: Token <key>` (POST /api/v1/auth/token).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "EXCEPTION_HANDLER": "geoportal.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Scoped throttles only (no global one): "auth" guards sign-up, sign-in, tokens and password resets
    # per client IP against password guessing and mail bombing.
    "DEFAULT_THROTTLE_RATES": {"auth": env("GEOPORTAL_AUTH_RATE", "30/min")},
    # Reverse proxies in front of Django. 0 = the client IP is REMOTE_ADDR and X-Forwarded-For is ignored
    # (DRF's default, None, would believe any X-Forwarded-For a client sends and so void every throttle).
    "NUM_PROXIES": int(env("GEOPORTAL_NUM_PROXIES", "0")),
}

# OpenAPI 3 at /api/schema/, Swagger UI at /api/docs/; every asset from drf-spectacular-sidecar, so the
# docs work with no outside host.
SPECTACULAR_SETTINGS = {
    "TITLE": "Geoportal API",
    "DESCRIPTION": "Appeals of residents, reference geodata and KPIs of the municipality.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # validatorUrl null: Swagger UI would otherwise send the schema to validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

# The default cache is a database table (created by `createcachetable`): rate-limit counters and
# throttles must be shared by every gunicorn process, and the product needs no other server for it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "geoportal_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}

CELERY_BROKER_URL = env("GEOPORTAL_CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Beat: the daily escalation of overdue appeals at 06:00 in the municipality's time zone (appeals.tasks).
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # The e-mails of appeal events (appeals.notifications.notify_pending): the outbox swept every 3 s.
    "appeals-notify-pending": {
        "task": "appeals.notify_pending",
        "schedule": 3.0,
    },
    "escalate-overdue-daily": {
        "task": "appeals.escalate_overdue",
        "schedule": crontab(hour=6, minute=0),
    },
    # Tension alerts (tension.tasks): hourly; the cooldown (TENSION["ALERT_COOLDOWN_HOURS"]) stops repeats.
    "tension-alerts-hourly": {
        "task": "tension.alerts",
        "schedule": crontab(minute=20),
    },
}

SILENCED_SYSTEM_CHECKS = [
    # gis.W001: GDAL < 3.9 (Debian 12 ships 3.6) cannot block file/network access when GDAL opens a
    # path. Uploads are opened only by the importers, which check the file type and unpack archives
    # themselves before GDAL sees them.
    "gis.W001",
]

GEOPORTAL = {
    # The municipality whose boundary bounds new appeals (AdminArea.code of kind municipality).
    "MUNICIPALITY_CODE": env("GEOPORTAL_MUNICIPALITY_CODE", "krymsk"),
    # Where the demo town's data lives (vendored in the repository).
    "DEMO_DATA_DIR": Path(env("GEOPORTAL_DEMO_DATA_DIR", str(BASE_DIR / "demo" / "data"))),
    # Where import reject reports are written.
    "IMPORT_REJECTS_DIR": Path(env("GEOPORTAL_IMPORT_REJECTS_DIR", str(BASE_DIR / "var" / "imports"))),
    # Rows per COPY batch in the import writer.
    "IMPORT_BATCH_SIZE": int(env("GEOPORTAL_IMPORT_BATCH_SIZE", "5000")),
    # Largest GeoTIFF accepted by POST /api/v1/rasters, bytes; refused from Content-Length before reading.
    "RASTER_MAX_BYTES": int(env("GEOPORTAL_RASTER_MAX_BYTES", str(256 << 20))),
    # Cache-Control max-age, seconds: collection tiles and TileJSON (data changes with every appeal), and
    # the basemap's tiles, style, glyphs and sprites (change on a re-import or a rebuild). ETags revalidate.
    "TILE_MAX_AGE": int(env("GEOPORTAL_TILE_MAX_AGE", "60")),
    "BASEMAP_MAX_AGE": int(env("GEOPORTAL_BASEMAP_MAX_AGE", "86400")),
    # Largest drawn polygon POST /api/v1/analysis/area accepts, km² (geodesic); areas by id are not capped.
    "ANALYSIS_MAX_AREA_KM2": float(env("GEOPORTAL_ANALYSIS_MAX_AREA_KM2", "100")),
    # Rate limits, "N/period" (s, m, h, d) or "0" for off: appeal filing per IP and per account, support
    # e-mails per IP. Counted in the shared default cache (RATE_LIMIT_CACHE).
    "RATE_LIMITS": {
        "appeal_create_ip": env("GEOPORTAL_RATE_APPEAL_IP", "20/h"),
        "appeal_create_user": env("GEOPORTAL_RATE_APPEAL_USER", "60/h"),
        "support_email_ip": env("GEOPORTAL_RATE_SUPPORT_EMAIL_IP", "20/h"),
    },
    "RATE_LIMIT_CACHE": "default",
    # Vector uploads: the largest body (refused from Content-Length before it is read), the largest
    # unpacked archive (zip bombs), and where uploads wait for their import (must be shared by web and
    # worker; empty: an "uploads" folder inside IMPORT_REJECTS_DIR).
    "IMPORT_MAX_UPLOAD_BYTES": int(env("GEOPORTAL_IMPORT_MAX_UPLOAD_BYTES", str(256 << 20))),
    "IMPORT_MAX_UNZIPPED_BYTES": int(env("GEOPORTAL_IMPORT_MAX_UNZIPPED_BYTES", str(512 << 20))),
    "IMPORT_UPLOAD_DIR": env("GEOPORTAL_IMPORT_UPLOAD_DIR", ""),
    # The issuer printed on property certificates (справки) unless ?department=<code> names a department.
    "CERTIFICATE_ISSUER": env("GEOPORTAL_CERTIFICATE_ISSUER", "Администрация муниципального образования"),
    # The e-mail outbox sweep (appeals.notifications.notify_pending) leaves events older than this, hours.
    "NOTIFY_MAX_AGE_HOURS": int(env("GEOPORTAL_NOTIFY_MAX_AGE_HOURS", "24")),
}

# The tension index (docs/TENSION.md). Every weight of
#   T(h) = Σ severity · 2^(−age/H) · (1 + ln(1 + supports)) · overdue_boost · status_factor  (+ signals)
# is here; ages are whole local days from the window's last day. Statuses missing from STATUS_FACTORS
# weigh 0 (not counted at all): new appeals await moderation, rejected and duplicates are not problems.
TENSION = {
    "HALF_LIFE_DAYS": float(env("GEOPORTAL_TENSION_HALF_LIFE_DAYS", "30")),
    "WINDOW_DAYS": int(env("GEOPORTAL_TENSION_WINDOW_DAYS", "90")),
    "OVERDUE_BOOST": float(env("GEOPORTAL_TENSION_OVERDUE_BOOST", "1.5")),
    "STATUS_FACTORS": {
        "registered": 1.0,
        "in_progress": 1.0,
        "reopened": 1.2,
        "redirected": 1.0,
        "published": 1.0,
        "under_review": 1.0,
        "accepted": 0.8,
        "answered": 0.5,
        "closed": 0.25,
        "implemented": 0.25,
    },
    # Social signals: their weight times the weight of their source (unknown sources weigh DEFAULT).
    "SIGNAL_SOURCE_WEIGHTS": {"vk": 0.5, "petition": 1.0, "sensor": 1.0, "DEFAULT": 0.5},
    # Population estimate: residents per m² of residential floor (footprint × levels, 1 level when
    # unknown) where the district's population is unknown; building uses that are not homes.
    "M2_PER_RESIDENT": float(env("GEOPORTAL_TENSION_M2_PER_RESIDENT", "28")),
    "NON_RESIDENTIAL_USES": [
        "industrial",
        "commercial",
        "retail",
        "office",
        "warehouse",
        "garage",
        "garages",
        "shed",
        "roof",
        "service",
        "church",
        "school",
        "kindergarten",
        "hospital",
        "public",
        "civic",
        "government",
        "transportation",
        "train_station",
        "hangar",
        "greenhouse",
        "farm_auxiliary",
        "barn",
        "construction",
        "ruins",
        "kiosk",
        "supermarket",
        "university",
        "college",
        "sports_hall",
        "toilets",
        "carport",
    ],
    # Hotspots: |z| above this is significant (Getis-Ord Gi*, k-ring 1).
    "HOTSPOT_Z": float(env("GEOPORTAL_TENSION_HOTSPOT_Z", "1.96")),
    # Trends against the previous window of the same length: rising when T grew by at least this ratio
    # (0.25: ×1.25; falling at ×1/1.25) and by at least TREND_MIN_DELTA (so one stray appeal is no trend).
    "TREND_RISE_RATIO": float(env("GEOPORTAL_TENSION_TREND_RISE_RATIO", "0.25")),
    "TREND_MIN_DELTA": float(env("GEOPORTAL_TENSION_TREND_MIN_DELTA", "1.0")),
    # Alerts (tension_alerts): a hexagon's or district's index at or above these, no repeat inside COOLDOWN.
    "ALERT_CELL_INDEX": float(env("GEOPORTAL_TENSION_ALERT_CELL_INDEX", "80")),
    "ALERT_AREA_INDEX": float(env("GEOPORTAL_TENSION_ALERT_AREA_INDEX", "60")),
    "ALERT_RES": int(env("GEOPORTAL_TENSION_ALERT_RES", "9")),
    "ALERT_COOLDOWN_HOURS": float(env("GEOPORTAL_TENSION_ALERT_COOLDOWN_HOURS", "72")),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("GEOPORTAL_LOG_LEVEL", "INFO")},
}
