"""The importer contract: an Importer reads one source and yields Records (or Rejects); it never writes.

Only `importers.services.run_import` writes. A new importer is one module with an Importer subclass plus
one line in `importers.registry.IMPORTERS`.

Geometry travels as WKB (bytes, or the hex text of it) or a GEOSGeometry, in EPSG:4326 with (lon, lat)
axis order: the importer transforms it before yielding. Rows are 1-based positions in the source (the
n-th feature or OSM object read), so messages can say "feature 3".
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from django.contrib.gis.geos import GEOSGeometry
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from importers.errors import ImportFailed

Target = Literal["adminarea", "property", "asset", "feature"]
TARGETS: tuple[Target, ...] = ("adminarea", "property", "asset", "feature")


@dataclass(frozen=True, slots=True)
class Record:
    """One row for one target table.

    target: which table; source_id: the id in the source (unique per target and run, never empty);
    fields: model field name → value (validated and typed by the writer); geom: WKB, hex WKB or GEOS,
    EPSG:4326 (lon, lat); row: 1-based position in the source.
    """

    target: Target
    source_id: str
    fields: dict[str, Any]
    geom: bytes | str | GEOSGeometry | None
    row: int


@dataclass(frozen=True, slots=True)
class Reject:
    """A source row that cannot become a Record, and why (a sentence for the user)."""

    row: int
    reason: str
    source_id: str = ""
    target: str = ""


@dataclass(frozen=True, slots=True)
class LayerSpec:
    """The Layer that "feature" records go to, found by slug. title: set on the layer when given (None
    keeps an existing layer's title); default_title: the title of a layer created by this import;
    replace: remove the layer's features that this import does not bring (else they stay)."""

    slug: str
    title: str | None
    default_title: str
    replace: bool = False


@dataclass(frozen=True)
class Option:
    """An option an importer declares; the CLI turns it into `--name-with-dashes`.

    repeatable: may be given many times (the value is a list); flag: a switch without a value.
    """

    name: str
    help: str
    default: Any = None
    type: Callable[[str], Any] = str
    choices: tuple[str, ...] = ()
    repeatable: bool = False
    flag: bool = False
    metavar: str | None = None

    @property
    def cli_flag(self) -> str:
        return "--" + self.name.replace("_", "-")


@dataclass
class ImporterInfo:
    """What the writer needs to know besides the records: the `source` column value and the layer."""

    source_name: str
    targets: tuple[Target, ...]
    layer: LayerSpec | None = None


class Importer(ABC):
    """Reads `source` and yields Record | Reject. Use as a context manager: `with cls(path, opts) as imp`.

    Subclasses declare `name`, `help`, `options` and implement `open`, `read` (and `estimate` when the
    total is cheap to know). They raise ImportFailed with a message naming the file and what to do next.
    """

    name: ClassVar[str]
    help: ClassVar[str]
    options: ClassVar[tuple[Option, ...]] = ()
    row_label: ClassVar[str] = gettext_lazy("row")

    def __init__(self, source: str | Path, options: Mapping[str, Any] | None = None):
        self.path = Path(source)
        self.opts = self.resolve_options(options or {})
        if not self.path.is_file():
            raise ImportFailed(_("%(path)s: no such file") % {"path": self.path})

    @classmethod
    def resolve_options(cls, given: Mapping[str, Any]) -> dict[str, Any]:
        """The declared options with defaults filled in. Raises ImportFailed for an unknown or bad one."""
        declared = {opt.name: opt for opt in cls.options}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            raise ImportFailed(
                _("unknown option(s) for importer %(name)s: %(unknown)s; known: %(known)s")
                % {"name": cls.name, "unknown": ", ".join(unknown), "known": ", ".join(sorted(declared))}
            )
        values = {}
        for name, opt in declared.items():
            value = given.get(name)
            if value is None:
                value = list(opt.default or []) if opt.repeatable else opt.default
            if opt.choices and value is not None and value not in opt.choices:
                raise ImportFailed(
                    _("%(flag)s must be one of %(choices)s, not %(value)r")
                    % {"flag": opt.cli_flag, "choices": ", ".join(opt.choices), "value": value}
                )
            values[name] = value
        return values

    def __enter__(self) -> Importer:
        try:
            self.open()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def open(self) -> None:  # noqa: B027 - optional hook
        """Check the source can be read (format, CRS, columns). Raises ImportFailed."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release what `open` took (temporary folders, datasets)."""

    @property
    @abstractmethod
    def info(self) -> ImporterInfo:
        """The `source` column value, the targets written and the layer (valid after `open`)."""

    def estimate(self) -> int | None:
        """How many records + rejects `read` will yield, when cheap to know; None otherwise."""
        return None

    @abstractmethod
    def read(self) -> Iterator[Record | Reject]:
        """Yield the records of the source in order. Raises ImportFailed when the source breaks off."""
