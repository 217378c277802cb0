"""Reading a CSV of points (longitude / latitude columns) or of WKT geometries, line by line.

Python's csv module rather than GDAL's CSV driver: every record keeps the number of the physical line it
starts on, so a reject says "line 7", which is what a spreadsheet shows. The delimiter (comma, semicolon
or tab) is taken from the header line; a decimal comma ("37,98", as Russian spreadsheets write) is read
as a point. Empty values become null. Values stay text (no guessing of types). The geometry columns are
not copied into the properties.

Columns: `lon` + `lat`, or `wkt`, by name; when none is given they are looked for among the usual names
(LON_NAMES, LAT_NAMES, WKT_NAMES, any case). Coordinates are in `srid` (EPSG:4326 unless overridden); an
EWKT value ("SRID=3857;POINT(…)") carries its own.
"""

import codecs
import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.contrib.gis.geos import GEOSException, GEOSGeometry, Point
from django.utils.translation import gettext as _

from importers.errors import ImportFailed

LON_NAMES = ("lon", "lng", "long", "longitude", "x", "долгота")
LAT_NAMES = ("lat", "latitude", "y", "широта")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "shape")
DELIMITERS = (",", ";", "\t")
FIELD_LIMIT = 16 << 20  # characters in one value: a WKT polygon of a big parcel can pass csv's 128 KB
DEFAULT_ENCODING = "utf-8-sig"  # UTF-8, with or without the byte order mark that Excel writes


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One record. line: 1-based physical line it starts on (line 1 is the header); values: column →
    text or None (geometry columns left out), None for a record with the wrong number of values; geom: in
    the CSV's CRS, or None with a `problem` sentence."""

    line: int
    values: dict[str, str | None] | None
    geom: GEOSGeometry | None
    problem: str | None


