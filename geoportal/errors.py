"""Domain errors, each carrying its HTTP status, and the one handler that maps them to responses.

Views never catch exceptions: services and selectors raise these, `api_exception_handler` (DRF) and
`DomainErrorMiddleware` (plain Django views) turn them into `{"detail": …, "field"?: …}` JSON.
"""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework.views import exception_handler as drf_exception_handler


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


def api_exception_handler(exc, context):
    """DRF's handler, plus DomainError → its status with a JSON reason."""
    if isinstance(exc, DomainError):
        from rest_framework.response import Response

        return Response(exc.as_dict(), status=exc.status)
    return drf_exception_handler(exc, context)


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
