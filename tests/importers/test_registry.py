"""The registry: names to importer classes, and a clear error for an unknown name."""

import pytest
from django.core.management import CommandError, call_command

from importers.errors import UnknownImporter
from importers.models import ImportRun
from importers.osm import OsmImporter
from importers.registry import get_importer, importer_names
from importers.services import run_import
from importers.vector import VectorImporter
from tests.importers.conftest import BUILDINGS


def test_registered_importers():
    assert importer_names() == ["osm", "raster", "vector"]
    assert get_importer("osm") is OsmImporter
    assert get_importer("vector") is VectorImporter


def test_unknown_importer_lists_the_known_ones():
    with pytest.raises(UnknownImporter, match="unknown importer 'gpx'; known importers: osm, raster, vector"):
        get_importer("gpx")


@pytest.mark.django_db
def test_run_import_with_an_unknown_importer_records_nothing():
    with pytest.raises(UnknownImporter):
        run_import(importer="gpx", source=BUILDINGS)
    assert not ImportRun.objects.exists()


def test_cli_with_an_unknown_importer_lists_the_known_ones():
    choices = r"\(choose from '?osm'?, '?raster'?, '?vector'?\)"
    with pytest.raises(CommandError, match=r"invalid choice: 'gpx' " + choices):
        call_command("import", "gpx", str(BUILDINGS))
