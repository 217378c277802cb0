"""With a Celery broker configured an upload is checked in the request, then queued; a worker runs it.

The broker is the one outside service here: its `delay` is replaced by a list that records the run ids,
and the test then does what a worker does — calls the task with that id.
"""

from types import SimpleNamespace

import pytest

from importers.tasks import run_upload_task
from layers.catalogue import services
from layers.models import Layer
from tests.layers.catalogue.conftest import UPLOADS


def upload(client, path, **fields):
    with open(path, "rb") as file:
        return client.post("/api/v1/layers/uploads/upload", {"file": file, **fields})


@pytest.fixture
def queue(settings, monkeypatch):
    settings.CELERY_BROKER_URL = "redis://broker.invalid:6379/0"
    queued: list[int] = []
    monkeypatch.setattr(services, "run_upload_task", SimpleNamespace(delay=queued.append))
    return queued


@pytest.fixture
def layer(db):
    return Layer.objects.create(slug="uploads", title="Загрузки")


@pytest.mark.django_db
def test_the_upload_is_queued_after_commit_and_a_worker_runs_it(
    planner, layer, queue, import_dirs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(planner, UPLOADS / "krymsk_building_points.csv", id_field="id")

    assert response.status_code == 202, response.content
    run_id = response.json()["id"]
    assert queue == [run_id]
    waiting = planner.get(f"/api/v1/imports/{run_id}").json()
    assert (waiting["status"], waiting["counts"]["inserted"]) == ("running", 0)
    assert layer.features.count() == 0

    run_upload_task(run_id)  # the worker

    done = planner.get(f"/api/v1/imports/{run_id}").json()
    assert (done["status"], done["counts"]["inserted"], done["progress"]) == ("succeeded", 50, None)
    assert layer.features.count() == 50
    assert not any((import_dirs / "uploads").iterdir())  # the stored upload is removed after the run


@pytest.mark.django_db
def test_a_file_that_cannot_be_opened_is_refused_in_the_request_and_never_queued(planner, layer, queue):
    response = upload(planner, UPLOADS / "corrupt.gpkg")

    assert response.status_code == 400
    assert "cannot read corrupt.gpkg as GeoPackage" in response.json()["detail"]
    assert "import" not in response.json()
    assert queue == []


@pytest.mark.django_db
def test_rejects_found_by_the_worker_are_on_the_run(
    planner, layer, queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_id = upload(planner, UPLOADS / "broken_rows.csv").json()["id"]

    run_upload_task(run_id)

    report = planner.get(f"/api/v1/imports/{run_id}").json()
    assert report["status"] == "failed"
    assert [r["row"] for r in report["rejects"]] == [5, 9]
    assert "line 5: 4 values where the header has 5 columns" in report["error"]
    assert layer.features.count() == 0
