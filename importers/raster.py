"""The `raster` importer: a GeoTIFF (any CRS) → a Cloud-Optimised GeoTIFF + its RasterLayer.

How it fits the importer contract (importers.base). The "record" of a raster import is one RasterLayer
plus its files, and RasterLayer is not a staging target (it has no source / source_id, and the payload
is a file, not rows). So this importer declares no targets and yields no Record; `open` checks the file
(read-only, like every importer), and `read` hands the whole write to layers.rasters.services
.raster_create, the one writer of rasters, shared with POST /api/v1/rasters. It runs inside run_import's
transaction, so the ImportRun bookkeeping, the all-or-nothing rule and the error reporting (ImportFailed
→ a failed run, CommandError on the CLI) stay the same; the run's counts stay 0, its options record the
slug. The only departure from "importers never write" is that one delegated service call.

    manage.py import raster dem.tif --slug dem --title "Рельеф" [--access internal] [--colormap terrain]
"""

from collections.abc import Iterator

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geoportal.errors import DomainError
from importers.base import Importer, ImporterInfo, Option, Record, Reject
from importers.errors import ImportFailed
from layers.models import Access
from layers.rasters.cog import RESAMPLINGS, probe
from layers.rasters.ramps import RAMPS
from layers.rasters.services import raster_create


class RasterImporter(Importer):
    name = "raster"
    help = gettext_lazy("a GeoTIFF in any CRS, stored as a Cloud-Optimised GeoTIFF with overviews")
    options = (
        Option("slug", gettext_lazy("slug of the raster (default: from the file name)"), metavar="SLUG"),
        Option("title", gettext_lazy("title of the raster (default: the file name)")),
        Option("description", gettext_lazy("description of the raster")),
        Option(
            "access",
            gettext_lazy("who may see it"),
            default=Access.PUBLIC.value,
            choices=tuple(Access.values),
        ),
        Option("licence", gettext_lazy("licence of the data")),
        Option("colormap", gettext_lazy("colour map of a single-band raster"), choices=tuple(sorted(RAMPS))),
        Option(
            "resampling", gettext_lazy("how overviews are computed"), default="average", choices=RESAMPLINGS
        ),
    )
    row_label = gettext_lazy("raster")

    @property
    def info(self) -> ImporterInfo:
        return ImporterInfo(source_name=self.path.name[:64], targets=())

    def open(self) -> None:
        self.slug = self.opts["slug"] or slugify(self.path.stem)[:64]
        self.title = self.opts["title"] or self.path.stem
        try:
            probe(self.path)
        except DomainError as exc:
            raise ImportFailed(f"{self.path.name}: {exc.detail}") from None

    def estimate(self) -> int:
        return 0

    def read(self) -> Iterator[Record | Reject]:
        """Write the raster through the rasters service (see the module docstring); yields nothing."""
        try:
            raster_create(
                source=self.path,
                slug=self.slug,
                title=self.title,
                access=self.opts["access"],
                description=self.opts["description"] or "",
                licence=self.opts["licence"] or "",
                colormap=self.opts["colormap"] or "",
                resampling=self.opts["resampling"],
            )
        except DomainError as exc:
            where = f" (--{exc.field})" if exc.field and exc.field != "file" else ""
            raise ImportFailed(
                _("%(file)s%(where)s: %(reason)s")
                % {"file": self.path.name, "where": where, "reason": exc.detail}
            ) from None
        yield from ()
