"""The `vector` importer: GeoJSON, Shapefile, GeoPackage, KML and CSV (points or WKT), also zipped.

GDAL through django.contrib.gis.gdal: the system GDAL that GeoDjango already loads, so no second GDAL
build (pyogrio's wheel) and no new dependency; each suffix may be opened only by its own GDAL driver
(importers.vector_sources). CSV is read by importers.csv_points so that rejects name the line. Archives
(.zip, .kmz) are unpacked by importers.archives into a temporary folder first, with size and path checks.
Coordinates are transformed to EPSG:4326 (lon, lat) here; the CRS comes from the file (.prj, GeoJSON crs
member, GeoPackage srs; KML is WGS 84; CSV is EPSG:4326) unless --srs overrides it. Invalid geometries
are repaired where safe or rejected (importers.geometry_repair).

For --target layer: --mode replace (the default) makes the layer hold exactly the file's features;
--mode append adds them. A feature's source id is the --id-field value, else its number in the file
(GDAL's feature id, the CSV line); in append mode an unnumbered file's ids get a per-run prefix so that
appending never overwrites earlier features. A feature whose source id is already in the layer is updated.
"""

import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from importers.archives import remove_tree, safe_extract
from importers.base import Importer, ImporterInfo, LayerSpec, Option, Record, Reject
from importers.csv_points import CsvPoints
from importers.errors import ImportFailed
from importers.geometry_repair import valid_or_repaired
from importers.vector_mapping import VECTOR_TARGETS, FieldMap, build_field_map, file_stem, id_text
from importers.vector_sources import (
    ARCHIVE_SUFFIXES,
    CSV_SUFFIX,
    DRIVERS,
    WGS84,
    OgrReader,
    SourceRow,
    accepted_suffixes,
    dataset_in,
    parse_srs,
)
from layers.catalogue.slugs import slug_problem

MAX_UNZIPPED_BYTES = 512 << 20
MODES = ("replace", "append")


