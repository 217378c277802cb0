"""The site's URLs plus the uploaded media, for the live test server (DEBUG is off in tests, so
geoportal/urls.py does not serve /media/; in production the web server does)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from geoportal.urls import urlpatterns as site


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site, re_path(r"^media/(?P<path>.+)$", media)]
