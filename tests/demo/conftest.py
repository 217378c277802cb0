"""One demo town for the whole tests/demo package: a real slice of Krymsk plus `demo_load`, rolled back."""

from datetime import datetime
from io import StringIO
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.demo.krymsk_fixture import load_krymsk

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Moscow"))
ISSUES, PROPOSALS = 700, 40  # the planted clusters (190 issues) are part of ISSUES


def run_demo_load() -> str:
    out = StringIO()
    call_command(
        "demo_load", "--skip-import", "--issues", str(ISSUES), "--proposals", str(PROPOSALS),
        "--now", NOW.isoformat(), stdout=out,
    )  # fmt: skip
    return out.getvalue()


@pytest.fixture(scope="package")
def demo_town(django_db_setup, django_db_blocker):
    """Loads the slice and runs the demo once, inside a transaction rolled back after the package."""
    with django_db_blocker.unblock(), transaction.atomic():
        sizes = load_krymsk()
        first = run_demo_load()
        yield SimpleNamespace(sizes=sizes, first_output=first)
        transaction.set_rollback(True)
