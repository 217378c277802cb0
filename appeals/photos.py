"""Photos of appeals: checked by content, size-capped, re-encoded as JPEG without metadata. Pure Pillow.

What a resident uploads is never stored as it came: the bytes must decode as JPEG, PNG or WebP whatever
the file is called; the file may be at most 10 MB and 8,000 px on a side; the picture is turned upright
(its EXIF orientation applied) and written anew as a JPEG with no EXIF (GPS position, camera serial,
time), no XMP, no ICC profile and no comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import IO, TYPE_CHECKING, Protocol

from django.utils.translation import gettext

from geoportal.errors import ValidationFailed

if TYPE_CHECKING:
    from PIL import Image

MAX_PHOTOS = 5
MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE_PX = 8000
ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
JPEG_QUALITY = 85
# The largest multipart request worth reading: every photo at its cap plus 1 MiB for the Feature JSON.
MAX_REQUEST_BYTES = MAX_PHOTOS * MAX_BYTES + 1024 * 1024


class Upload(Protocol):
    """What Django's UploadedFile offers: a client-given name, the byte size and a readable file."""

    name: str
    size: int

    def seek(self, offset: int, whence: int = 0) -> int: ...
    def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True)
class CleanPhoto:
    """A re-encoded photo ready to store: JPEG bytes and its size in pixels."""

    content: bytes
    width: int
    height: int


def _reject(message: str, name: str, field: str) -> ValidationFailed:
    return ValidationFailed(message % {"name": name}, field=field)


def photo_check_count(count: int, *, field: str = "photos") -> None:
    """Raises ValidationFailed when more than MAX_PHOTOS photos come with one appeal."""
    if count > MAX_PHOTOS:
        message = gettext("At most %(max)d photos may come with an appeal; %(count)d were sent.")
        raise ValidationFailed(message % {"max": MAX_PHOTOS, "count": count}, field=field)


def photo_clean(upload: Upload, *, field: str = "photos") -> CleanPhoto:
    """Check one uploaded photo by its content and re-encode it (see the module docstring).

    The size is checked from `upload.size` before a byte is decoded; the pixel size from the image header
    before the pixels are. Raises ValidationFailed(field=`field`) naming the file for anything refused.
    """
    from PIL import Image, UnidentifiedImageError  # Pillow: loaded by the first photo, not by every worker

    name = upload.name or "?"
    if upload.size > MAX_BYTES:
        message = gettext("Photo %(name)s is larger than 10 MB.")
        raise _reject(message, name, field)
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            image_format, (width, height) = probe.format, probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        message = gettext("Photo %(name)s is not a JPEG, PNG or WebP image (checked by its content).")
        raise _reject(message, name, field) from None
    if image_format not in ALLOWED_FORMATS:
        message = gettext("Photo %(name)s is not a JPEG, PNG or WebP image (checked by its content).")
        raise _reject(message, name, field)
    if max(width, height) > MAX_SIDE_PX:
        message = gettext("Photo %(name)s is larger than 8000 pixels on a side.")
        raise _reject(message, name, field)
    upload.seek(0)
    try:
        return _reencode(upload)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        # verify() checks structure only; truncated pixel data shows up when decoding.
        message = gettext("Photo %(name)s is damaged and cannot be read.")
        raise _reject(message, name, field) from None


def _reencode(data: IO[bytes]) -> CleanPhoto:
    from PIL import Image, ImageOps

    with Image.open(data) as original:
        original.seek(0)  # the first frame of an animated PNG / WebP
        upright = ImageOps.exif_transpose(original)
        rgb = _flatten(upright)
    rgb.info.clear()  # nothing of the original's metadata (comment, XMP, ICC) reaches the encoder
    out = BytesIO()
    rgb.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return CleanPhoto(content=out.getvalue(), width=rgb.width, height=rgb.height)


def _flatten(image: Image.Image) -> Image.Image:
    """RGB for JPEG: transparent pixels become white rather than black."""
    from PIL import Image

    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")
