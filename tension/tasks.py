"""Celery tasks of tension. Without a broker (CELERY_TASK_ALWAYS_EAGER) `.delay()` runs them inline."""

from django.core.management import call_command

from geoportal.celery import app


@app.task(name="tension.alerts")
def tension_alerts_task() -> None:
    """The tension alerts job (the tension_alerts management command), for Celery beat."""
    call_command("tension_alerts")
