"""OpenAPI descriptions of the public appeals API (drf-spectacular), kept apart from the thin views.

Bodies that PostGIS writes as GeoJSON text are described as objects; examples use made-up people only.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from appeals.api.serializers import RateInput, ReopenInput, ResidentActionInput, SupportInput
from geoportal.errors import ERROR_SCHEMA as ERROR

TAGS = ["appeals"]
FEATURE = OpenApiResponse(OpenApiTypes.OBJECT, description="GeoJSON Feature of one appeal (public fields)")
COLLECTION = OpenApiResponse(OpenApiTypes.OBJECT, description="GeoJSON FeatureCollection built in PostGIS")
REFS = "comma-separated ids or codes"

LIST = extend_schema(
    operation_id="appeals_list",
    tags=TAGS,
    parameters=[
        OpenApiParameter("bbox", str, description="west,south,east,north in degrees (EPSG:4326)"),
        OpenApiParameter("kind", str, description="issue, proposal (comma-separated)"),
        OpenApiParameter("status", str, description="public statuses, comma-separated"),
        OpenApiParameter("category", str, description=REFS + "; sub-categories included"),
        OpenApiParameter("department", str, description=REFS),
        OpenApiParameter("area", str, description=REFS + " of a municipality, district or ТОС"),
        OpenApiParameter("created_after", OpenApiTypes.DATETIME, description="ISO 8601, inclusive"),
        OpenApiParameter("created_before", OpenApiTypes.DATETIME, description="ISO 8601, exclusive"),
        OpenApiParameter("limit", int, description="1..10000, default 10000"),
        OpenApiParameter("cursor", str, description="opaque; from properties.next"),
    ],
    responses={200: COLLECTION, 400: ERROR},
)

MINE = extend_schema(
    operation_id="appeals_mine",
    tags=TAGS,
    parameters=[
        OpenApiParameter("limit", int, description="1..1000, default 100"),
        OpenApiParameter("cursor", str, description="opaque; from properties.next"),
    ],
    responses={200: COLLECTION, 400: ERROR, 403: ERROR},
    description="The caller's own appeals, every status, newest first (a signed-in session or a token).",
)

CREATE = extend_schema(
    operation_id="appeals_create",
    tags=TAGS,
    request={
        "application/geo+json": OpenApiTypes.OBJECT,
        "application/json": OpenApiTypes.OBJECT,
        "multipart/form-data": OpenApiTypes.OBJECT,
    },
    examples=[
        OpenApiExample(
            "A pothole",
            request_only=True,
            media_type="application/json",
            value={
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [37.9877, 44.93]},
                "properties": {
                    "kind": "issue",
                    "category": "roads-potholes",
                    "text": "Глубокая яма на проезжей части у дома 1",
                    "contact": {
                        "name": "Имя Фамилия",
                        "email": "name@example.org",
                        "phone": "+7 000 000-00-00",
                    },
                },
            },
        )
    ],
    responses={201: FEATURE, 400: ERROR, 413: ERROR, 429: ERROR},
    description="multipart: a `feature` field with the Feature JSON and up to 5 `photos` files.",
)

DETAIL = extend_schema(operation_id="appeals_retrieve", tags=TAGS, responses={200: FEATURE, 404: ERROR})

NEARBY = extend_schema(
    tags=TAGS,
    parameters=[
        OpenApiParameter("lon", float, required=True, description="degrees, EPSG:4326"),
        OpenApiParameter("lat", float, required=True, description="degrees, EPSG:4326"),
        OpenApiParameter("category", str, description="one id or code"),
        OpenApiParameter("limit", int, description="1..100, default 20"),
    ],
    responses={200: COLLECTION, 400: ERROR},
)

SUPPORT = extend_schema(
    tags=TAGS,
    request=SupportInput,
    responses={
        200: OpenApiTypes.OBJECT,
        201: OpenApiTypes.OBJECT,
        202: OpenApiTypes.OBJECT,
        404: ERROR,
        409: ERROR,
    },
    description="Signed in: no body. Anonymous: {email}; it counts once the e-mailed link is opened.",
)

SUPPORT_CONFIRM = extend_schema(
    tags=TAGS,
    parameters=[OpenApiParameter("token", str, required=True, description="from the e-mailed link")],
    responses={200: OpenApiTypes.OBJECT, 400: ERROR, 404: ERROR, 409: ERROR},
)


def resident_action(serializer) -> extend_schema:
    return extend_schema(
        tags=TAGS,
        request=serializer,
        responses={200: FEATURE, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    )


CONFIRM = resident_action(ResidentActionInput)
REOPEN = resident_action(ReopenInput)
RATE = resident_action(RateInput)

CATEGORIES = extend_schema(
    tags=TAGS,
    parameters=[OpenApiParameter("kind", str, description="issue or proposal")],
    responses={200: OpenApiTypes.OBJECT, 400: ERROR},
)
DEPARTMENTS = extend_schema(tags=TAGS, responses={200: OpenApiTypes.OBJECT})
