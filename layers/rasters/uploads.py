"""The size limit of raster uploads, enforced before and while the body is read.

`guard_upload` refuses a request whose Content-Length is over the limit without reading a byte of it, and
installs an upload handler that streams files to disk and stops as soon as one passes the limit (for a
body whose length was not declared honestly). Both raise PayloadTooLarge (HTTP 413).
"""

from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from geoportal.errors import PayloadTooLarge, ValidationFailed

# Room for the multipart envelope and the small form fields around the file, bytes.
FORM_OVERHEAD = 64 << 10


def too_large(limit: int) -> PayloadTooLarge:
    message = _("The upload is larger than the limit of %(limit)s.") % {"limit": filesizeformat(limit)}
    return PayloadTooLarge(message, field="file")


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """TemporaryFileUploadHandler that gives up once the files of one request pass `limit` bytes in all
    (the temp file being written is removed)."""

    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.file.close()  # a NamedTemporaryFile: closing deletes it
            raise too_large(self.limit)
        return super().receive_data_chunk(raw_data, start)


def install_upload_limit(request: HttpRequest, *, limit: int) -> None:
    """Make every file of `request` go through LimitedUploadHandler. Call before the body is read."""
    request.upload_handlers = [LimitedUploadHandler(request, limit=limit)]


def check_content_length(request: HttpRequest, *, limit: int) -> None:
    """Refuse a body declared larger than `limit` + FORM_OVERHEAD, from the header alone."""
    raw = request.META.get("CONTENT_LENGTH") or "0"
    try:
        length = int(raw)
    except ValueError:
        raise ValidationFailed(_("Content-Length must be a whole number of bytes.")) from None
    if length > limit + FORM_OVERHEAD:
        raise too_large(limit)
