"""`manage.py import raster PATH --slug … --title …`: the same service as the API, run as an ImportRun."""

import pytest
import rasterio
from django.core.management import CommandError, call_command

from importers.models import ImportRun
from importers.registry import get_importer
from importers.services import run_import
from layers.models import RasterLayer
from tests.layers.rasters.conftest import DEM, NO_GEOREF, RGB, TRUNCATED, stored_files


@pytest.fixture(autouse=True)
def rejects_dir(settings, tmp_path):
    settings.GEOPORTAL = {**settings.GEOPORTAL, "IMPORT_REJECTS_DIR": tmp_path / "rejects"}


def test_the_raster_importer_is_registered():
    assert get_importer("raster").__name__ == "RasterImporter"


def test_import_raster_from_the_command_line(db, media, capsys):
    call_command(
        "import", "raster", str(DEM), "--slug", "dem", "--title", "Рельеф", "--access", "internal",
        "--colormap", "terrain", "--resampling", "nearest",
    )  # fmt: skip

    raster = RasterLayer.objects.get(slug="dem")
    assert (raster.title, raster.access, raster.colormap, raster.crs) == (
        "Рельеф",
        "internal",
        "terrain",
        "EPSG:32637",
    )
    with rasterio.open(media / raster.path) as cog:
        assert cog.overviews(1) == [2, 4] and cog.profile["tiled"]
    run = ImportRun.objects.get()
    assert run.importer == "raster" and run.status == ImportRun.Status.SUCCEEDED
    assert run.options["slug"] == "dem"
    assert "succeeded" in capsys.readouterr().out


def test_slug_and_title_default_to_the_file_name(db, media):
    run_import(importer="raster", source=RGB)
    raster = RasterLayer.objects.get()
    assert (raster.slug, raster.title) == ("krymsk_rgb_3857", "krymsk_rgb_3857")


@pytest.mark.parametrize(
    "path, reason",
    [
        (NO_GEOREF, "no_georef.tif: The TIFF has no georeference"),
        (TRUNCATED, "truncated_dem.tif: The GeoTIFF cannot be read to the end"),
    ],
)
def test_a_bad_file_fails_the_run_and_writes_nothing(db, media, path, reason):
    with pytest.raises(CommandError, match=reason):
        call_command("import", "raster", str(path), "--slug", "bad")

    assert not RasterLayer.objects.exists() and stored_files(media) == []
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and reason in run.error


def test_a_slug_in_use_names_the_option(db, media):
    call_command("import", "raster", str(DEM), "--slug", "dem")
    with pytest.raises(
        CommandError, match=r"krymsk_rgb_3857.tif \(--slug\): A raster with slug 'dem' exists"
    ):
        call_command("import", "raster", str(RGB), "--slug", "dem")
    assert stored_files(media) == ["dem.stats.json", "dem.tif"]
