"""Pure checks of polygon rings on coordinate tuples: what GEOS and PostGIS refuse to read.

GDAL 3.6 reads a GeoJSON polygon whose ring is not closed without failing (it only logs "Non closed
ring detected"), so the vector importer finds and names the ring itself.
"""

from collections.abc import Sequence

from django.utils.translation import gettext as _

Ring = Sequence[Sequence[float]]


def ring_problem(polygons: Sequence[Sequence[Ring]]) -> str | None:
    """The first unreadable ring as a sentence, or None. `polygons`: [[ring, …], …], rings of (x, y…).

    Rings count from 1 (1 = the outer ring); polygons from 1 within a multipolygon.
    """
    for p, rings in enumerate(polygons, start=1):
        for r, ring in enumerate(rings, start=1):
            where = (
                _("polygon %(p)d, ring %(r)d") % {"p": p, "r": r}
                if len(polygons) > 1
                else _("ring %(r)d") % {"r": r}
            )
            if len(ring) and tuple(ring[0][:2]) != tuple(ring[-1][:2]):
                return _("%(where)s is not closed: it starts at %(first)s and ends at %(last)s") % {
                    "where": where,
                    "first": _point(ring[0]),
                    "last": _point(ring[-1]),
                }
            if 0 < len(ring) < 4:
                return _("%(where)s has %(n)d points; a closed ring needs at least 4") % {
                    "where": where,
                    "n": len(ring),
                }
    return None


def _point(xy: Sequence[float]) -> str:
    return f"({xy[0]:.7g} {xy[1]:.7g})"
