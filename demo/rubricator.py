"""The demo rubricator as data (demo/data/rubricator.json), read and checked here: pure, no database."""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from appeals.workflow import AppealKind

RUBRICATOR_PATH = Path(__file__).resolve().parent / "data" / "rubricator.json"

# «раздел.тематика.тема.вопрос»: four groups of four digits.
FEDERAL_CODE = re.compile(r"^\d{4}\.\d{4}\.\d{4}\.\d{4}$")


class RubricatorError(ValueError):
    """A row of the rubricator file is invalid; the message names the row and the field."""


@dataclass(frozen=True)
class CategorySpec:
    code: str
    parent: str | None
    kind: str
    name_ru: str
    name_en: str
    federal_code: str
    severity: float
    department: str
    answer_working_days: int | None
    asset_kinds: list[str] = field(default_factory=list)
    icon: str = ""


def load_rubricator(path: Path = RUBRICATOR_PATH) -> list[CategorySpec]:
    """Categories in file order (parents before children). Raises RubricatorError on the first bad row."""
    rows = json.loads(path.read_text(encoding="utf-8"))["categories"]
    specs: list[CategorySpec] = []
    seen: set[str] = set()
    for i, row in enumerate(rows, start=1):
        where = f"{path.name} row {i} ({row.get('code', '?')!r})"
        try:
            spec = CategorySpec(**row)
        except TypeError as exc:
            raise RubricatorError(f"{where}: {exc}") from exc
        _check(spec, where=where, seen=seen)
        seen.add(spec.code)
        specs.append(spec)
    return specs


def _check(spec: CategorySpec, *, where: str, seen: set[str]) -> None:
    if not re.fullmatch(r"[a-z0-9-]{1,64}", spec.code):
        raise RubricatorError(f"{where}: field 'code' must be a slug")
    if spec.code in seen:
        raise RubricatorError(f"{where}: field 'code' is a duplicate")
    if spec.parent is not None and spec.parent not in seen:
        raise RubricatorError(f"{where}: field 'parent' must name an earlier row")
    if spec.kind not in AppealKind.values:
        raise RubricatorError(f"{where}: field 'kind' must be one of {sorted(AppealKind.values)}")
    if not spec.name_ru or not spec.name_en:
        raise RubricatorError(f"{where}: fields 'name_ru' and 'name_en' are required")
    if spec.federal_code and not FEDERAL_CODE.match(spec.federal_code):
        raise RubricatorError(f"{where}: field 'federal_code' must look like 0005.0005.0056.1153")
    if not 0 < spec.severity <= 10:
        raise RubricatorError(f"{where}: field 'severity' must be in (0, 10]")
    if spec.answer_working_days is not None and not 1 <= spec.answer_working_days <= 30:
        raise RubricatorError(f"{where}: field 'answer_working_days' must be 1..30 or null")
