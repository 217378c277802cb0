"""Discovery of the site's /api/v1/ routes from the URL configuration, for the tests that must cover them all.

A route is (path, view class, methods): `path` in Django's syntax with converters
("api/v1/appeals/<int:appeal_id>"), `methods` the HTTP methods the view implements (HEAD/OPTIONS left out).
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

PREFIX = "api/v1/"
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    path: str
    view: type | None
    methods: tuple[str, ...]

    @property
    def openapi_path(self) -> str:
        """ "/api/v1/appeals/{appeal_id}" for "api/v1/appeals/<int:appeal_id>"."""
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", self.path)


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def api_routes() -> list[Route]:
    """Every URL pattern under /api/v1/, sorted by path. Plain Django views are assumed to answer GET."""
    routes = {}
    for path, callback in _walk(get_resolver().url_patterns):
        if not path.startswith(PREFIX):
            continue
        view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        if view is None:
            methods = ("get",)
        else:
            methods = tuple(m for m in METHODS if hasattr(view, m))
        routes[path] = Route(path=path, view=view, methods=methods)
    return [routes[path] for path in sorted(routes)]
