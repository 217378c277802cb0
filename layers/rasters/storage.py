"""Where rasters live on disk: MEDIA_ROOT/rasters/<slug>.tif and its statistics sidecar <slug>.stats.json.

RasterLayer.path holds the COG's path relative to MEDIA_ROOT ("rasters/dem.tif"), so the media folder can
move; an absolute path (set by hand in the admin) is used as it is. Settings are read at call time.
"""

from pathlib import Path

from django.conf import settings

FOLDER = "rasters"


def rasters_dir() -> Path:
    """MEDIA_ROOT/rasters (not created here)."""
    return Path(settings.MEDIA_ROOT) / FOLDER


def relative_cog_path(slug: str) -> str:
    """The value of RasterLayer.path for `slug`."""
    return f"{FOLDER}/{slug}.tif"


def absolute_path(stored: str) -> Path:
    """The file of a RasterLayer.path value."""
    return Path(settings.MEDIA_ROOT) / stored


def sidecar_of(cog: Path) -> Path:
    """The statistics sidecar next to a COG: dem.tif → dem.stats.json."""
    return cog.with_name(cog.stem + ".stats.json")
