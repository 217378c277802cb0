"""The admin's map: GeoDjango's OpenLayers widget with nothing loaded from outside the machine.

Django's own widgets fetch OpenLayers from a CDN and tiles from openstreetmap.org (or NASA). Ours loads the
OpenLayers build that the front end ships under /static/app/vendor/ol/ and draws on a plain background with
a graticule, so the admin works on a closed network. The view opens on the municipality: lon/lat in
EPSG:4326, edited geometry is shown in EPSG:3857 and saved back in the field's SRID (4326) by GeoDjango.
"""

from django.conf import settings
from django.contrib.gis import admin
from django.contrib.gis.forms.widgets import OSMWidget

# Krymsk, the demo town; a deployment elsewhere sets GEOPORTAL["MAP_CENTER"] = (lon, lat), ["MAP_ZOOM"].
DEFAULT_CENTER_LONLAT = (37.985, 44.925)
DEFAULT_ZOOM = 13


class LocalMapWidget(OSMWidget):
    """OSMWidget minus OSM: self-hosted OpenLayers, no tile server, centred on the municipality."""

    template_name = "gis/geoportal_openlayers.html"

    class Media:
        # extend=False: the parent's Media points at cdn.jsdelivr.net and must not be merged in.
        extend = False
        css = {"all": ("app/vendor/ol/ol.css", "gis/css/ol3.css")}
        js = ("app/vendor/ol/ol.js", "gis/js/OLMapWidget.js")

    def __init__(self, attrs=None):
        # Settings are read when a form is built, never at import time.
        options = getattr(settings, "GEOPORTAL", {})
        lon, lat = options.get("MAP_CENTER", DEFAULT_CENTER_LONLAT)
        view = {"default_lon": lon, "default_lat": lat, "default_zoom": options.get("MAP_ZOOM", DEFAULT_ZOOM)}
        super().__init__(attrs={**view, **(attrs or {})})


class MapAdmin(admin.GISModelAdmin):
    """Base of every admin that edits a geometry: uses LocalMapWidget instead of OSMWidget."""

    gis_widget = LocalMapWidget