class CsvPoints:
    """A CSV file opened for reading. Raises ImportFailed (naming the file and the fix) from `open`."""

    def __init__(self, path: Path, *, file_name: str, lon=None, lat=None, wkt=None, encoding=None, srid=4326):
        self.path = path
        self.file_name = file_name
        self.requested = {"lon": lon, "lat": lat, "wkt": wkt}
        self.encoding = encoding or DEFAULT_ENCODING
        self.srid = srid
        self.delimiter = ","
        self.header: list[str] = []
        self.geometry_columns: dict[str, str] = {}

    @property
    def columns(self) -> list[str]:
        """The property columns: the header without the geometry columns."""
        used = set(self.geometry_columns.values())
        return [c for c in self.header if c not in used]

    def open(self) -> None:
        try:
            codec = codecs.lookup(self.encoding).name
        except LookupError:
            codec = ""
        if not codec or codec.startswith(("utf-16", "utf-32")):
            raise ImportFailed(
                _("encoding %(name)r: give a known one-byte or UTF-8 encoding, e.g. utf-8 or cp1251")
                % {"name": self.encoding}
            )
        csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
        first = next(self._lines(), "")
        self.delimiter = max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","
        try:
            header = next(csv.reader([first], delimiter=self.delimiter), [])
        except csv.Error as exc:
            raise self._broken(1, exc) from None
        self.header = [name.strip() for name in header]
        if not any(self.header):
            raise ImportFailed(_("%(file)s: line 1 must name the columns") % {"file": self.file_name})
        repeated = sorted({c for c in self.header if self.header.count(c) > 1})
        if repeated:
            raise ImportFailed(
                _("%(file)s: the header names %(names)s more than once")
                % {"file": self.file_name, "names": ", ".join(repeated)}
            )
        self.geometry_columns = self._geometry_columns()

    def _geometry_columns(self) -> dict[str, str]:
        given = {role: name for role, name in self.requested.items() if name}
        for role, name in given.items():
            if name not in self.header:
                raise ImportFailed(
                    _("%(file)s has no column %(name)r (given as %(role)s); columns: %(known)s")
                    % {"file": self.file_name, "name": name, "role": role, "known": ", ".join(self.header)}
                )
        if "wkt" in given and ({"lon", "lat"} & set(given)):
            raise ImportFailed(_("give either wkt or lon and lat, not both"))
        if "wkt" in given:
            return {"wkt": given["wkt"]}
        if given:
            found = {
                role: given.get(role) or self._find(names)
                for role, names in (("lon", LON_NAMES), ("lat", LAT_NAMES))
            }
        else:
            wkt = self._find(WKT_NAMES)
            if wkt:
                return {"wkt": wkt}
            found = {"lon": self._find(LON_NAMES), "lat": self._find(LAT_NAMES)}
        if not (found["lon"] and found["lat"]):
            raise ImportFailed(
                _(
                    "%(file)s: which columns hold the geometry? Give lon and lat (or wkt) — "
                    "--lon/--lat/--wkt on the command line; columns: %(known)s"
                )
                % {"file": self.file_name, "known": ", ".join(self.header)}
            )
        return found

    def _find(self, names: tuple[str, ...]) -> str | None:
        lowered = {c.lower(): c for c in self.header}
        return next((lowered[n] for n in names if n in lowered), None)

    def estimate(self) -> int:
        """Lines after the header (a multi-line quoted value makes this an over-estimate)."""
        with self.path.open("rb") as raw:
            return max(sum(1 for _line in raw) - 1, 0)

    def rows(self) -> Iterator[CsvRow]:
        """Every non-blank record after the header, in order."""
        reader = csv.reader(self._lines(), delimiter=self.delimiter)
        next(reader, None)
        while True:
            line = reader.line_num + 1
            try:
                record = next(reader, None)
            except csv.Error as exc:
                raise self._broken(line, exc) from None
            if record is None:
                return
            if not any(value.strip() for value in record):
                continue
            yield self._row(line, record)

    def _row(self, line: int, record: list[str]) -> CsvRow:
        if len(record) != len(self.header):
            problem = _("%(n)d values where the header has %(columns)d columns") % {
                "n": len(record),
                "columns": len(self.header),
            }
            return CsvRow(line, None, None, problem)
        cells = {name: (value.strip() or None) for name, value in zip(self.header, record, strict=True)}
        geom, problem = self._geometry(cells)
        values = {c: cells[c] for c in self.columns}
        return CsvRow(line, values, geom, problem)

    def _geometry(self, cells: dict[str, str | None]) -> tuple[GEOSGeometry | None, str | None]:
        if "wkt" in self.geometry_columns:
            column = self.geometry_columns["wkt"]
            text = cells[column]
            if text is None:
                return None, _("no geometry: %(column)s is empty") % {"column": column}
            try:
                geom = GEOSGeometry(text)
            except (GEOSException, ValueError):
                return None, _("%(column)s is not WKT: %(value)s") % {"column": column, "value": text[:60]}
            if geom.srid is None:
                geom.srid = self.srid
            return geom, None
        coords = []
        for role in ("lon", "lat"):
            column = self.geometry_columns[role]
            number = parse_number(cells[column])
            if number is None:
                return None, _("%(column)s %(value)r is not a number") % {
                    "column": column,
                    "value": cells[column] or "",
                }
            coords.append(number)
        return Point(*coords, srid=self.srid), None

    def _lines(self) -> Iterator[str]:
        """The file's lines, decoded one by one, so that a wrong encoding is reported at its line."""
        with self.path.open("rb") as raw:
            for number, data in enumerate(raw, start=1):
                try:
                    yield data.decode(self.encoding)
                except UnicodeDecodeError:
                    raise ImportFailed(
                        _(
                            "line %(line)d of %(file)s is not %(encoding)s text: "
                            "give the file's encoding (e.g. cp1251)"
                        )
                        % {
                            "line": number,
                            "file": self.file_name,
                            "encoding": self.encoding.removesuffix("-sig").upper(),
                        }
                    ) from None

    def _broken(self, line: int, exc: csv.Error) -> ImportFailed:
        return ImportFailed(
            _("%(file)s cannot be read past line %(line)d: %(error)s")
            % {"file": self.file_name, "line": line, "error": exc}
        )


def parse_number(text: str | None) -> float | None:
    """A finite number from "37.98", "37,98" (decimal comma) or " -1e3 "; None for anything else."""
    if text is None:
        return None
    value = text.strip().replace("\u00a0", "")
    if "," in value and "." not in value and value.count(",") == 1:
        value = value.replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
