"""Public API of appeals, the collection: GET lists (GeoJSON text from PostGIS), POST files a new appeal.

Thin views: validate → selector / service → response. The single-appeal and reference endpoints are in
appeals/api/public.py.
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext
from rest_framework.authentication import SessionAuthentication
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from appeals.api import public_schema as schema
from appeals.api.params import parse_cursor, parse_instant, parse_refs
from appeals.api.parsers import FieldGeoJSONParser, FieldJSONParser, json_loads
from appeals.api.serializers import appeal_feature, feature_input
from appeals.models import Appeal, AppealPhoto
from appeals.photos import MAX_BYTES, MAX_REQUEST_BYTES
from appeals.ratelimit import AppealCreateThrottle
from appeals.selectors import (
    PUBLIC_STATUSES,
    AppealListFilter,
    appeal_author_list_geojson,
    appeal_public_list_geojson,
    appeal_public_timeline,
    area_ids_for,
    category_ids_for,
    department_ids_for,
)
from appeals.services.intake import NewAppeal, appeal_create
from appeals.workflow import AppealKind
from geoportal.errors import PayloadTooLarge, ValidationFailed
from layers.api.geojson import (
    GEOJSON_MEDIA_TYPE,
    GEOJSON_RENDERERS,
    PageReleasingView,
    geojson_response,
    next_page_prefix,
)
from layers.api.params import parse_bbox, parse_choices, parse_limit

MAX_LIMIT = 10_000
MINE_DEFAULT_LIMIT, MINE_MAX_LIMIT = 100, 1_000


def list_filter(params) -> AppealListFilter:
    """The filters of GET /api/v1/appeals from its query parameters (400 naming the parameter)."""
    categories = parse_refs(params.get("category"), name="category")
    departments = parse_refs(params.get("department"), name="department")
    areas = parse_refs(params.get("area"), name="area")
    created_after = parse_instant(params.get("created_after"), name="created_after")
    created_before = parse_instant(params.get("created_before"), name="created_before")
    if created_after and created_before and created_after >= created_before:
        message = gettext("created_before must be later than created_after.")
        raise ValidationFailed(message, field="created_before")
    kinds, statuses = params.get("kind"), params.get("status")
    return AppealListFilter(
        kinds=parse_choices(kinds, name="kind", allowed=AppealKind.values) if kinds is not None else None,
        statuses=parse_choices(statuses, name="status", allowed=PUBLIC_STATUSES)
        if statuses is not None
        else None,
        category_ids=category_ids_for(categories) if categories is not None else None,
        department_ids=department_ids_for(departments) if departments is not None else None,
        area_ids=area_ids_for(areas) if areas is not None else None,
        created_after=created_after,
        created_before=created_before,
        bbox=parse_bbox(params.get("bbox")),
    )


def refuse_oversized(request) -> None:
    """413 from the Content-Length alone, before a byte of the body is read: a new appeal is at most
    5 photos of 10 MB plus the Feature."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_REQUEST_BYTES:
        message = gettext("The request is larger than 5 photos of 10 MB each.")
        raise PayloadTooLarge(message, field="photos")


def appeal_input(request: Request) -> tuple[dict, list]:
    """(keyword arguments of appeal_create, uploaded photos) from a GeoJSON body, or from multipart with a
    `feature` field (text or file) and `photos` files."""
    if not request.content_type.startswith("multipart/"):
        if not request.data:  # an empty body (DRF does not call a parser for it) or {}
            raise ValidationFailed(gettext("The body must be a GeoJSON Feature."), field="body")
        return feature_input(request.data), []
    if "feature" in request.FILES:
        upload = request.FILES["feature"]
        raw = upload.read(MAX_BYTES) if upload.size <= MAX_BYTES else b""
    else:
        raw = request.data.get("feature")
    if not raw:
        raise ValidationFailed(gettext("The GeoJSON Feature of the appeal is missing."), field="feature")
    return feature_input(json_loads(raw, field="feature")), request.FILES.getlist("photos")


