"""GeoJSON over HTTP: the media type, the response for text built in PostGIS, and next-page links."""

from django.http import HttpRequest, HttpResponse
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

GEOJSON_MEDIA_TYPE = "application/geo+json"


class GeoJSONRenderer(JSONRenderer):
    """Lets a client send `Accept: application/geo+json`. Collections are written as text by the views
    (geojson_response); this renderer only ever renders error bodies ({"detail": "..."})."""

    media_type = GEOJSON_MEDIA_TYPE
    format = "geojson"


# For the views that answer GeoJSON: errors come out as application/json unless GeoJSON was asked for.
GEOJSON_RENDERERS = [JSONRenderer, GeoJSONRenderer]


class PageReleasingView(APIView):
    """An APIView that does not keep its response: DRF leaves it on the view (`self.response`), and the
    view and its request refer to each other, so a 5 MB page waited for the cycle collector — a worker
    that had served 16 pages of 10,000 features held 185 MB instead of 133. Dropped here, the page is
    freed as soon as it is sent."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        self.response = None
        return response


def geojson_response(text: str | bytes) -> HttpResponse:
    """The GeoJSON text that PostGIS assembled, sent as it is (never parsed or re-encoded in Python)."""
    return HttpResponse(text, content_type=GEOJSON_MEDIA_TYPE)


def next_page_prefix(request: HttpRequest, *, cursor: str = "after") -> str:
    """The absolute URL of this request with `cursor` moved last and its value left off: `…&after=`.

    The SQL that builds a page appends the last id shown, so the link keeps every other parameter.
    """
    query = request.GET.copy()
    query.pop(cursor, None)
    encoded = query.urlencode()
    return f"{request.build_absolute_uri(request.path)}?{encoded + '&' if encoded else ''}{cursor}="
