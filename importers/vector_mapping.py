"""How the vector importer turns a feature's columns into model fields (no GDAL, no database).

Mapping: `--map field=column` entries first; then columns named like a model field (NAME → name) are
taken as that field; the remaining columns go to `attributes` (property, asset) or are dropped (admin
area, which has no attributes). For a property, street + house number make the address when no column
is mapped to `address`. For a layer every column goes to the feature's `properties`.
"""

import datetime
import decimal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from importers.addresses import format_address
from importers.errors import ImportFailed
from importers.targets import TARGET_SPECS

VECTOR_TARGETS = ("property", "asset", "adminarea", "layer")
DEFAULT_KINDS = {"property": "building"}
SUFFIXES = (".zip", ".geojson", ".json", ".shp")


def file_stem(path: Path) -> str:
    """The file name without its data suffixes: krymsk_highways.shp.zip → krymsk_highways."""
    name = path.name
    while True:
        lowered = name.lower()
        suffix = next((s for s in SUFFIXES if lowered.endswith(s) and len(name) > len(s)), None)
        if suffix is None:
            return name
        name = name[: -len(suffix)]


def json_safe(value: Any) -> Any:
    """A column value as JSON can hold it: dates as ISO text, decimals as floats, bytes as hex."""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return value


def id_text(value: Any) -> str:
    """A source id as text; whole floats (Shapefile numbers: 170600971.0) without the ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_map(entries: Sequence[str]) -> dict[str, str]:
    """`--map field=column` entries as {field: column}. Raises ImportFailed for a malformed entry."""
    mapping: dict[str, str] = {}
    for entry in entries:
        field, sep, column = entry.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not field or not column:
            raise ImportFailed(
                _("--map %(entry)r: write it as field=column, e.g. --map address=A_STRT") % {"entry": entry}
            )
        if field in mapping:
            raise ImportFailed(_("--map gives the field %(field)r twice") % {"field": field})
        mapping[field] = column
    return mapping


@dataclass(frozen=True)
class FieldMap:
    """Column → field rules for one import. target: a VECTOR_TARGETS value; mapping: field → column;
    kind: the kind of every row (None when a column gives it)."""

    target: str
    mapping: dict[str, str]
    kind: str | None

    @property
    def record_target(self) -> str:
        return "feature" if self.target == "layer" else self.target

    def fields(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The record fields of one feature from its column values."""
        if self.target == "layer":
            return {"properties": {column: json_safe(v) for column, v in values.items()}}
        columns = TARGET_SPECS[self.target].columns
        out = {
            field: _for_field(columns[field], values.get(column)) for field, column in self.mapping.items()
        }
        if self.kind:
            out["kind"] = self.kind
        if self.target == "property" and "address" not in self.mapping:
            if "street" in self.mapping or "housenumber" in self.mapping:
                out["address"] = format_address(out.get("street"), out.get("housenumber"))
        if "attributes" in columns and "attributes" not in self.mapping:
            used = set(self.mapping.values())
            out["attributes"] = {
                c: json_safe(v) for c, v in values.items() if c not in used and v is not None
            }
        return out


def _for_field(field: models.Field, value: Any) -> Any:
    if isinstance(field, models.CharField) and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json_safe(value)


def build_field_map(
    *, target: str, columns: Sequence[str], entries: Sequence[str], kind: str | None
) -> FieldMap:
    """Check the options against the model and the file's columns. Raises ImportFailed naming the fix."""
    if target == "layer":
        if entries or kind:
            raise ImportFailed(_("--map and --kind are for --target property, asset or adminarea"))
        return FieldMap(target, {}, None)
    spec = TARGET_SPECS[target]
    mapping = parse_map(entries)
    for field, column in mapping.items():
        if field not in spec.columns:
            raise ImportFailed(
                _("--map %(field)s=…: %(target)s has no field %(field)r; fields: %(known)s")
                % {"field": field, "target": target, "known": ", ".join(spec.columns)}
            )
        if column not in columns:
            raise ImportFailed(
                _("--map %(field)s=%(column)s: the file has no column %(column)r; columns: %(known)s")
                % {"field": field, "column": column, "known": ", ".join(columns) or "—"}
            )
    for column in columns:
        field = column.lower()
        if field in spec.columns and field not in mapping and field != "attributes":
            if field != "kind" or not kind:
                mapping[field] = column
    kinds = [value for value, _label in spec.columns["kind"].choices]
    if kind and kind not in kinds:
        raise ImportFailed(
            _("--kind %(kind)s is not a %(target)s kind; kinds: %(known)s")
            % {"kind": kind, "target": target, "known": ", ".join(kinds)}
        )
    if not kind and "kind" not in mapping:
        kind = DEFAULT_KINDS.get(target)
        if kind is None:
            raise ImportFailed(
                _("pass --kind for --target %(target)s (one of: %(known)s)")
                % {"target": target, "known": ", ".join(kinds)}
            )
    return FieldMap(target, mapping, kind)
