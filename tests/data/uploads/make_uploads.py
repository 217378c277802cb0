"""Make the upload fixtures in tests/data/uploads/ from the Krymsk fixtures in tests/data (see ../README.md).

Run from the repository root:  .venv/bin/python tests/data/uploads/make_uploads.py
Needs GDAL's command-line tools (Debian: gdal-bin; ogr2ogr with the SQLite dialect for the centroids) and
the standard library. Every file is converted by ogr2ogr from krymsk_buildings_50.geojson and
krymsk_roads_50.shp.zip; the few deliberately broken files are edits of those results, made here.
"""

import json
import subprocess
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
BUILDINGS = DATA / "krymsk_buildings_50.geojson"
ROADS = f"/vsizip/{DATA / 'krymsk_roads_50.shp.zip'}"
UTM = "EPSG:32637"  # UTM zone 37N, the local projected CRS of Krymsk
CENTROIDS = (
    "SELECT CAST(rowid AS integer) + 1 AS id, A_STRT AS street, A_HSNMBR AS housenumber, "
    "round(ST_X(ST_Centroid(geometry)), 7) AS lon, round(ST_Y(ST_Centroid(geometry)), 7) AS lat "
    "FROM krymsk_buildings_50"
)
CORRUPT_BYTES = 16 << 10


def ogr2ogr(*args: str) -> None:
    subprocess.run(["ogr2ogr", *args], check=True)


def geopackage(out: Path) -> None:
    """Two layers: buildings reprojected to UTM 37N, roads as they are (EPSG:4326); no spatial index."""
    out.unlink(missing_ok=True)
    ogr2ogr(
        "-f", "GPKG", str(out), str(BUILDINGS), "-nln", "buildings", "-t_srs", UTM, "-lco", "SPATIAL_INDEX=NO"
    )
    ogr2ogr("-f", "GPKG", "-update", str(out), ROADS, "-nln", "roads", "-lco", "SPATIAL_INDEX=NO")


def shapefile_utm(out: Path) -> None:
    """The 50 roads reprojected to UTM 37N, zipped with their .prj."""
    with tempfile.TemporaryDirectory() as tmp:
        ogr2ogr(
            "-f", "ESRI Shapefile", f"{tmp}/roads_utm.shp", ROADS, "-t_srs", UTM, "-lco", "ENCODING=UTF-8"
        )
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for member in sorted(Path(tmp).iterdir()):
                zf.write(member, member.name)


def kml(out: Path) -> None:
    """The first 10 buildings; the street as the placemark name, the house number as ExtendedData."""
    out.unlink(missing_ok=True)
    ogr2ogr("-f", "KML", str(out), str(BUILDINGS), "-limit", "10", "-dsco", "NameField=A_STRT")


def csv_points(out: Path) -> None:
    """The centroids of the 50 buildings: id, street, housenumber, lon, lat (comma-separated)."""
    out.unlink(missing_ok=True)
    ogr2ogr("-f", "CSV", str(out), str(BUILDINGS), "-dialect", "SQLite", "-sql", CENTROIDS)


def csv_wkt(out: Path) -> None:
    """The first 10 buildings with their polygons as a WKT column, semicolon-separated (as Excel in a
    Russian locale writes CSV)."""
    out.unlink(missing_ok=True)
    ogr2ogr(
        "-f", "CSV", str(out), str(BUILDINGS), "-limit", "10",
        "-lco", "GEOMETRY=AS_WKT", "-lco", "SEPARATOR=SEMICOLON",
    )  # fmt: skip


def broken_csv(points: Path, out: Path) -> None:
    """The centroid CSV with line 5 one value short and line 9's longitude made text."""
    lines = points.read_text(encoding="utf-8").splitlines(keepends=True)
    text = lines[4].rstrip("\r\n")
    lines[4] = text.rsplit(",", 1)[0] + lines[4][len(text) :]
    cells = lines[8].split(",")
    cells[3] = "37.98x"
    lines[8] = ",".join(cells)
    out.write_text("".join(lines), encoding="utf-8")


def corrupt_geopackage(source: Path, out: Path) -> None:
    """The first 16 KB of the GeoPackage: a download cut short."""
    out.write_bytes(source.read_bytes()[:CORRUPT_BYTES])


def invalid_geometries(out: Path) -> None:
    """Three buildings: the first as it is; the second with a spike (out and back along one line from
    its third vertex, 0.0001° ≈ 8 m north: invalid, repaired without changing its area); the third with
    its second and third vertices swapped (a self-crossing bowtie: invalid, not safely repairable)."""
    collection = json.loads(BUILDINGS.read_text(encoding="utf-8"))
    features = collection["features"][:3]
    spiked = features[1]["geometry"]["coordinates"][0]
    x, y = spiked[2][:2]
    spiked[3:3] = [[x, y + 0.0001], [x, y]]
    bowtie = features[2]["geometry"]["coordinates"][0]
    bowtie[1], bowtie[2] = bowtie[2], bowtie[1]
    collection["features"] = features
    out.write_text(json.dumps(collection, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    geopackage(HERE / "krymsk_centre.gpkg")
    shapefile_utm(HERE / "krymsk_roads_utm.shp.zip")
    kml(HERE / "krymsk_buildings_10.kml")
    csv_points(HERE / "krymsk_building_points.csv")
    csv_wkt(HERE / "krymsk_buildings_wkt.csv")
    broken_csv(HERE / "krymsk_building_points.csv", HERE / "broken_rows.csv")
    corrupt_geopackage(HERE / "krymsk_centre.gpkg", HERE / "corrupt.gpkg")
    invalid_geometries(HERE / "invalid_geometries.geojson")
    for path in sorted(HERE.iterdir()):
        if path.suffix != ".py":
            print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
