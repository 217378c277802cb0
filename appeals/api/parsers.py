"""Request body parsers of the appeals API: JSON whose every failure names the field it belongs to."""

import json

from django.conf import settings
from django.utils.translation import gettext
from rest_framework.parsers import BaseParser

from geoportal.errors import ValidationFailed


def json_loads(raw: bytes | str, *, field: str):
    """Decode JSON text; ValidationFailed(field=`field`) with the position when it is malformed."""
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise ValidationFailed(gettext("The JSON must be UTF-8 text."), field=field) from None
    except json.JSONDecodeError as exc:
        message = gettext("Malformed JSON: %(error)s (line %(line)d, column %(column)d).")
        raise ValidationFailed(
            message % {"error": exc.msg, "line": exc.lineno, "column": exc.colno}, field=field
        ) from None


class FieldJSONParser(BaseParser):
    """application/json; a malformed body is a 400 of field "body" (DRF's own parser gives no field)."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) if stream else b""
        if len(raw) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise ValidationFailed(gettext("The JSON body is too large."), field="body")
        return json_loads(raw, field="body")


class FieldGeoJSONParser(FieldJSONParser):
    """application/geo+json (RFC 7946), parsed the same way."""

    media_type = "application/geo+json"
