"""Where the basemap's glyphs and sprites live on disk, and the safe lookup of one file.

They are built at set-up time (frontend/build.mjs → frontend/dist/basemap/), never downloaded:
  fonts/<font name>/<start>-<end>.pbf   SDF glyph ranges by fontnik from Debian's DejaVu fonts
  sprites/<name>[@2x].json|png          the icon sheet and its index (frontend/basemap/sprites.mjs)
settings.GEOPORTAL["BASEMAP_ASSETS_DIR"] may point elsewhere. Names from a URL are matched against the
files that exist (never joined into a path unchecked), so no request reaches outside the folder.
"""

import re
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from geoportal.errors import NotFound

_RANGE = re.compile(r"(\d+)-(\d+)")
_SPRITE = re.compile(r"([a-z0-9_-]+)(@2x)?\.(json|png)")


def assets_dir() -> Path:
    """The folder holding fonts/ and sprites/ (default frontend/dist/basemap)."""
    configured = settings.GEOPORTAL.get("BASEMAP_ASSETS_DIR")
    return Path(configured) if configured else Path(settings.FRONTEND_DIST) / "basemap"


def font_names() -> list[str]:
    """The fonts whose glyphs were built, sorted ("DejaVu Sans Bold", "DejaVu Sans Book")."""
    fonts = assets_dir() / "fonts"
    return sorted(p.name for p in fonts.iterdir() if p.is_dir()) if fonts.is_dir() else []


def glyph_file(*, fontstack: str, glyph_range: str) -> Path:
    """The .pbf of `glyph_range` ("0-255") for the first font of the comma-separated `fontstack` that
    exists. Raises NotFound for an unknown font, a malformed range or glyphs that were not built."""
    match = _RANGE.fullmatch(glyph_range)
    start, end = (int(match.group(1)), int(match.group(2))) if match else (-1, -1)
    if start % 256 or end != start + 255 or end > 65535:
        raise NotFound(_("Unknown glyph range: %(range)s") % {"range": glyph_range})
    available = set(font_names())
    for name in (part.strip() for part in fontstack.split(",")):
        if name in available:
            path = assets_dir() / "fonts" / name / f"{start}-{end}.pbf"
            if path.is_file():
                return path
    raise NotFound(_("No glyphs for the fonts %(fonts)s.") % {"fonts": fontstack})


def sprite_file(file_name: str) -> Path:
    """The sprite file `file_name` ("basemap.json", "basemap@2x.png"). Raises NotFound when it is not one."""
    folder = assets_dir() / "sprites"
    if not _SPRITE.fullmatch(file_name) or not folder.is_dir():
        raise NotFound(_("Unknown sprite: %(name)s") % {"name": file_name})
    if file_name not in {p.name for p in folder.iterdir()}:
        raise NotFound(_("Unknown sprite: %(name)s") % {"name": file_name})
    return folder / file_name
