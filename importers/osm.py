"""The `osm` importer (pyosmium): buildings → Property, highways → Asset roads, the municipality boundary
→ AdminArea, amenities / leisure / street furniture → Asset.

Polygons come from osmium's area assembly (closed ways and multipolygon / boundary relations), lines and
points from the node location cache. Source ids are "n<id>", "w<id>", "r<id>", so a re-import of the same
extract updates the same rows.
"""

from collections.abc import Iterator

import osmium
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from importers import osm_tags
from importers.base import Importer, ImporterInfo, Option, Record, Reject
from importers.errors import ImportFailed

# Objects without one of these keys are dropped inside osmium, before they cost any Python time.
KEYS = ("building", "highway", "amenity", "leisure", "boundary")
AREA_KEYS = ("building", "boundary", "amenity", "leisure")
SUFFIXES = (".osm.pbf", ".pbf", ".osm", ".osm.gz", ".osm.bz2", ".osm.xml", ".o5m", ".opl")
GEOMETRY_ERRORS = (RuntimeError, osmium.InvalidLocationError)


class OsmImporter(Importer):
    name = "osm"
    help = gettext_lazy(
        "OpenStreetMap extract (.osm.pbf, .osm, .osm.gz): buildings, roads, the municipality boundary "
        "and amenities"
    )
    options = (
        Option("code", gettext_lazy("code of the municipality admin area"), default="krymsk"),
        Option(
            "admin_level",
            gettext_lazy("admin_level of the boundary=administrative relation that is the municipality"),
            default="8",
        ),
        Option("source", gettext_lazy("value of the source column of the rows written"), default="osm"),
    )
    row_label = gettext_lazy("OSM object")

    @property
    def info(self) -> ImporterInfo:
        return ImporterInfo(source_name=self.opts["source"], targets=("property", "asset", "adminarea"))

    def open(self) -> None:
        if not self.path.name.lower().endswith(SUFFIXES):
            raise ImportFailed(
                _("%(file)s is not an OSM file: expected one of %(suffixes)s")
                % {"file": self.path.name, "suffixes": ", ".join(SUFFIXES)}
            )

    def estimate(self) -> int:
        """The number of objects with an interesting key: one fast pass that stays inside osmium."""
        processor = osmium.FileProcessor(str(self.path)).with_filter(osmium.filter.KeyFilter(*KEYS))
        try:
            return sum(1 for _obj in processor)
        except RuntimeError as exc:
            raise self._unreadable(exc) from exc

    def read(self) -> Iterator[Record | Reject]:
        try:
            yield from self._objects()
        except RuntimeError as exc:
            raise self._unreadable(exc) from exc

    def _unreadable(self, exc: Exception) -> ImportFailed:
        return ImportFailed(
            _("cannot read %(file)s: %(error)s — the file is truncated or not an OSM PBF/XML file")
            % {"file": self.path.name, "error": exc}
        )

    def _objects(self) -> Iterator[Record | Reject]:
        factory = osmium.geom.WKBFactory()
        processor = (
            osmium.FileProcessor(str(self.path))
            .with_areas(osmium.filter.KeyFilter(*AREA_KEYS))
            .with_filter(osmium.filter.KeyFilter(*KEYS))
        )
        row = 0
        for obj in processor:
            row += 1
            tags = {tag.k: tag.v for tag in obj.tags}
            if obj.is_area():
                yield from self._area(obj, tags, row, factory)
            elif obj.is_way():
                yield from self._way(obj, tags, row, factory)
            elif obj.is_node():
                yield from self._node(obj, tags, row, factory)

    def _area(self, area, tags: dict, row: int, factory) -> Iterator[Record | Reject]:
        from_way = area.from_way()
        source_id = ("w" if from_way else "r") + str(area.orig_id())
        targets = []
        if tags.get("building", "no") != "no":
            targets.append(("property", osm_tags.building_fields(tags)))
        if osm_tags.is_municipality(tags, admin_level=self.opts["admin_level"]):
            targets.append(("adminarea", osm_tags.municipality_fields(tags, code=self.opts["code"])))
        kind = osm_tags.asset_kind(tags, point=False)
        # A closed highway way is already a road line; its area would repeat it.
        if kind and not (from_way and "highway" in tags):
            targets.append(("asset", osm_tags.asset_fields(tags, kind)))
        if not targets:
            return
        try:
            geom = factory.create_multipolygon(area)
        except GEOMETRY_ERRORS as exc:
            yield Reject(row, _("cannot build the polygon: %(error)s") % {"error": exc}, source_id)
            return
        for target, fields in targets:
            yield Record(target, source_id, fields, geom, row)

    def _way(self, way, tags: dict, row: int, factory) -> Iterator[Record | Reject]:
        source_id = f"w{way.id}"
        if tags.get("building", "no") != "no" and not way.is_closed():
            yield Reject(row, _("building way is not closed, so it has no polygon"), source_id, "property")
        if "highway" not in tags:
            return
        try:
            geom = factory.create_linestring(way)
        except GEOMETRY_ERRORS as exc:
            yield Reject(row, _("cannot build the line: %(error)s") % {"error": exc}, source_id, "asset")
            return
        yield Record("asset", source_id, osm_tags.road_fields(tags), geom, row)

    def _node(self, node, tags: dict, row: int, factory) -> Iterator[Record | Reject]:
        kind = osm_tags.asset_kind(tags, point=True)
        if not kind:
            return
        source_id = f"n{node.id}"
        try:
            geom = factory.create_point(node)
        except GEOMETRY_ERRORS as exc:
            yield Reject(row, _("cannot build the point: %(error)s") % {"error": exc}, source_id, "asset")
            return
        yield Record("asset", source_id, osm_tags.asset_fields(tags, kind), geom, row)
