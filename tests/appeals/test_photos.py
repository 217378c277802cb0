"""appeals.photos: checked by content, capped in bytes and pixels, re-encoded without metadata. No database.

Every image is made by Pillow at test time; the PDF is a real one Pillow writes.
"""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from appeals.photos import MAX_BYTES, photo_check_count, photo_clean
from geoportal.errors import ValidationFailed
from tests.appeals.public_support import gps_jpeg, image_bytes, pdf_bytes


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def reopen(content: bytes) -> Image.Image:
    image = Image.open(BytesIO(content))
    image.load()
    return image


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_allowed_formats_become_jpeg_of_the_same_size(fmt):
    clean = photo_clean(upload(f"photo.{fmt.lower()}", image_bytes(fmt, size=(64, 48))))

    image = reopen(clean.content)
    assert image.format == "JPEG"
    assert (image.width, image.height) == (clean.width, clean.height) == (64, 48)


def test_gps_exif_is_gone_and_the_orientation_applied():
    original = gps_jpeg(size=(80, 40), orientation=6)  # 6: the camera was turned; shown 40 × 80
    assert Image.open(BytesIO(original)).getexif().get_ifd(0x8825)  # the input really carries GPS

    clean = photo_clean(upload("IMG_0001.jpg", original))

    image = reopen(clean.content)
    assert (image.width, image.height) == (40, 80)
    exif = image.getexif()
    assert len(exif) == 0
    assert not exif.get_ifd(0x8825)
    assert b"SecretCam" not in clean.content
    assert "exif" not in image.info


def test_comment_and_icc_profile_are_dropped():
    original = image_bytes("JPEG", comment=b"home: Lenina 1, flat 5", icc_profile=b"\0" * 128)

    clean = photo_clean(upload("a.jpg", original))

    assert b"Lenina" not in clean.content
    assert "icc_profile" not in reopen(clean.content).info


def test_transparent_png_becomes_white_not_black():
    clean = photo_clean(upload("a.png", image_bytes("PNG", color=(0, 0, 0), alpha=True)))

    assert reopen(clean.content).getpixel((5, 5)) == pytest.approx((255, 255, 255), abs=3)


def test_a_pdf_called_jpg_is_refused_by_content_naming_the_file():
    with pytest.raises(ValidationFailed) as error:
        photo_clean(upload("holiday.jpg", pdf_bytes()), field="photos")

    assert error.value.field == "photos"
    assert "holiday.jpg" in str(error.value.detail)


@pytest.mark.parametrize(
    "content",
    [b"", b"not an image at all", image_bytes("GIF"), image_bytes("BMP"), image_bytes("TIFF")],
    ids=["empty", "text", "gif", "bmp", "tiff"],
)
def test_other_content_is_refused(content):
    with pytest.raises(ValidationFailed) as error:
        photo_clean(upload("x.jpg", content))

    assert "x.jpg" in str(error.value.detail)


def test_truncated_jpeg_is_refused():
    whole = image_bytes("JPEG", size=(400, 300))

    with pytest.raises(ValidationFailed) as error:
        photo_clean(upload("cut.jpg", whole[: len(whole) // 2]))

    assert "cut.jpg" in str(error.value.detail)


class Unreadable(SimpleUploadedFile):
    def read(self, *args, **kwargs):
        raise AssertionError("the file must not be read")


def test_over_10_mb_is_refused_from_the_size_without_reading():
    big = Unreadable("big.jpg", b"x")
    big.size = MAX_BYTES + 1

    with pytest.raises(ValidationFailed) as error:
        photo_clean(big)

    assert "big.jpg" in str(error.value.detail)
    assert "10" in str(error.value.detail)


def test_exactly_10_mb_is_not_refused_for_its_size():
    # A valid PNG padded to 10 MB: PNG readers stop at IEND, so only the size rule is tested here.
    content = image_bytes("PNG")
    content += b"\0" * (MAX_BYTES - len(content))

    clean = photo_clean(upload("ten.png", content))

    assert (clean.width, clean.height) == (64, 48)


@pytest.mark.parametrize("size", [(8001, 1), (1, 8001)])
def test_more_than_8000_px_on_a_side_is_refused(size):
    with pytest.raises(ValidationFailed) as error:
        photo_clean(upload("wide.png", image_bytes("PNG", size=size)))

    assert "8000" in str(error.value.detail)


def test_8000_px_is_accepted():
    clean = photo_clean(upload("edge.png", image_bytes("PNG", size=(8000, 1))))

    assert (clean.width, clean.height) == (8000, 1)


def test_at_most_five_photos():
    photo_check_count(5)
    with pytest.raises(ValidationFailed) as error:
        photo_check_count(6)

    assert error.value.field == "photos"
