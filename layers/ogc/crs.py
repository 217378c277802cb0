"""The coordinate reference systems /ogc offers (OGC API – Features Part 2): pure data, no database.

Every geometry is stored in EPSG:4326 with (lon, lat) axis order — what OGC names CRS84, the storage CRS and
the default. EPSG:4326 itself is defined with (lat, lon) axis order, so coordinates in and out of it are
swapped. Output precision: 6 decimals for degrees (~0.1 m), 2 for metres (1 cm).
"""

import re
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext

from geoportal.errors import ValidationFailed

CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_URI = "http://www.opengis.net/def/crs/EPSG/0/{code}"

WGS84_SRID = 4326
WEB_MERCATOR_SRID = 3857
UTM_NORTH_SRIDS = range(32601, 32661)
UTM_SOUTH_SRIDS = range(32701, 32761)

_EPSG_FORMS = (
    re.compile(r"^https?://www\.opengis\.net/def/crs/EPSG/0/(\d+)$"),
    re.compile(r"^\[?EPSG:(\d+)\]?$", re.IGNORECASE),
    re.compile(r"^urn:ogc:def:crs:EPSG::(\d+)$", re.IGNORECASE),
)
_CRS84_FORMS = frozenset(
    {
        CRS84_URI,
        "https://www.opengis.net/def/crs/OGC/1.3/CRS84",
        "http://www.opengis.net/def/crs/OGC/0/CRS84",
        "[OGC:CRS84]",
        "OGC:CRS84",
        "CRS84",
        "urn:ogc:def:crs:OGC:1.3:CRS84",
    }
)


@dataclass(frozen=True)
class Crs:
    uri: str
    srid: int  # the PostGIS SRID, passed to ST_Transform as an integer
    lat_lon: bool  # True when the definition orders axes (lat, lon): EPSG:4326
    precision: int  # decimals written: 6 for degrees, 2 for metres

    @property
    def is_storage(self) -> bool:
        """True for CRS84: stored coordinates are written as they are."""
        return self.srid == WGS84_SRID and not self.lat_lon

    @property
    def geographic(self) -> bool:
        return self.srid == WGS84_SRID


CRS84 = Crs(uri=CRS84_URI, srid=WGS84_SRID, lat_lon=False, precision=6)


@cache
def offered() -> tuple[Crs, ...]:
    """Every CRS a client may ask for: CRS84 (first, the default), EPSG:4326, EPSG:3857, the 120 UTM zones."""
    epsg = [Crs(EPSG_URI.format(code=WGS84_SRID), WGS84_SRID, lat_lon=True, precision=6)]
    epsg.append(Crs(EPSG_URI.format(code=WEB_MERCATOR_SRID), WEB_MERCATOR_SRID, lat_lon=False, precision=2))
    for srid in (*UTM_NORTH_SRIDS, *UTM_SOUTH_SRIDS):
        epsg.append(Crs(EPSG_URI.format(code=srid), srid, lat_lon=False, precision=2))
    return (CRS84, *epsg)


def offered_uris() -> list[str]:
    return [crs.uri for crs in offered()]


@cache
def _by_srid() -> dict[int, Crs]:
    return {crs.srid: crs for crs in offered() if crs.uri != CRS84_URI}


def crs_parse(raw: str | None, *, field: str) -> Crs:
    """The offered CRS named by `raw` (a URI, a safe CURIE `[EPSG:3857]` or `EPSG:3857`); CRS84 when absent.

    Raises ValidationFailed (400) naming `field` for a CRS that is not offered.
    """
    if raw is None:
        return CRS84
    value = raw.strip()
    if value in _CRS84_FORMS:
        return CRS84
    for form in _EPSG_FORMS:
        match = form.match(value)
        if match and int(match.group(1)) in _by_srid():
            return _by_srid()[int(match.group(1))]
    message = gettext(
        "%(field)s %(value)s is not offered; use CRS84, EPSG:4326, EPSG:3857 or a UTM zone "
        "(EPSG:32601–32660, 32701–32760) as an http://www.opengis.net/def/crs/… URI."
    )
    raise ValidationFailed(message % {"field": field, "value": raw}, field=field)


def content_crs_header(crs: Crs) -> str:
    """The Content-Crs header value: the URI in angle brackets."""
    return f"<{crs.uri}>"
