"""`manage.py import`: options, progress on stderr, the summary table on stdout, errors and exit status."""

import io

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.core.management.base import OutputWrapper

from importers.reporting import ProgressReporter
from layers.models import Asset, Property
from tests.importers.conftest import BUILDINGS, CENTRE_PBF, DATA, ROADS


def run_cli(*args, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *[str(a) for a in args], stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def table(stdout: str) -> list[list[str]]:
    return [line.split() for line in stdout.splitlines()]


@pytest.mark.django_db
def test_osm_import_prints_progress_and_a_summary():
    out, err = run_cli("osm", CENTRE_PBF, "--code", "krymsk")
    progress = err.splitlines()
    assert progress[0] == "osm krymsk_centre.osm.pbf: 0 of 410 rows read (0%)"
    assert progress[-1] == "osm krymsk_centre.osm.pbf: 410 of 410 rows read (100%)"
    assert 10 <= len(progress) <= 13  # a line every ~10 %
    rows = table(out)
    assert rows[0] == [
        "importer",
        "source",
        "target",
        "read",
        "inserted",
        "updated",
        "rejected",
        "seconds",
        "status",
    ]
    assert rows[1] == ["osm", "krymsk_centre.osm.pbf", "property", "370", "370", "0", "0"]
    assert rows[2] == ["osm", "krymsk_centre.osm.pbf", "asset", "39", "39", "0", "0"]
    assert rows[3] == ["osm", "krymsk_centre.osm.pbf", "adminarea", "1", "1", "0", "0"]
    assert rows[4][:7] == ["osm", "krymsk_centre.osm.pbf", "property,asset,adminarea", "410", "410", "0", "0"]
    assert rows[4][8] == "succeeded" and float(rows[4][7]) > 0


@pytest.mark.django_db
def test_repeatable_map_options_from_the_command_line():
    out, _err = run_cli("vector", BUILDINGS, "--target", "property", "--map", "street=A_STRT",
                        "--map", "housenumber=A_HSNMBR", "--source", "cli")  # fmt: skip
    assert table(out)[1][:6] == ["vector", "krymsk_buildings_50.geojson", "property", "50", "50", "0"]
    assert Property.objects.get(source="cli", source_id="0").address == "Полковая улица, 42"


@pytest.mark.django_db
def test_keyword_options_as_the_demo_loader_may_pass_them():
    run_cli("vector", ROADS, target="asset", kind="road", id_field="OSM_ID", map=["name=NAME"])
    assert Asset.objects.filter(kind="road").count() == 50


@pytest.mark.django_db
def test_failure_is_a_command_error_that_says_what_to_do():
    out = io.StringIO()
    with pytest.raises(
        CommandError, match=r"roads.shp has no .prj file: pass --srs \(e.g. --srs EPSG:4326\)"
    ):
        call_command("import", "vector", str(DATA / "roads_no_prj.shp.zip"), "--target", "asset",
                     "--kind", "road", stdout=out, stderr=io.StringIO())  # fmt: skip
    assert table(out.getvalue())[1][-1] == "failed"
    assert Asset.objects.count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_command_line_exit_status_is_non_zero_on_failure(capsys):
    utility = ManagementUtility(["manage.py", "import", "osm", str(DATA / "truncated.osm.pbf")])
    with pytest.raises(SystemExit) as exit_:
        utility.execute()
    assert exit_.value.code == 1
    assert "the file is truncated or not an OSM PBF/XML file" in capsys.readouterr().err


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_is_a_tqdm_bar():
    stream = FakeTerminal()
    progress = ProgressReporter(OutputWrapper(stream), label="osm krymsk.osm.pbf")
    for done in (0, 100, 410):
        progress(done, 410)
    progress.close()
    text = stream.getvalue()
    assert "\r" in text and "410/410" in text and "100%" in text
    assert "rows read" not in text  # the plain lines are for logs only


def test_progress_without_a_total_prints_every_10000_rows():
    stream = io.StringIO()
    progress = ProgressReporter(OutputWrapper(stream), label="vector x.geojson")
    for done in range(0, 25_001, 1000):
        progress(done, None)
    lines = stream.getvalue().splitlines()
    assert lines == [f"vector x.geojson: {n} rows read" for n in ("0", "10,000", "20,000")]
