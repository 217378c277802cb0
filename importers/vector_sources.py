"""Opening an uploaded vector file with GDAL, safely: which driver may read which suffix, and which layer.

GDAL identifies a file by its content, not its name, and GDAL 3.6 cannot be told to stay away from the
file system (Django's gis.W001). A "roads.geojson" that holds an OGR VRT document would make the VRT driver
read any file the server can read (checked: /etc/passwd comes back as features). So every file is opened
with GDALOpenEx and an allow-list of exactly the drivers its suffix names; anything else fails to open.
Archives (.zip, .kmz) are unpacked by importers.archives (limits, no `..`) before GDAL sees a member.
"""

from collections.abc import Iterator
from ctypes import c_char_p
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.gis.gdal import CoordTransform, DataSource, GDALException, SpatialReference
from django.contrib.gis.gdal.driver import Driver
from django.contrib.gis.gdal.layer import Layer as OgrLayer
from django.contrib.gis.gdal.prototypes import ds as capi
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from importers.errors import ImportFailed
from importers.rings import ring_problem

WGS84 = 4326
POLYGON_TYPES = {"Polygon", "MultiPolygon", "Polygon25D", "MultiPolygon25D"}

# Suffix → (the only GDAL drivers allowed to open it, the format name for messages).
DRIVERS: dict[str, tuple[tuple[str, ...], str]] = {
    ".geojson": (("GeoJSON",), "GeoJSON"),
    ".json": (("GeoJSON",), "GeoJSON"),
    ".shp": (("ESRI Shapefile",), "Shapefile"),
    ".gpkg": (("GPKG",), "GeoPackage"),
    # LIBKML reads ExtendedData (the attributes); the plain KML driver keeps only Name and Description.
    ".kml": (("LIBKML",), "KML"),
}
CSV_SUFFIX = ".csv"
ARCHIVE_SUFFIXES = (".zip", ".kmz")
DATA_SUFFIXES = (*DRIVERS, CSV_SUFFIX)
# Inside an archive, in this order: a Shapefile's other members (.dbf, .prj…) are not datasets.
ARCHIVE_PREFERENCE = ((".shp",), (".gpkg",), (".geojson", ".json"), (".kml",), (CSV_SUFFIX,))
NO_GEOMETRY = "None"  # OGRGeomType name of a table without geometry (a GeoPackage attribute table)


def accepted_suffixes() -> str:
    """ "…, .zip, .kmz" for messages."""
    return ", ".join((*DATA_SUFFIXES, *ARCHIVE_SUFFIXES))


def open_dataset(path: Path, *, file_name: str) -> DataSource:
    """The OGR dataset at `path`, opened read-only by the drivers its suffix allows (DRIVERS).

    `file_name` is the name the user knows (the upload's, not a temporary path). Raises ImportFailed
    naming the expected format when no allowed driver can read the file (corrupt, truncated, disguised).
    """
    drivers, label = DRIVERS[path.suffix.lower()]
    Driver.ensure_registered()
    allowed = (c_char_p * (len(drivers) + 1))(*(name.encode() for name in drivers), None)
    flags = capi.GDAL_OF_READONLY | capi.GDAL_OF_VECTOR
    try:
        pointer = capi.open_ds(str(path).encode(), flags, allowed, None, None)
        return DataSource(pointer, capi.get_dataset_driver(pointer))
    except GDALException:
        raise ImportFailed(
            _("cannot read %(file)s as %(format)s: the file is damaged, truncated or not %(format)s")
            % {"file": file_name, "format": label}
        ) from None


def dataset_in(files: list[Path], *, archive_name: str) -> Path:
    """The one dataset among the unpacked members of an archive. Raises ImportFailed for none or several."""
    for suffixes in ARCHIVE_PREFERENCE:
        found = sorted(f for f in files if f.suffix.lower() in suffixes)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ImportFailed(
                _("%(file)s holds several datasets (%(names)s); upload one per archive")
                % {"file": archive_name, "names": ", ".join(f.name for f in found)}
            )
    raise ImportFailed(
        _("%(file)s holds no dataset: expected one of %(suffixes)s inside")
        % {"file": archive_name, "suffixes": ", ".join(DATA_SUFFIXES)}
    )


