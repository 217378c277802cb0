"""Pages rendered by Django. The map page carries its configuration; the data comes from /api/v1/…."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from appeals.workflow import HIDDEN_STATUSES, AppealStatus
from layers.selectors import municipality_bounds


def index(request: HttpRequest) -> HttpResponse:
    """The public map at "/": municipality, districts and public appeals (frontend/src/main.ts)."""
    return render(request, "index.html", {"map_config": _map_config()})


def _map_config() -> dict:
    """What frontend/src/config.ts reads: API URLs, the municipality bounds (west, south, east, north
    in degrees, EPSG:4326) and every user-facing string of the map, translated here."""
    return {
        "locale": get_language(),
        "api": {"areas": reverse("api-area-list"), "appeals": reverse("api-appeal-list")},
        "style": reverse("styles", kwargs={"name": "basemap"}),
        "bounds": municipality_bounds(code=settings.GEOPORTAL["MUNICIPALITY_CODE"]),
        "statuses": [
            {"code": status.value, "label": str(status.label)}
            for status in AppealStatus
            if status not in HIDDEN_STATUSES
        ],
        "labels": {
            "legendTitle": _("Appeal status"),
            "noAppeals": _("No appeals yet"),
            "status": _("Status"),
            "date": _("Date"),
            "address": _("Address"),
            "supports": _("Supports"),
            "loadError": _("The map data could not be loaded. Please reload the page."),
        },
        "maplibreLocale": {
            "Map.Title": _("Map"),
            "NavigationControl.ZoomIn": _("Zoom in"),
            "NavigationControl.ZoomOut": _("Zoom out"),
            "NavigationControl.ResetBearing": _("Reset bearing to north"),
            "AttributionControl.ToggleAttribution": _("Toggle attribution"),
            "Popup.Close": _("Close popup"),
            "ScaleControl.Meters": pgettext("map scale", "m"),
            "ScaleControl.Kilometers": pgettext("map scale", "km"),
        },
    }
