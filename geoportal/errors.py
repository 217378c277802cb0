"""Domain errors, each carrying its HTTP status, and the one handler that maps them to responses.

Views never catch exceptions: services and selectors raise these, `api_exception_handler` (DRF) and
`DomainErrorMiddleware` (plain Django views) turn them into `{"detail": …, "field"?: …}` JSON.
"""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

# How the API documents (drf-spectacular) describe the body of every error below.
ERROR_SCHEMA = OpenApiResponse(OpenApiTypes.OBJECT, description='{"detail": "…", "field": "…"}')


class DomainError(Exception):
    """Base of every expected error; `status` is the HTTP status it becomes."""

    status = 400
    default_detail = _("Invalid request.")

    def __init__(self, detail=None, *, field: str | None = None):
        self.detail = detail if detail is not None else self.default_detail
        self.field = field
        super().__init__(str(self.detail))

    def as_dict(self) -> dict:
        body = {"detail": str(self.detail)}
        if self.field:
            body["field"] = self.field
        return body


class ValidationFailed(DomainError):
    status = 400


class PermissionDenied(DomainError):
    status = 403
    default_detail = _("You do not have permission to do this.")


class NotFound(DomainError):
    status = 404
    default_detail = _("Not found.")


class Conflict(DomainError):
    status = 409
    default_detail = _("The request conflicts with the current state.")


class PayloadTooLarge(DomainError):
    status = 413
    default_detail = _("The upload is too large.")


class RateLimited(DomainError):
    status = 429
    default_detail = _("Too many requests; try again later.")


def error_response(exc: DomainError) -> JsonResponse:
    return JsonResponse(exc.as_dict(), status=exc.status)


def _first_error(errors) -> tuple[str | None, str]:
    """The first (field, message) of a DRF error structure: {field: [msg]}, [msg] or nested dicts."""
    if isinstance(errors, dict):
        for key, value in errors.items():
            field, message = _first_error(value)
            nested = f"{key}.{field}" if field else key
            return (None if key == "non_field_errors" else nested), message
    if isinstance(errors, list) and errors:
        return _first_error(errors[0])
    return None, str(errors)


def api_exception_handler(exc, context):
    """DRF's handler, plus DomainError → its status with a JSON reason.

    A DRF validation error keeps its `{field: [messages]}` body and gains the same `detail` / `field`
    keys that a DomainError carries, so every 400 can be read one way.
    """
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status)
    response = drf_exception_handler(exc, context)
    if isinstance(exc, ValidationError) and response is not None:
        field, message = _first_error(response.data)
        body = response.data if isinstance(response.data, dict) else {"errors": response.data}
        body.setdefault("detail", message)
        if field and "field" not in body:
            body["field"] = field
        response.data = body
    return response


class DomainErrorMiddleware:
    """Maps a DomainError escaping a plain Django view (tiles, OGC, streaming) to its JSON response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return error_response(exception)
        return None
