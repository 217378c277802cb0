"""Cut the small test fixtures in tests/data/ from the Krymsk demo data (see README.md here).

Run from the repository root:  .venv/bin/python tests/data/make_fixtures.py [--source DIR]
DIR defaults to /work/shared/data/krymsk. Needs only pyosmium and the standard library: the Shapefile is
cut record by record from the original .shp / .shx / .dbf bytes, so values and geometry stay untouched.
"""

import argparse
import io
import json
import struct
import zipfile
from pathlib import Path

import osmium

HERE = Path(__file__).resolve().parent
CENTRE = (37.985, 44.925)  # (lon, lat): central Krymsk
HALF = (0.0045, 0.0034)  # half-size of the slice, degrees (~700 m × 750 m)
ROAD_BOX = 2.0  # the Shapefile roads come from a box this many times the slice, to find N_ROADS of them
BOUNDARY_RELATION = 1  # boundary=administrative admin_level=8 "Крымск"
BUILDING_RELATION = 2  # the one multipolygon building (улица Луначарского, 303), inside the slice
N_BUILDINGS = 50
N_ROADS = 50
N_UNCLOSED = 5
UNCLOSED_INDEX = 2  # 0-based: the third feature of unclosed_ring.geojson loses its closing point


def inside(lon: float, lat: float) -> bool:
    return abs(lon - CENTRE[0]) < HALF[0] and abs(lat - CENTRE[1]) < HALF[1]


def box_overlaps(xmin: float, ymin: float, xmax: float, ymax: float) -> bool:
    dx, dy = HALF[0] * ROAD_BOX, HALF[1] * ROAD_BOX
    return xmin < CENTRE[0] + dx and xmax > CENTRE[0] - dx and ymin < CENTRE[1] + dy and ymax > CENTRE[1] - dy


def cut_pbf(source: Path, out: Path) -> None:
    """Building and highway ways with a node in the slice, complete, plus both relations, complete."""
    wanted_ways = set()
    for obj in (
        osmium.FileProcessor(str(source))
        .with_locations()
        .with_filter(osmium.filter.KeyFilter("building", "highway"))
    ):
        if obj.is_way() and any(inside(n.lon, n.lat) for n in obj.nodes):
            wanted_ways.add(obj.id)
    with osmium.BackReferenceWriter(str(out), ref_src=str(source), overwrite=True) as writer:
        for obj in osmium.FileProcessor(str(source), osmium.osm.WAY | osmium.osm.RELATION):
            if obj.is_way() and obj.id in wanted_ways:
                writer.add(obj)
            elif obj.is_relation() and obj.id in (BOUNDARY_RELATION, BUILDING_RELATION):
                writer.add(obj)


def cut_geojson(zipped: Path) -> tuple[dict, list[dict]]:
    """The source collection (without features) and its first N_BUILDINGS features in the slice."""
    with zipfile.ZipFile(zipped) as zf:
        collection = json.loads(zf.read("buildings.geojson"))
    features = [f for f in collection.pop("features") if inside(*f["geometry"]["coordinates"][0][0][:2])][
        :N_BUILDINGS
    ]
    return collection, features


def write_geojson(path: Path, head: dict, features: list[dict]) -> None:
    lines = [json.dumps(f, ensure_ascii=False) for f in features]
    body = json.dumps(head, ensure_ascii=False)[:-1] + ',\n"features": [\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(body, encoding="utf-8")


def read_shapefile(zipped: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zipped) as zf:
        return {Path(n).suffix.lower(): zf.read(n) for n in zf.namelist()}


def dbf_records(dbf: bytes) -> tuple[bytes, list[bytes], list[tuple[str, int, int]]]:
    """(header bytes, raw records, [(field name, offset in record, length)]) of a dBASE III file."""
    n_records, header_len, record_len = struct.unpack_from("<IHH", dbf, 4)
    fields, offset, pos = [], 1, 32
    while dbf[pos] != 0x0D:
        name = dbf[pos : pos + 11].split(b"\0")[0].decode("ascii")
        length = dbf[pos + 16]
        fields.append((name, offset, length))
        offset += length
        pos += 32
    records = [dbf[header_len + i * record_len : header_len + (i + 1) * record_len] for i in range(n_records)]
    return dbf[:header_len], records, fields