def choose_layer(dataset: DataSource, *, requested: str | None, file_name: str) -> OgrLayer:
    """The layer to import: `requested` by name, else the only layer with geometry.

    Raises ImportFailed listing the layers when the name is unknown, or when there are several and none
    was chosen (a GeoPackage of zoning and networks, a KML with folders).
    """
    layers = [dataset[i] for i in range(len(dataset))]
    spatial = [layer for layer in layers if layer.geom_type.name != NO_GEOMETRY]
    names = ", ".join(layer.name for layer in spatial) or "—"
    if requested:
        for layer in layers:
            if layer.name == requested:
                return layer
        raise ImportFailed(
            _("%(file)s has no layer %(name)r; its layers: %(names)s")
            % {"file": file_name, "name": requested, "names": names}
        )
    if len(spatial) == 1:
        return spatial[0]
    if not spatial:
        raise ImportFailed(_("%(file)s has no layer with geometry") % {"file": file_name})
    raise ImportFailed(
        _("%(file)s has %(n)d layers; choose one with layer (--source-layer on the command line): %(names)s")
        % {"file": file_name, "n": len(spatial), "names": names}
    )


KML_BOOKKEEPING = frozenset(
    {"timestamp", "begin", "end", "altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon"}
)
KML_DEFAULTS = (None, "", -1, 0)


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One feature of a source. row: 1-based position (feature number, or CSV line); fid: its own number
    (GDAL's feature id, or the CSV line); values: column → value (None when the row could not even be
    split into values); wkb: EPSG:4326 (lon, lat), or None with `problem` saying why."""

    row: int
    fid: int
    values: dict[str, Any] | None
    wkb: bytes | None
    problem: str | None


class OgrReader:
    """The features of one layer of a GDAL dataset, transformed to EPSG:4326.

    CRS: `srs` when given, else the layer's own (.prj, GeoJSON crs member, GeoPackage srs); a Shapefile
    without .prj and without `srs` is refused, as is any other file without a CRS.
    """

    row_label = gettext_lazy("feature")

    def __init__(self, path: Path, *, file_name: str, source_layer: str | None, srs: SpatialReference | None):
        self.path = path
        self.file_name = file_name
        self.dataset = open_dataset(path, file_name=file_name)
        self.layer = choose_layer(self.dataset, requested=source_layer, file_name=file_name)
        self.transform = self._transform(srs)
        self.columns = list(self.layer.fields)
        self.kml = path.suffix.lower() == ".kml"

    def close(self) -> None:
        self.layer = self.dataset = None

    def estimate(self) -> int:
        return self.layer.num_feat

    def rows(self) -> Iterator[SourceRow]:
        row = 0
        try:
            for row, feature in enumerate(self.layer, start=1):
                values = {column: feature.get(column) for column in self.columns}
                if self.kml:
                    values = {
                        k: v for k, v in values.items() if not (k in KML_BOOKKEEPING and v in KML_DEFAULTS)
                    }
                wkb, problem = self._geometry(feature)
                yield SourceRow(row, feature.fid, values, wkb, problem)
        except GDALException as exc:
            raise ImportFailed(
                _("cannot read %(file)s after feature %(row)d: %(error)s — the file is damaged")
                % {"file": self.file_name, "row": row, "error": exc}
            ) from None

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

    def _transform(self, srs: SpatialReference | None) -> CoordTransform | None:
        """The transform to EPSG:4326 (None when the data is already there)."""
        if srs is None:
            srs = self.layer.srs
            if srs is None:
                if self.path.suffix.lower() == ".shp":
                    raise ImportFailed(
                        _("%(file)s: %(shp)s has no .prj file: pass --srs (e.g. --srs EPSG:4326)")
                        % {"file": self.file_name, "shp": self.path.name}
                    )
                raise ImportFailed(
                    _("%(file)s has no CRS: pass --srs (e.g. --srs EPSG:4326)") % {"file": self.file_name}
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
