"""The tables an importer can write to, and how a record's fields are checked against the model.

Checking happens in Python (Django's own field validation: types, lengths, choices, ranges) so that a bad
value becomes a reject naming the row and the field, instead of a failed COPY or INSERT.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from importers.errors import ImportFailed

# Columns the writer sets itself; a record's fields never carry them.
WRITER_COLUMNS = frozenset({"id", "source", "source_id", "geom", "created_at", "updated_at", "layer"})


class FieldProblem(ValueError):
    """A field value that does not fit the model; the message names the field and the value."""


@dataclass(frozen=True)
class TargetSpec:
    """One target table. polygonal: geometry must be (Multi)Polygon and is stored as MultiPolygon;
    conflict: the columns of the partial unique index that an upsert matches on."""

    name: str
    model_label: str
    polygonal: bool
    conflict: tuple[str, ...] = ("source", "source_id")

    @cached_property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @cached_property
    def columns(self) -> dict[str, models.Field]:
        """Writable model fields by name (= column name): no key, no relation, none the writer sets."""
        return {
            f.name: f
            for f in self.model._meta.concrete_fields
            if not f.primary_key and not f.is_relation and f.name not in WRITER_COLUMNS
        }

    @cached_property
    def defaults(self) -> dict[str, Any]:
        return {name: f.get_default() for name, f in self.columns.items() if f.has_default() or f.null}

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(name for name, f in self.columns.items() if not f.has_default() and not f.null)

    def clean(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """All writable columns: the given values checked and typed, the model defaults for the rest.

        None means "no value": the default where there is one. Raises FieldProblem for a bad or missing
        value, ImportFailed for a field name the model does not have (an importer or mapping error).
        """
        out = dict(self.defaults)
        for name, value in fields.items():
            field = self.columns.get(name)
            if field is None:
                raise ImportFailed(
                    _("%(target)s has no field %(name)r; fields: %(known)s")
                    % {"target": self.name, "name": name, "known": ", ".join(self.columns)}
                )
            if value is None and (name in out or not field.null):
                continue  # the default, or "no value" for a required field (reported below)
            try:
                out[name] = field.clean(value, None)
            except ValidationError as exc:
                raise FieldProblem(
                    _("%(name)s %(value)r: %(problem)s")
                    % {"name": name, "value": value, "problem": " ".join(exc.messages)}
                ) from None
        missing = [name for name in self.required if name not in out]
        if missing:
            raise FieldProblem(_("no value for %(names)s") % {"names": ", ".join(missing)})
        return out


TARGET_SPECS: dict[str, TargetSpec] = {
    "adminarea": TargetSpec("adminarea", "layers.AdminArea", polygonal=True),
    "property": TargetSpec("property", "layers.Property", polygonal=True),
    "asset": TargetSpec("asset", "layers.Asset", polygonal=False),
    "feature": TargetSpec("feature", "layers.Feature", polygonal=False, conflict=("layer_id", "source_id")),
}
