"""Public API of one appeal (detail, duplicate suggestions, support, the resident's actions after an answer)
and of the rubricator and departments. Thin views: validate → selector / service → response."""

from django.urls import reverse
from django.utils.translation import gettext
from rest_framework.parsers import FormParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from appeals.api import public_schema as schema
from appeals.api.params import parse_lon_lat, parse_refs
from appeals.api.parsers import FieldJSONParser
from appeals.api.serializers import (
    RateInput,
    ReopenInput,
    ResidentActionInput,
    SupportInput,
    category_output,
    department_output,
    validated,
)
from appeals.api.views import appeal_response
from appeals.ratelimit import SupportEmailThrottle
from appeals.selectors import (
    appeal_get_public,
    appeal_nearby_geojson,
    category_get,
    category_list_public,
    department_list_public,
)
from appeals.services import resident
from appeals.workflow import AppealKind
from geoportal.errors import ValidationFailed
from layers.api.geojson import GEOJSON_RENDERERS, geojson_response
from layers.api.params import parse_choices, parse_limit

ACTION_PARSERS = [FieldJSONParser, FormParser]


class AppealDetailApi(APIView):
    """GET /api/v1/appeals/{id} — one public appeal as a GeoJSON Feature: public fields, photo URLs and the
    public timeline. 404 for new and rejected appeals (except to their author and to staff)."""

    renderer_classes = GEOJSON_RENDERERS

    @schema.DETAIL
    def get(self, request: Request, appeal_id: int):
        return appeal_response(request, appeal_get_public(appeal_id=appeal_id, user=request.user))


class AppealNearbyApi(APIView):
    """GET /api/v1/appeals/nearby?lon=&lat=&category= — open public appeals of the category within its
    duplicate radius (50 m by default; any category within 50 m when none is given) from the last 90
    days, nearest first, each with distance_m. `limit` 1..100, default 20."""

    renderer_classes = GEOJSON_RENDERERS

    @schema.NEARBY
    def get(self, request: Request):
        params = request.query_params
        lon, lat = parse_lon_lat(params.get("lon"), params.get("lat"))
        refs = parse_refs(params.get("category"), name="category")
        if refs is not None and len(refs) != 1:
            raise ValidationFailed(gettext("category must name one category."), field="category")
        category = category_get(ref=refs[0]) if refs else None
        if refs and category is None:
            raise ValidationFailed(gettext("Unknown category: %(ref)s.") % {"ref": refs[0]}, field="category")
        limit = parse_limit(params.get("limit"), default=20, maximum=100)
        return geojson_response(appeal_nearby_geojson(lon=lon, lat=lat, category=category, max_rows=limit))


class AppealSupportApi(APIView):
    """POST /api/v1/appeals/{id}/support — "me too" (issue) or support (proposal).

    Signed in: counted at once, 201 {"appeal", "supports_count", "created": true}; again: 200, same count.
    Anonymous: body {"email"}; a confirmation link is e-mailed (202) and the support counts when the link
    is opened (GET /api/v1/supports/confirm). 404 for hidden appeals, 409 when the appeal is not open.
    """

    renderer_classes = [JSONRenderer]
    parser_classes = ACTION_PARSERS
    throttle_classes = [SupportEmailThrottle]

    @schema.SUPPORT
    def post(self, request: Request, appeal_id: int):
        if request.user.is_authenticated:
            count, created = resident.appeal_support(appeal_id=appeal_id, user=request.user)
            body = {"appeal": appeal_id, "supports_count": count, "created": created}
            return Response(body, status=201 if created else 200)
        email = validated(SupportInput, request.data)["email"]
        confirm = request.build_absolute_uri(reverse("api-support-confirm"))
        resident.support_request_email(
            appeal_id=appeal_id, email=email, confirm_url=lambda token: f"{confirm}?token={token}"
        )
        detail = gettext("A link was sent to the e-mail address; the support counts once it is opened.")
        return Response({"detail": detail}, status=202)


class SupportConfirmApi(APIView):
    """GET /api/v1/supports/confirm?token= — the link of the confirmation e-mail: counts the support of
    that e-mail address once (200 {"appeal", "supports_count", "created"}, idempotent)."""

    renderer_classes = [JSONRenderer]

    @schema.SUPPORT_CONFIRM
    def get(self, request: Request):
        token = request.query_params.get("token") or ""
        if not token:
            raise ValidationFailed(gettext("token is required."), field="token")
        appeal_id, count, created = resident.support_confirm(token=token)
        return Response({"appeal": appeal_id, "supports_count": count, "created": created})


class AppealConfirmApi(APIView):
    """POST /api/v1/appeals/{id}/confirm — the resident accepts the answer (answered → closed).
    The author signed in, or body {"token"} from the e-mailed link. 403 otherwise, 409 when not answered."""

    renderer_classes = GEOJSON_RENDERERS
    parser_classes = ACTION_PARSERS

    @schema.CONFIRM
    def post(self, request: Request, appeal_id: int):
        data = validated(ResidentActionInput, request.data)
        appeal = resident.appeal_confirm(appeal_id=appeal_id, user=request.user, token=data["token"])
        return appeal_response(request, appeal)


class AppealReopenApi(APIView):
    """POST /api/v1/appeals/{id}/reopen {reason} — the resident disputes the answer (answered → reopened)."""

    renderer_classes = GEOJSON_RENDERERS
    parser_classes = ACTION_PARSERS

    @schema.REOPEN
    def post(self, request: Request, appeal_id: int):
        data = validated(ReopenInput, request.data)
        appeal = resident.appeal_reopen(
            appeal_id=appeal_id, user=request.user, reason=data["reason"], token=data["token"]
        )
        return appeal_response(request, appeal)


class AppealRateApi(APIView):
    """POST /api/v1/appeals/{id}/rate {rating: 1..5} — the resident rates an answered or closed issue."""

    renderer_classes = GEOJSON_RENDERERS
    parser_classes = ACTION_PARSERS

    @schema.RATE
    def post(self, request: Request, appeal_id: int):
        data = validated(RateInput, request.data)
        appeal = resident.appeal_rate(
            appeal_id=appeal_id, user=request.user, rating=data["rating"], token=data["token"]
        )
        return appeal_response(request, appeal)


class CategoryListApi(APIView):
    """GET /api/v1/categories — the active rubricator (JSON list); `kind=issue` or `proposal` narrows it."""

    renderer_classes = [JSONRenderer]

    @schema.CATEGORIES
    def get(self, request: Request):
        kinds = parse_choices(request.query_params.get("kind"), name="kind", allowed=AppealKind.values)
        return Response([category_output(c) for c in category_list_public(kinds=kinds)])


class DepartmentListApi(APIView):
    """GET /api/v1/departments — departments (JSON list) with public fields only."""

    renderer_classes = [JSONRenderer]

    @schema.DEPARTMENTS
    def get(self, request: Request):
        return Response([department_output(d) for d in department_list_public()])