class VectorImporter(Importer):
    name = "vector"
    help = gettext_lazy(
        "GeoJSON, Shapefile, GeoPackage, KML or CSV (lon/lat or WKT columns); .zip and .kmz archives too"
    )
    options = (
        Option("target", gettext_lazy("where the features go"), default="layer", choices=VECTOR_TARGETS),
        Option(
            "layer",
            gettext_lazy("slug of the layer (--target layer); default: from the file name"),
            metavar="SLUG",
        ),
        Option("title", gettext_lazy("title of the layer (--target layer)")),
        Option(
            "mode",
            gettext_lazy("replace: the layer holds exactly the file's features; append: they are added"),
            choices=MODES,
        ),
        Option(
            "map",
            gettext_lazy("model field from a column, repeatable: --map address=A_STRT"),
            repeatable=True,
            metavar="FIELD=COLUMN",
        ),
        Option("kind", gettext_lazy("kind of every row (property, asset, adminarea)")),
        Option(
            "id_field",
            gettext_lazy("column holding the source id (default: the feature's number in the file)"),
            metavar="COLUMN",
        ),
        Option(
            "source", gettext_lazy("value of the source column (default: the file name stem)"), metavar="NAME"
        ),
        Option(
            "srs",
            gettext_lazy("CRS of the coordinates, overriding the file's (e.g. EPSG:32637)"),
            metavar="EPSG:XXXX",
        ),
        Option(
            "source_layer",
            gettext_lazy("the layer of a GeoPackage or KML to read (required when it has several)"),
            metavar="NAME",
        ),
        Option("lon", gettext_lazy("CSV: column of the longitude"), metavar="COLUMN"),
        Option("lat", gettext_lazy("CSV: column of the latitude"), metavar="COLUMN"),
        Option("wkt", gettext_lazy("CSV: column of the geometry as WKT"), metavar="COLUMN"),
        Option("encoding", gettext_lazy("CSV: text encoding (default: UTF-8)"), metavar="NAME"),
    )
    row_label = gettext_lazy("feature")

    def __init__(self, source, options=None):
        super().__init__(source, options)
        self.tmpdir: Path | None = None
        self.reader: OgrReader | CsvPoints | None = None
        # Prefix of unnumbered appended features: unique per run, so an append never overwrites.
        self.batch = uuid.uuid4().hex[:8]

    @property
    def info(self) -> ImporterInfo:
        stem = file_stem(self.path)
        target = self.opts["target"]
        layer = None
        if target == "layer":
            slug = self.opts["layer"] or slugify(stem)[:64] or "layer"
            try:
                validate_slug(slug)
            except ValidationError:
                raise ImportFailed(
                    _("--layer %(slug)r: use letters, digits, - and _") % {"slug": slug}
                ) from None
            problem = slug_problem(slug)
            if problem:
                raise ImportFailed(f"--layer: {problem}")
            replace = self.opts["mode"] != "append"
            layer = LayerSpec(slug=slug, title=self.opts["title"], default_title=stem, replace=replace)
        source = (self.opts["source"] or stem)[:64]
        return ImporterInfo(
            source_name=source, targets=("feature" if target == "layer" else target,), layer=layer
        )

    def open(self) -> None:
        if self.opts["mode"] and self.opts["target"] != "layer":
            raise ImportFailed(_("--mode is for --target layer"))
        self.info  # noqa: B018 - checks the layer slug before any file is unpacked
        path = self._dataset_path()
        srs = parse_srs(self.opts["srs"]) if self.opts["srs"] else None
        if path.suffix.lower() == CSV_SUFFIX:
            self.reader = CsvPoints(
                path,
                file_name=self.path.name,
                lon=self.opts["lon"],
                lat=self.opts["lat"],
                wkt=self.opts["wkt"],
                encoding=self.opts["encoding"],
                srid=srs.srid if srs else WGS84,
            )
            self.reader.open()
            self.row_label = gettext_lazy("line")
        else:
            if any(self.opts[name] for name in ("lon", "lat", "wkt", "encoding")):
                raise ImportFailed(_("--lon, --lat, --wkt and --encoding are for CSV files"))
            self.reader = OgrReader(
                path, file_name=self.path.name, source_layer=self.opts["source_layer"], srs=srs
            )
        self.columns = list(self.reader.columns)
        self.field_map: FieldMap = build_field_map(
            target=self.opts["target"], columns=self.columns, entries=self.opts["map"], kind=self.opts["kind"]
        )
        id_field = self.opts["id_field"]
        if id_field and id_field not in self.columns:
            raise ImportFailed(
                _("--id-field %(column)s: the file has no such column; columns: %(known)s")
                % {"column": id_field, "known": ", ".join(self.columns) or "—"}
            )

    def close(self) -> None:
        if isinstance(self.reader, OgrReader):
            self.reader.close()
        self.reader = None
        if self.tmpdir:
            remove_tree(self.tmpdir)
            self.tmpdir = None

    def estimate(self) -> int:
        return self.reader.estimate()

    def read(self) -> Iterator[Record | Reject]:
        target = self.field_map.record_target
        rows = self.reader.rows() if isinstance(self.reader, OgrReader) else self._csv_rows()
        for item in rows:
            if item.values is None:
                yield Reject(item.row, item.problem, "", target)
                continue
            source_id = self._source_id(item)
            if not source_id:
                yield Reject(
                    item.row, _("no id in column %(column)s") % {"column": self.opts["id_field"]}, "", target
                )
                continue
            wkb, problem = (None, item.problem) if item.problem else valid_or_repaired(item.wkb)
            if problem:
                yield Reject(item.row, problem, source_id, target)
                continue
            yield Record(target, source_id, self.field_map.fields(item.values), wkb, item.row)

    def _source_id(self, item: SourceRow) -> str:
        id_field = self.opts["id_field"]
        if id_field:
            return id_text(item.values.get(id_field))
        if self.opts["target"] == "layer" and self.opts["mode"] == "append":
            return f"{self.batch}-{item.fid}"
        return id_text(item.fid)

    def _csv_rows(self) -> Iterator[SourceRow]:
        """CSV records as SourceRows: geometry transformed to EPSG:4326 as WKB."""
        for row in self.reader.rows():
            wkb, problem = None, row.problem
            if row.geom is not None:
                try:
                    if row.geom.srid != WGS84:
                        row.geom.transform(WGS84)
                    wkb = bytes(row.geom.wkb)
                except (GEOSException, GDALException) as exc:
                    problem = _("cannot transform the geometry to EPSG:4326: %(error)s") % {"error": exc}
            yield SourceRow(row.line, row.line, row.values, wkb, problem)

    def _dataset_path(self) -> Path:
        suffix = self.path.suffix.lower()
        if suffix in DRIVERS or suffix == CSV_SUFFIX:
            return self.path
        if suffix not in ARCHIVE_SUFFIXES:
            raise ImportFailed(
                _("%(file)s: expected one of %(suffixes)s")
                % {"file": self.path.name, "suffixes": accepted_suffixes()}
            )
        self.tmpdir = Path(tempfile.mkdtemp(prefix="geoportal-import-"))
        limit = settings.GEOPORTAL.get("IMPORT_MAX_UNZIPPED_BYTES", MAX_UNZIPPED_BYTES)
        files = safe_extract(self.path, self.tmpdir, max_bytes=limit)
        return dataset_in(files, archive_name=self.path.name)
