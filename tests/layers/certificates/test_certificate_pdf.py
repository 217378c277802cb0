"""The property certificate: a one-page PDF in Russian with the cadastral number, rendered to PNG by
pdftoppm (poppler-utils) and read back by pdftotext; issued to staff only, each one journalled."""

import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from appeals.workflow import AppealStatus
from layers.certificates.snapshot import render_map, scale_bar_length
from layers.models import PropertyCertificate
from tests.appeals.public_support import make_appeal
from tests.layers.records.support import client_for, north_of

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftoppm"), reason="poppler-utils missing: scripts/bootstrap.sh --test installs it"
)


@needs_poppler
def test_certificate_renders_one_page_with_the_cadastral_number(world, tmp_path: Path):
    building, potholes = world.building, world.town["potholes"]
    near = make_appeal(potholes, lonlat=north_of(building.geom, 30), address="ул. Полковая, 44")
    make_appeal(potholes, lonlat=north_of(building.geom, 40), status=AppealStatus.CLOSED)
    for metres in range(41, 53):  # more than the 10 listed, each a long row: the page must still hold them
        make_appeal(potholes, lonlat=north_of(building.geom, metres), address="улица Фадеева, 109, корпус 2")

    response = client_for(world.users["planner_anna"]).get(
        f"/api/v1/properties/{building.pk}/certificate.pdf?department=roads"
    )

    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "spravka.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1, "the certificate must fit one page"
    with Image.open(pages[0]) as page:
        assert page.size[0] < page.size[1]  # A4 portrait
        assert len(page.convert("L").getcolors(maxcolors=256) or []) > 20  # text and a map, not a blank page
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    words = " ".join(text.stdout.split())
    certificate = PropertyCertificate.objects.get()
    assert "23:15:0601001:123" in words
    assert f"СПРАВКА № {certificate.number}" in words
    assert "Дорожное хозяйство" in words  # the issuing department named by ?department=roads
    assert "муниципальная" in words and "жилой дом" in words
    assert "в радиусе 100 м: 13" in words  # the open appeals count, the closed one does not
    assert "ул. Полковая, 44" in words and str(near.pk) in words
    assert "OpenStreetMap" in words
    assert certificate.issued_by == world.users["planner_anna"]
    assert certificate.property_id == building.pk


def test_certificate_is_for_staff_only_and_unknown_department_is_400(world):
    url = f"/api/v1/properties/{world.building.pk}/certificate.pdf"
    assert client_for(None).get(url).status_code == 403
    assert client_for(world.users["resident"]).get(url).status_code == 403
    response = client_for(world.users["moderator"]).get(url + "?department=nope")
    assert response.status_code == 400 and response.json()["field"] == "department"
    assert not PropertyCertificate.objects.exists()


def test_map_snapshot_draws_the_subject_and_the_decorations():
    square = {"type": "Polygon", "coordinates": [[[-20, -20], [20, -20], [20, 20], [-20, 20], [-20, -20]]]}
    road = {"type": "LineString", "coordinates": [[-120, 40], [120, 40]]}
    png = render_map(
        features=[{"layer": "subject", "geometry": square}, {"layer": "road", "geometry": road}],
        centre=(0.0, 0.0),
        half_m=120.0,
        size_px=480,
    )
    with Image.open(BytesIO(png)) as image:
        rgb = image.convert("RGB")
        centre = rgb.getpixel((240, 240))
        assert centre[0] > centre[2]  # the property is shaded red
        assert rgb.getpixel((240, 240 - 80)) == (255, 255, 255)  # the road, 40 m north at 2 px/m
    assert scale_bar_length(240) == 50
