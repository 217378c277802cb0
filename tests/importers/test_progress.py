"""Live progress of an import, written through a second connection while the import's transaction is open."""

import time

import pytest
from django.db import connection, transaction

from importers import progress as progress_module
from importers.models import ImportRun
from importers.progress import RunProgress


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_progress_is_committed_while_the_import_transaction_is_still_open():
    run = ImportRun.objects.create(importer="vector", source="points.csv")
    progress = RunProgress(run.pk)
    try:
        with transaction.atomic():  # the import's own transaction
            progress(0, 50)
            progress(50, 50)  # the last call is written whatever the interval
            run.refresh_from_db()  # READ COMMITTED: sees what the other connection committed
            assert run.read_count == 50
            assert run.timings["progress"] == {"done": 50, "total": 50}
            assert run.timings["elapsed_s"] >= 0
    finally:
        progress.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_progress_gives_up_quickly_on_a_locked_row_and_never_fails_the_import(monkeypatch, caplog):
    run = ImportRun.objects.create(importer="vector", source="points.csv")
    monkeypatch.setattr(progress_module, "INTERVAL_S", 0)
    progress = RunProgress(run.pk)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM importers_importrun WHERE id = %s FOR UPDATE", [run.pk])
            started = time.monotonic()
            progress(10, 50)
            assert time.monotonic() - started < 5
        assert "progress not recorded" in caplog.text
    finally:
        progress.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_finished_run_is_never_overwritten_by_a_late_progress_write():
    run = ImportRun.objects.create(importer="vector", source="points.csv", status=ImportRun.Status.SUCCEEDED)
    run.read_count = 50
    run.save()
    progress = RunProgress(run.pk)
    try:
        progress(10, 50)
    finally:
        progress.close()

    run.refresh_from_db()
    assert run.read_count == 50
