"""The `vector` importer: GeoJSON (.geojson / .json, also zipped) and zipped Shapefiles via GDAL.

GDAL through django.contrib.gis.gdal: the system GDAL that GeoDjango already loads, so no second GDAL
build (pyogrio's wheel) and no new dependency. Zip archives are unpacked by importers.archives into a
temporary folder first. Coordinates are transformed to EPSG:4326 (lon, lat) here; the CRS comes from the
file (.prj, GeoJSON crs member) unless --srs overrides it.
"""

import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.gis.gdal import CoordTransform, DataSource, GDALException, SpatialReference
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from importers.archives import remove_tree, safe_extract
from importers.base import Importer, ImporterInfo, LayerSpec, Option, Record, Reject
from importers.errors import ImportFailed
from importers.rings import ring_problem
from importers.vector_mapping import VECTOR_TARGETS, FieldMap, build_field_map, file_stem, id_text

MAX_UNZIPPED_BYTES = 512 << 20
WGS84 = 4326
POLYGON_TYPES = {"Polygon", "MultiPolygon", "Polygon25D", "MultiPolygon25D"}


class VectorImporter(Importer):
    name = "vector"
    help = gettext_lazy("GeoJSON (.geojson, .json, zipped too) or a zipped Shapefile (.zip with a .shp)")
    options = (
        Option("target", gettext_lazy("where the features go"), default="layer", choices=VECTOR_TARGETS),
        Option(
            "layer",
            gettext_lazy("slug of the layer (--target layer); default: from the file name"),
            metavar="SLUG",
        ),
        Option("title", gettext_lazy("title of the layer (--target layer)")),
        Option(
            "map",
            gettext_lazy("model field from a column, repeatable: --map address=A_STRT"),
            repeatable=True,
            metavar="FIELD=COLUMN",
        ),
        Option("kind", gettext_lazy("kind of every row (property, asset, adminarea)")),
        Option(
            "id_field",
            gettext_lazy("column holding the source id (default: the feature id)"),
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
    )
    row_label = gettext_lazy("feature")

    def __init__(self, source, options=None):
        super().__init__(source, options)
        self.tmpdir: Path | None = None
        self.ogr_layer = self.dataset = None

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
            layer = LayerSpec(slug=slug, title=self.opts["title"], default_title=stem)
        source = (self.opts["source"] or stem)[:64]
        return ImporterInfo(
            source_name=source, targets=("feature" if target == "layer" else target,), layer=layer
        )

    def open(self) -> None:
        path = self._dataset_path()
        try:
            self.dataset = DataSource(str(path))
        except GDALException as exc:
            raise ImportFailed(
                _("cannot read %(file)s: %(error)s — is it a GeoJSON file or a Shapefile?")
                % {"file": self.path.name, "error": exc}
            ) from exc
        self.ogr_layer = self.dataset[0]
        self.transform = self._transform(path)
        self.columns = list(self.ogr_layer.fields)
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
        self.ogr_layer = self.dataset = None
        if self.tmpdir:
            remove_tree(self.tmpdir)
            self.tmpdir = None

    def estimate(self) -> int:
        return self.ogr_layer.num_feat

    def read(self) -> Iterator[Record | Reject]:
        target = self.field_map.record_target
        id_field = self.opts["id_field"]
        for row, feature in enumerate(self.ogr_layer, start=1):
            values = {column: feature.get(column) for column in self.columns}
            source_id = id_text(values[id_field] if id_field else feature.fid)
            if not source_id:
                yield Reject(row, _("no id in column %(column)s") % {"column": id_field}, "", target)
                continue
            geom, problem = self._geometry(feature)
            if problem:
                yield Reject(row, problem, source_id, target)
                continue
            yield Record(target, source_id, self.field_map.fields(values), geom, row)

    def _geometry(self, feature) -> tuple[bytes | None, str | None]:
        """WKB in EPSG:4326 of one feature, or a reason it cannot be read."""
        try:
            geom = feature.geom
        except GDALException:
            return None, _("no geometry")
        if self.transform is not None:
            geom.transform(self.transform)
        wkb = bytes(geom.wkb)
        try:
            GEOSGeometry(memoryview(wkb))
        except GEOSException:
            return None, self._unreadable_reason(geom)
        return wkb, None

    def _unreadable_reason(self, geom) -> str:
        if geom.geom_type.name in POLYGON_TYPES:
            coords = geom.coords
            polygons = coords if geom.geom_type.name.startswith("Multi") else (coords,)
            reason = ring_problem(polygons)
            if reason:
                return reason
        return _("the %(type)s geometry cannot be read") % {"type": geom.geom_type.name}

    def _dataset_path(self) -> Path:
        suffix = self.path.suffix.lower()
        if suffix in (".geojson", ".json", ".shp"):
            return self.path
        if suffix != ".zip":
            raise ImportFailed(
                _("%(file)s: expected a .geojson, .json, .shp or .zip file") % {"file": self.path.name}
            )
        self.tmpdir = Path(tempfile.mkdtemp(prefix="geoportal-import-"))
        limit = settings.GEOPORTAL.get("IMPORT_MAX_UNZIPPED_BYTES", MAX_UNZIPPED_BYTES)
        files = safe_extract(self.path, self.tmpdir, max_bytes=limit)
        for suffixes in ((".shp",), (".geojson", ".json")):
            found = sorted(f for f in files if f.suffix.lower() in suffixes)
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise ImportFailed(
                    _("%(file)s holds several datasets (%(names)s); upload one per archive")
                    % {"file": self.path.name, "names": ", ".join(f.name for f in found)}
                )
        raise ImportFailed(_("%(file)s holds no .shp, .geojson or .json file") % {"file": self.path.name})

    def _transform(self, dataset_path: Path) -> CoordTransform | None:
        """The transform to EPSG:4326 (None when the data is already there)."""
        srs_option = self.opts["srs"]
        if srs_option:
            srs = parse_srs(srs_option)
        else:
            srs = self.ogr_layer.srs
            if srs is None:
                if dataset_path.suffix.lower() == ".shp":
                    raise ImportFailed(
                        _("%(file)s: %(shp)s has no .prj file: pass --srs (e.g. --srs EPSG:4326)")
                        % {"file": self.path.name, "shp": dataset_path.name}
                    )
                raise ImportFailed(
                    _("%(file)s has no CRS: pass --srs (e.g. --srs EPSG:4326)") % {"file": self.path.name}
                )
        if srs.srid == WGS84:
            return None
        return CoordTransform(srs, SpatialReference(WGS84))


def parse_srs(text: str) -> SpatialReference:
    """A SpatialReference from "EPSG:32637" or "32637". Raises ImportFailed for an unknown CRS."""
    code = text.strip().upper().removeprefix("EPSG:")
    try:
        return SpatialReference(int(code))
    except (ValueError, GDALException):
        raise ImportFailed(
            _("--srs %(srs)s: not an EPSG code GDAL knows; write it as EPSG:XXXX") % {"srs": text}
        ) from None
