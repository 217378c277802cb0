"""Every write of the layer catalogue: create, update, delete a Layer, and upload features into it.

Writers are planners and administrators (geoportal.roles). The gazetteer (layer titles in
/api/v1/search) is rebuilt in the same transaction when a layer comes, goes, or changes its title or
access. A layer's style is checked twice before it is stored — the strict structural check
(layers.catalogue.styles) and the MapLibre style-spec validator (layers.catalogue.style_spec) — and a
given legend goes into style["metadata"]["legend"].

Uploads become an ImportRun of the `vector` importer (the same code as `manage.py import vector`). With a
Celery broker the file is opened here first, so that a file that cannot be read (corrupt, zip bomb,
`..` paths, no CRS, a GeoPackage with several layers) is a 400 at once, and the run is queued; without a
broker the run happens in the request. Either way a failure writes no feature.
"""

from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from geoportal.errors import Conflict, PermissionDenied, ValidationFailed
from geoportal.roles import Role, has_role
from importers.errors import ImportFailed
from importers.models import ImportRun
from importers.runs import (
    check_source,
    discard_upload,
    queue_enabled,
    run_recorded,
    store_upload,
    without_server_paths,
)
from importers.tasks import run_upload_task
from layers.catalogue.legend import clean_legend
from layers.catalogue.slugs import slug_problem
from layers.catalogue.style_spec import validate_with_spec
from layers.catalogue.styles import normalise_style, wrapped_style
from layers.models import Access, Layer
from layers.search.services import gazetteer_rebuild

WRITER_ROLES = (Role.PLANNER, Role.ADMIN)
EDITABLE = ("title", "description", "department", "licence", "access", "keywords")
# Only used to build the style that the validator checks; a map gets URLs of the server it talks to.
VALIDATION_ORIGIN = "http://localhost"


class UploadRejected(ValidationFailed):
    """An upload that wrote nothing; `run` is its failed ImportRun when one was recorded."""

    def __init__(self, detail: str, *, run: ImportRun | None):
        super().__init__(detail, field="file")
        self.run = run

    def as_dict(self) -> dict:
        body = super().as_dict()
        if self.run is not None:
            body["import"] = self.run.pk
        return body


def can_write_layers(user) -> bool:
    return any(has_role(user, role) for role in WRITER_ROLES)


def require_layer_writer(user) -> None:
    """Raises PermissionDenied unless `user` is a planner or an administrator."""
    if not can_write_layers(user):
        raise PermissionDenied(_("Only planners and administrators may change layers."))


def style_for_layer(*, style: Any, legend: Sequence | None, slug: str) -> dict:
    """The Layer.style to store: the normalised fragment, validated, with the given legend (if any) in
    its metadata. Raises ValidationFailed (field "style" or "legend")."""
    stored = normalise_style(style, slug=slug)
    if legend is not None:
        entries = clean_legend(legend)
        if entries:
            stored.setdefault("metadata", {})["legend"] = entries
        elif "metadata" in stored:
            stored["metadata"].pop("legend", None)
    elif "legend" in stored.get("metadata", {}):
        stored["metadata"]["legend"] = clean_legend(stored["metadata"]["legend"])
    if stored.get("layers"):
        validate_with_spec(wrapped_style(stored, slug=slug, origin=VALIDATION_ORIGIN))
    return stored


@transaction.atomic
def layer_create(
    *,
    user,
    slug: str,
    title: str,
    description: str = "",
    department=None,
    licence: str = "",
    access: str = Access.PUBLIC,
    keywords: Sequence[str] = (),
    style: Any = None,
    legend: Sequence | None = None,
) -> Layer:
    """A new, empty layer. Raises PermissionDenied, ValidationFailed (slug reserved or malformed, style,
    legend) or Conflict (the slug is taken)."""
    require_layer_writer(user)
    problem = slug_problem(slug)
    if problem:
        raise ValidationFailed(problem, field="slug")
    if Layer.objects.filter(slug=slug).exists():
        raise _slug_taken(slug)
    stored = style_for_layer(style=style, legend=legend, slug=slug)
    try:
        with transaction.atomic():
            layer = Layer.objects.create(
                slug=slug,
                title=title,
                description=description,
                department=department,
                licence=licence,
                access=access,
                keywords=list(keywords),
                style=stored,
            )
    except IntegrityError:
        raise _slug_taken(slug) from None
    gazetteer_rebuild()  # the title is searchable (publicly only when the layer is public)
    return layer