def request_source(request: Request) -> str:
    """web for a signed-in session (the map page), api for everything else (tokens, anonymous clients)."""
    if isinstance(request.successful_authenticator, SessionAuthentication):
        return Appeal.Source.WEB
    return Appeal.Source.API


def photo_urls(request: Request, photos: Iterable[AppealPhoto]) -> list[dict]:
    return [
        {"url": request.build_absolute_uri(photo.image.url), "width": photo.width, "height": photo.height}
        for photo in photos
    ]


def appeal_response(request: Request, appeal: Appeal) -> Response:
    """The public GeoJSON Feature of `appeal` with its photos and public timeline."""
    body = appeal_feature(
        appeal,
        photo_urls=photo_urls(request, appeal.photos.all()),
        timeline=list(appeal_public_timeline(appeal=appeal)),
    )
    return Response(body, content_type=GEOJSON_MEDIA_TYPE)


def appeal_created_response(request: Request, new: NewAppeal) -> Response:
    """201 with the Feature of an appeal just filed, built from what was written (nothing read back): its
    timeline is the creation event."""
    location = request.build_absolute_uri(reverse("api-appeal-detail", args=[new.appeal.pk]))
    body = appeal_feature(new.appeal, photo_urls=photo_urls(request, new.photos), timeline=[new.event])
    return Response(body, status=201, content_type=GEOJSON_MEDIA_TYPE, headers={"Location": location})


class AppealListApi(PageReleasingView):
    """GET /api/v1/appeals — public appeals as a GeoJSON FeatureCollection, ordered by id, cursor-paged.
    POST /api/v1/appeals — file a new appeal (a GeoJSON Feature, or multipart with photos); 201.

    GET query: `bbox=west,south,east,north` (degrees, EPSG:4326); `kind`, `status` (comma-separated
    values); `category`, `department`, `area` (comma-separated ids or codes; a category takes in its
    sub-categories, an area matches by ST_Covers); `created_after` (inclusive), `created_before`
    (exclusive), ISO 8601; `limit` (1..10000, default 10000); `cursor` (opaque, from the `next` link).
    The collection's `properties.next` is the next page's URL or null.
    """

    renderer_classes = GEOJSON_RENDERERS
    parser_classes = [FieldJSONParser, FieldGeoJSONParser, MultiPartParser]

    def initial(self, request, *args, **kwargs):
        # Before authentication: a session's CSRF check reads the form body.
        if request.method == "POST":
            refuse_oversized(request)
        super().initial(request, *args, **kwargs)

    def get_throttles(self):
        return [AppealCreateThrottle()] if self.request.method == "POST" else []

    @schema.LIST
    def get(self, request: Request):
        params = request.query_params
        filters = list_filter(params)
        limit = parse_limit(params.get("limit"), default=MAX_LIMIT, maximum=MAX_LIMIT)
        after = parse_cursor(params.get("cursor"))
        body = appeal_public_list_geojson(
            limit=limit,
            after=after,
            filters=filters,
            next_url_prefix=next_page_prefix(request, cursor="cursor"),
        )
        return geojson_response(body)

    @schema.CREATE
    def post(self, request: Request):
        feature, photos = appeal_input(request)
        new = appeal_create(**feature, photos=photos, author=request.user, source=request_source(request))
        return appeal_created_response(request, new)


class AppealMineApi(PageReleasingView):
    """GET /api/v1/appeals/mine — the appeals the signed-in resident filed, on any device, every status
    (new and rejected ones too), newest first, as a GeoJSON FeatureCollection of the public list's
    Features; 403 when nobody is signed in. Query: `limit` (1..1000, default 100), `cursor` (opaque, from
    `properties.next`)."""

    renderer_classes = GEOJSON_RENDERERS

    @schema.MINE
    def get(self, request: Request):
        params = request.query_params
        limit = parse_limit(params.get("limit"), default=MINE_DEFAULT_LIMIT, maximum=MINE_MAX_LIMIT)
        body = appeal_author_list_geojson(
            user=request.user,
            limit=limit,
            before=parse_cursor(params.get("cursor")) or None,
            next_url_prefix=next_page_prefix(request, cursor="cursor"),
        )
        return geojson_response(body)