def shp_records(shp: bytes, shx: bytes) -> list[bytes]:
    """Record contents (without the 8-byte record header) in order, found through the .shx index."""
    out = []
    for pos in range(100, len(shx), 8):
        offset, length = struct.unpack_from(">ii", shx, pos)
        start = offset * 2 + 8
        out.append(shp[start : start + length * 2])
    return out


def cut_shapefile(files: dict[str, bytes]) -> dict[str, bytes]:
    """The first N_ROADS polylines whose box overlaps the slice, with distinct OSM_IDs."""
    contents = shp_records(files[".shp"], files[".shx"])
    header, records, fields = dbf_records(files[".dbf"])
    osm_id = next((off, length) for name, off, length in fields if name == "OSM_ID")
    chosen, seen = [], set()
    for i, content in enumerate(contents):
        key = records[i][osm_id[0] : osm_id[0] + osm_id[1]].strip()
        if key not in seen and box_overlaps(*struct.unpack_from("<4d", content, 4)):
            seen.add(key)
            chosen.append(i)
        if len(chosen) == N_ROADS:
            break
    shp_body, shx_body, boxes, offset = b"", b"", [], 50
    for number, i in enumerate(chosen, start=1):
        content = contents[i]
        boxes.append(struct.unpack_from("<4d", content, 4))
        shp_body += struct.pack(">ii", number, len(content) // 2) + content
        shx_body += struct.pack(">ii", offset, len(content) // 2)
        offset += 4 + len(content) // 2
    box = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )

    def shp_header(total_bytes: int) -> bytes:
        head = bytearray(files[".shp"][:100])
        struct.pack_into(">i", head, 24, total_bytes // 2)
        struct.pack_into("<4d", head, 36, *box)
        return bytes(head)

    dbf_head = bytearray(header)
    struct.pack_into("<I", dbf_head, 4, len(chosen))
    return {
        ".shp": shp_header(100 + len(shp_body)) + shp_body,
        ".shx": shp_header(100 + len(shx_body)) + shx_body,
        ".dbf": bytes(dbf_head) + b"".join(records[i] for i in chosen) + b"\x1a",
        ".prj": files[".prj"],
        ".cpg": files[".cpg"],
    }


def write_zip(path: Path, stem: str, files: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for suffix in sorted(files):
            info = zipfile.ZipInfo(stem + suffix, date_time=(2016, 5, 22, 23, 6, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[suffix])
    path.write_bytes(buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/work/shared/data/krymsk"))
    src = parser.parse_args().source

    pbf = HERE / "krymsk_centre.osm.pbf"
    cut_pbf(src / "krymsk_nextgis_derived.osm.pbf", pbf)
    data = pbf.read_bytes()
    (HERE / "truncated.osm.pbf").write_bytes(data[: len(data) // 2])

    head, features = cut_geojson(src / "krymsk_buildings.geojson.zip")
    write_geojson(HERE / "krymsk_buildings_50.geojson", head, features)
    broken = json.loads(json.dumps(features[:N_UNCLOSED]))
    ring = broken[UNCLOSED_INDEX]["geometry"]["coordinates"][0]
    assert len(ring) >= 5, "pick a feature whose ring still has 4 points without its closing one"
    ring.pop()
    write_geojson(HERE / "unclosed_ring.geojson", head, broken)

    roads = cut_shapefile(read_shapefile(src / "krymsk_highways.shp.zip"))
    write_zip(HERE / "krymsk_roads_50.shp.zip", "roads", roads)
    write_zip(HERE / "roads_no_prj.shp.zip", "roads", {k: v for k, v in roads.items() if k != ".prj"})

    for path in sorted(HERE.iterdir()):
        if path.suffix in (".pbf", ".geojson", ".zip"):
            print(f"{path.name}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
