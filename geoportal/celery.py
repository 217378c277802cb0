"""Celery app: imports, rollups, webhooks and scheduled jobs run here when a broker is configured."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geoportal.settings")
app = Celery("geoportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
