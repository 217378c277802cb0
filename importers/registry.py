"""Importer registry: name → dotted path of the Importer class (pygeoapi style: one line per backend)."""

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from importers.base import Importer
from importers.errors import UnknownImporter

IMPORTERS: dict[str, str] = {
    "osm": "importers.osm.OsmImporter",
    "raster": "importers.raster.RasterImporter",
    "vector": "importers.vector.VectorImporter",
}


def importer_names() -> list[str]:
    """The registered importer names, sorted."""
    return sorted(IMPORTERS)


def get_importer(name: str) -> type[Importer]:
    """The Importer class registered as `name`. Raises UnknownImporter listing the known names."""
    try:
        path = IMPORTERS[name]
    except KeyError:
        raise UnknownImporter(
            _("unknown importer %(name)r; known importers: %(known)s")
            % {"name": name, "known": ", ".join(importer_names())}
        ) from None
    return import_string(path)
