"""run_import: one transaction, the run recorded apart, rejects, counts, timings (real commits here)."""

import csv
from collections.abc import Iterator

import pytest
from django.contrib.gis.geos import Polygon

from importers import registry
from importers.base import Importer, ImporterInfo, Record, Reject
from importers.errors import ImportFailed
from importers.models import ImportRun
from importers.services import run_import
from layers.models import Property
from tests.importers.conftest import BUILDINGS

# A real building outline from krymsk_buildings_50.geojson (lon, lat).
OUTLINE_COORDS = ((37.9790249, 44.9264017), (37.9791664, 44.9263588), (37.9791157, 44.9262683),
                  (37.9789742, 44.9263112), (37.9790249, 44.9264017))  # fmt: skip
OUTLINE = Polygon(OUTLINE_COORDS).wkb
REAL_COMMITS = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def building(n: int) -> Record:
    return Record(
        "property", f"b{n}", {"kind": "building", "address": f"улица Ленина, {n}"}, bytes(OUTLINE), n
    )


class StubImporter(Importer):
    """Yields `records`, then raises `error` when there is one."""

    name = "stub"
    help = "test importer"
    records: list = []
    error: Exception | None = None

    @property
    def info(self) -> ImporterInfo:
        return ImporterInfo(source_name="stub", targets=("property",))

    def read(self) -> Iterator[Record | Reject]:
        yield from self.records
        if self.error:
            raise self.error


@pytest.fixture
def stub(monkeypatch):
    monkeypatch.setitem(registry.IMPORTERS, "stub", f"{__name__}.StubImporter")
    monkeypatch.setattr(StubImporter, "records", [])
    monkeypatch.setattr(StubImporter, "error", None)
    return StubImporter


@REAL_COMMITS
def test_failure_mid_stream_rolls_back_every_row_and_keeps_the_failed_run(stub):
    stub.records = [building(n) for n in range(1, 8)]
    stub.error = ImportFailed("stub.geojson: the source broke off at row 8")
    with pytest.raises(ImportFailed, match="broke off at row 8") as failure:
        run_import(importer="stub", source=BUILDINGS, options={}, progress=None)
    assert Property.objects.count() == 0
    run = ImportRun.objects.get()  # committed before the import transaction, updated after its rollback
    assert failure.value.run.pk == run.pk
    assert (run.status, run.error, run.read_count, run.written_count) == (
        "failed", "stub.geojson: the source broke off at row 8", 7, 0,
    )  # fmt: skip
    assert run.finished_at is not None


@REAL_COMMITS
def test_unexpected_error_is_reported_as_import_failed(stub):
    stub.records = [building(1)]
    stub.error = OSError("disk went away")
    with pytest.raises(ImportFailed, match="cannot import krymsk_buildings_50.geojson: disk went away"):
        run_import(importer="stub", source=BUILDINGS)
    assert Property.objects.count() == 0
    assert ImportRun.objects.get().status == "failed"


@REAL_COMMITS
def test_success_commits_rows_counts_and_timings(stub):
    stub.records = [building(n) for n in range(1, 4)]
    seen = []
    run = run_import(
        importer="stub", source=BUILDINGS, progress=lambda done, total: seen.append((done, total))
    )
    assert (run.status, run.read_count, run.inserted_count, run.written_count) == ("succeeded", 3, 3, 3)
    assert seen[0] == (0, None) and seen[-1] == (3, None)
    assert run.timings["total_s"] >= run.timings["read_s"] >= 0
    assert Property.objects.get(source="stub", source_id="b2").address == "улица Ленина, 2"


@pytest.mark.django_db
def test_rejects_keep_the_first_100_in_the_run_and_all_in_the_csv(stub):
    stub.records = [Reject(n, f"bad row {n}") for n in range(1, 151)] + [building(n) for n in range(151, 161)]
    run = run_import(importer="stub", source=BUILDINGS, options={"allow_rejects": True})
    assert (run.read_count, run.inserted_count, run.rejected_count, len(run.rejects)) == (160, 10, 150, 100)
    assert run.rejects[0] == {"row": 1, "target": "", "source_id": "", "reason": "bad row 1"}
    with open(run.rejects_path, encoding="utf-8") as rejects:
        assert len(list(csv.reader(rejects))) == 151  # header + every reject


@pytest.mark.django_db
def test_reject_message_lists_a_few_rows_and_the_way_out(stub):
    stub.records = [Reject(n, "no street") for n in range(1, 9)] + [building(9)]
    with pytest.raises(ImportFailed) as failure:
        run_import(importer="stub", source=BUILDINGS)
    message = str(failure.value)
    assert message.startswith(
        "krymsk_buildings_50.geojson: 8 row(s) rejected, nothing written: row 1: no street;"
    )
    assert "(and 3 more)" in message and "--allow-rejects" in message
    assert Property.objects.count() == 0


@pytest.mark.django_db
def test_missing_required_field_and_empty_source_id_are_rejects(stub):
    no_kind = Record("property", "b1", {"address": "x"}, bytes(OUTLINE), 1)
    no_id = Record("property", "", {"kind": "building"}, bytes(OUTLINE), 2)
    stub.records = [no_kind, no_id, building(3)]
    run = run_import(importer="stub", source=BUILDINGS, options={"allow_rejects": True})
    assert [(r["row"], r["reason"]) for r in run.rejects] == [(1, "no value for kind"), (2, "no source id")]
    assert run.inserted_count == 1


@pytest.mark.django_db
def test_geos_geometries_are_accepted_in_lon_lat_only(stub):
    stub.records = [Record("property", "g1", {"kind": "building"}, Polygon(OUTLINE_COORDS, srid=4326), 1)]
    assert run_import(importer="stub", source=BUILDINGS).inserted_count == 1
    stub.records = [Record("property", "g2", {"kind": "building"}, Polygon(OUTLINE_COORDS, srid=3857), 1)]
    with pytest.raises(ImportFailed, match="a geometry in EPSG:3857"):
        run_import(importer="stub", source=BUILDINGS)


@pytest.mark.django_db
def test_unknown_option_is_refused(stub):
    with pytest.raises(ImportFailed, match="unknown option\\(s\\) for importer stub: colour; known: "):
        run_import(importer="stub", source=BUILDINGS, options={"colour": "red"})
