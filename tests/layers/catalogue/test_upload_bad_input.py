"""Uploads that must be refused with a 4xx and a reason, writing nothing: zip bombs, `..` members,
bodies over the size limit (from the header, and while streaming), files disguised as another format."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from importers.models import ImportRun
from layers.models import Feature, Layer
from tests.layers.catalogue.conftest import DATA, UPLOADS

BOUNDARY = "geoportal-test-boundary"


def upload(client, path, **fields):
    with open(path, "rb") as file:
        return client.post("/api/v1/layers/uploads/upload", {"file": file, **fields})


@pytest.fixture
def layer(db):
    return Layer.objects.create(slug="uploads", title="Загрузки")


def nothing_written(import_dirs) -> bool:
    uploads = import_dirs / "uploads"
    return not Feature.objects.exists() and not (uploads.exists() and any(uploads.iterdir()))


@pytest.mark.django_db
def test_a_zip_bomb_is_refused(planner, layer, settings, tmp_path, import_dirs):
    settings.GEOPORTAL = {**settings.GEOPORTAL, "IMPORT_MAX_UNZIPPED_BYTES": 4 << 20}
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("roads.geojson", b" " * (64 << 20))  # 64 MB of spaces, deflated to ~64 KB

    response = upload(planner, bomb)

    assert bomb.stat().st_size < 100 << 10
    assert response.status_code == 400
    assert response.json()["detail"] == "bomb.zip unpacks to more than 4 MB, the limit for an upload"
    assert nothing_written(import_dirs)


@pytest.mark.django_db
def test_a_zip_bomb_that_lies_about_its_size_is_refused(planner, layer, settings, tmp_path):
    settings.GEOPORTAL = {**settings.GEOPORTAL, "IMPORT_MAX_UNZIPPED_BYTES": 1 << 20}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("roads.geojson", b" " * (8 << 20))
    data = bytearray(buffer.getvalue())
    # Rewrite the declared uncompressed size (local header at 22, central directory entry at +24) to 100.
    data[22:26] = (100).to_bytes(4, "little")
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    liar = tmp_path / "liar.zip"
    liar.write_bytes(bytes(data))

    response = upload(planner, liar)

    assert response.status_code == 400
    # zipfile stops at the declared size, so the CRC of the short read fails: a clear 400 either way.
    assert response.json()["detail"] == (
        "cannot unpack liar.zip: Bad CRC-32 for file 'roads.geojson' — "
        "is it a complete, unencrypted zip archive?"
    )
    assert not Feature.objects.exists()


@pytest.mark.django_db
def test_a_zip_with_dotdot_paths_is_refused(planner, layer, tmp_path, import_dirs):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../../evil.geojson", (DATA / "krymsk_buildings_50.geojson").read_bytes())

    response = upload(planner, evil)

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "evil.zip: member '../../evil.geojson' has an absolute path or a '..' part; refusing to unpack it"
    )
    assert nothing_written(import_dirs)
    assert not list(tmp_path.parent.parent.glob("evil.geojson"))


class Untouchable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


@pytest.mark.django_db
def test_a_2_gb_upload_is_refused_from_its_content_length_without_reading_it(planner, layer):
    response = planner.generic(
        "POST",
        "/api/v1/layers/uploads/upload",
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(2 << 30),
        **{"wsgi.input": Untouchable()},
    )

    assert response.status_code == 413
    assert response.json() == {
        "detail": "The upload is larger than the limit of 256.0\xa0MB.",
        "field": "file",
    }
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_anonymous_2_gb_upload_is_refused_the_same_way(client, layer):
    response = client.generic(
        "POST",
        "/api/v1/layers/uploads/upload",
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(2 << 30),
        **{"wsgi.input": Untouchable()},
    )

    assert response.status_code == 413


@pytest.mark.django_db
def test_a_body_over_the_limit_is_stopped_while_it_streams(planner, layer, settings, tmp_path, import_dirs):
    settings.GEOPORTAL = {**settings.GEOPORTAL, "IMPORT_MAX_UPLOAD_BYTES": 20_000}
    big = tmp_path / "big.geojson"  # 40 KB: under limit + form overhead in the header, over it in the body
    big.write_bytes((DATA / "krymsk_buildings_50.geojson").read_bytes() + b" " * 25_000)

    response = upload(planner, big)

    assert response.status_code == 413
    assert response.json()["detail"] == "The upload is larger than the limit of 19.5\xa0KB."
    assert nothing_written(import_dirs) and not ImportRun.objects.exists()


@pytest.mark.django_db
def test_a_vrt_disguised_as_geojson_is_not_opened(planner, layer, tmp_path):
    disguised = tmp_path / "roads.geojson"
    disguised.write_text(
        '<OGRVRTDataSource><OGRVRTLayer name="p"><SrcDataSource>/etc/passwd</SrcDataSource>'
        "</OGRVRTLayer></OGRVRTDataSource>"
    )

    response = upload(planner, disguised)

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "cannot read roads.geojson as GeoJSON: the file is damaged, truncated or not GeoJSON"
    )
    assert not Feature.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "fields", "message"),
    [
        (
            "notes.txt",
            b"hello",
            {},
            "notes.txt: expected one of .geojson, .json, .shp, .gpkg, .kml, .csv, .zip",
        ),
        ("points.csv", b"a,b\n1,2\n", {}, "points.csv: which columns hold the geometry? Give lon and lat"),
        ("points.csv", b"x,y\n1,2\n", {"lon": "lng"}, "points.csv has no column 'lng' (given as lon)"),
        ("points.csv", b"lon,lat\n37.98,44.92\n", {"srs": "EPSG:0"}, "--srs EPSG:0: not an EPSG code"),
        ("roads.geojson", b'{"type": "FeatureCollection", "features": [', {}, "cannot read roads.geojson"),
        ("roads.geojson", b"{}", {"lon": "x"}, "--lon, --lat, --wkt and --encoding are for CSV files"),
    ],
)
def test_bad_files_and_options_are_400_with_a_reason(
    planner, layer, tmp_path, name, content, fields, message
):
    path = tmp_path / name
    path.write_bytes(content)

    response = upload(planner, path, **fields)

    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not Feature.objects.exists()


@pytest.mark.django_db
def test_no_file_is_a_400_naming_the_field(planner, layer):
    response = planner.post("/api/v1/layers/uploads/upload", {"mode": "append"})

    assert response.status_code == 400
    assert response.json()["field"] == "file"


@pytest.mark.django_db
def test_a_wrong_mode_is_a_400(planner, layer):
    response = upload(planner, UPLOADS / "krymsk_building_points.csv", mode="merge")

    assert (response.status_code, response.json()["field"]) == (400, "mode")


@pytest.mark.django_db
def test_a_long_file_name_keeps_the_suffix_that_chooses_the_reader(planner, layer):
    name = "дороги_" * 40 + ".shp.zip"  # 288 characters, 528 bytes: more than a file system takes
    file = SimpleUploadedFile(name, (DATA / "krymsk_roads_50.shp.zip").read_bytes())

    response = planner.post("/api/v1/layers/uploads/upload", {"file": file})

    assert response.status_code == 201, response.content
    stored = response.json()["file"]
    # Django already cut the name to 255 characters keeping ".zip"; we cut it to 200 bytes keeping it too.
    assert stored.startswith("дороги_дороги_") and stored.endswith("_.zip")
    assert len(stored.encode()) <= 200
