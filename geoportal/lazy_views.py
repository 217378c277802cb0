"""Views imported on their first request, so that a worker loads the heavy libraries of a part of the site
(rasterio for rasters, reportlab for certificates) only once somebody asks for that part.

Importing the URL configuration imports every view module; rasterio alone added 25 MB to each gunicorn
worker, reportlab 6 MB (docs/BENCHMARKS.md, the export's memory). `lazy_view("layers.rasters.views",
"RasterListApi")` stands in the URL pattern for `RasterListApi.as_view()` (or for a function view).
"""

from importlib import import_module

from django.utils.functional import cached_property


class LazyView:
    """A URL pattern's callback that imports `module` and takes its `name` (an APIView / View class, whose
    as_view() is used, or a view function) on the first call or attribute lookup (`cls`, `csrf_exempt`,
    … for DRF, the CSRF middleware and drf-spectacular).

    Django's URL resolver reads `__module__` / `__qualname__` of every callback on the first reverse();
    they are set here, and `view_class` is not forwarded, so that no reverse() imports the view.
    """

    def __init__(self, module: str, name: str):
        self.__module__ = module
        self.__name__ = self.__qualname__ = name

    @cached_property
    def view(self):
        found = getattr(import_module(self.__module__), self.__name__)
        return found.as_view() if isinstance(found, type) else found

    def __call__(self, request, *args, **kwargs):
        return self.view(request, *args, **kwargs)

    def __getattr__(self, attr: str):
        if attr == "view_class" or attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(self.view, attr)


def lazy_view(module: str, name: str) -> LazyView:
    return LazyView(module, name)