@transaction.atomic
def layer_update(*, layer: Layer, user, changes: dict[str, Any]) -> Layer:
    """Change the given metadata of `layer` (EDITABLE, "style", "legend"; the slug never changes: it is
    the layer's address in /ogc and /tiles). A null legend goes back to the one derived from the style."""
    require_layer_writer(user)
    searchable = (layer.title, layer.access)
    if "slug" in changes and changes["slug"] != layer.slug:
        raise ValidationFailed(_("The slug of a layer cannot be changed."), field="slug")
    for name in EDITABLE:
        if name in changes:
            setattr(layer, name, list(changes[name]) if name == "keywords" else changes[name])
    if "style" in changes or "legend" in changes:
        current = layer.style or {}
        style = changes["style"] if "style" in changes else current
        if "legend" in changes:
            legend = changes["legend"] or []
        elif "style" in changes and not _legend_in(style):
            legend = (current.get("metadata") or {}).get("legend")  # a given legend outlives a restyle
        else:
            legend = None
        layer.style = style_for_layer(style=style, legend=legend, slug=layer.slug)
    layer.save()
    if (layer.title, layer.access) != searchable:
        gazetteer_rebuild()  # a layer made internal must leave public search in the same commit
    return layer


@transaction.atomic
def layer_delete(*, layer: Layer, user) -> None:
    """Delete `layer` and its features (ImportRuns stay as history) and its gazetteer entry."""
    require_layer_writer(user)
    layer.delete()
    gazetteer_rebuild()


def layer_upload(*, layer: Layer, user, upload, options: dict[str, Any]) -> tuple[ImportRun, bool]:
    """Import an uploaded vector file into `layer` as an ImportRun of the `vector` importer.

    options: the importer's (srs, source_layer, mode, id_field, lon, lat, wkt, encoding) and
    allow_rejects. Returns (run, queued): queued runs are still running on a worker; otherwise the run
    has succeeded. Raises PermissionDenied, or UploadRejected (400, nothing written) naming the reason —
    its `run` is the failed ImportRun when the import had started.
    """
    require_layer_writer(user)
    path = store_upload(upload)
    run_options = {
        **{k: v for k, v in options.items() if v not in (None, "")},
        "target": "layer",
        "layer": layer.slug,
    }
    run = None
    try:
        if queue_enabled():
            check_source("vector", path, run_options)
        run = ImportRun.objects.create(
            importer="vector",
            source=str(path),
            options=run_options,
            status=ImportRun.Status.RUNNING,
            created_by=user,
        )
        if queue_enabled():
            transaction.on_commit(lambda: run_upload_task.delay(run.pk))
            return run, True
        return run_recorded(run.pk), False
    except ImportFailed as exc:
        discard_upload(path)
        failed = exc.run or run
        if failed is not None and failed.status == ImportRun.Status.RUNNING:
            failed.status, failed.error = ImportRun.Status.FAILED, str(exc)
            failed.save(update_fields=["status", "error"])
        raise UploadRejected(without_server_paths(str(exc)), run=failed) from None


def _legend_in(style: Any) -> bool:
    return isinstance(style, dict) and "legend" in (style.get("metadata") or {})


def _slug_taken(slug: str) -> Conflict:
    return Conflict(_("A layer with slug %(slug)r exists already.") % {"slug": slug}, field="slug")
