"""The digital matrix as a public JSON document and as a table (CSV, XLSX), headers in the active language.

Nothing here reads the database: tension.matrix builds the Matrix, this module only rounds and lays it out.
Figures are rounded the same way in every format, so a CSV or XLSX reads back to the JSON's numbers.
"""

import csv
import io
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from geoportal.language import english as language_is_english
from tension.matrix import MATRIX_RES, Matrix, MatrixRow, TopCategory

TOP_CATEGORIES = 3
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TREND_LABELS = {
    "rising": pgettext_lazy("tension trend", "rising"),
    "falling": pgettext_lazy("tension trend", "falling"),
    "steady": pgettext_lazy("tension trend", "steady"),
}
POPULATION_SOURCE_LABELS = {
    "known": pgettext_lazy("population source", "known"),
    "estimated": pgettext_lazy("population source", "estimated"),
}


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def category_name(category: TopCategory, *, english: bool) -> str:
    return category.name_en if english and category.name_en else category.name_ru


def row_public(row: MatrixRow, *, english: bool) -> dict[str, Any]:
    """One area as JSON: rounded figures, no geometry, nothing about any resident."""
    return {
        "id": row.id,
        "code": row.code,
        "name": row.name,
        "population": _round(row.population, 0),
        "population_source": row.population_source,
        "appeals": row.appeals,
        "per_1000": _round(row.per_1000, 2),
        "overdue": row.overdue,
        "overdue_share": _round(row.overdue_share, 3),
        "answered": row.answered,
        "median_answer_days": _round(row.median_answer_days, 1),
        "hexagons": row.hexagons,
        "tension_mean": round(row.tension_mean, 1),
        "tension_max": round(row.tension_max, 1),
        "t": round(row.t, 6),
        "t_previous": round(row.t_previous, 6),
        "trend": row.trend,
        "top_categories": [
            {"code": c.code, "name": category_name(c, english=english), "count": c.count}
            for c in row.top_categories
        ],
    }


def matrix_public(matrix: Matrix) -> dict[str, Any]:
    """The JSON document of GET /api/v1/tension/matrix."""
    window, previous = matrix.filters.window, matrix.previous.window
    english = language_is_english()
    return {
        "level": matrix.level.value,
        "from": window.start.isoformat(),
        "to": window.end.isoformat(),
        "previous": {"from": previous.start.isoformat(), "to": previous.end.isoformat()},
        "res": MATRIX_RES,
        "k": _round(matrix.k, 6),
        "areas": [row_public(row, english=english) for row in matrix.rows],
    }


def _top(n: int, part: str) -> Callable[[dict], Any]:
    def get(row: dict) -> Any:
        top = row["top_categories"]
        return top[n][part] if n < len(top) else None

    return get


def _label(labels: dict, key: str) -> Callable[[dict], Any]:
    return lambda row: str(labels[row[key]]) if row[key] in labels else None


# (header, value from a row_public dict), in table order.
COLUMNS: list[tuple[Any, Callable[[dict], Any]]] = [
    (_("Area"), lambda r: r["name"]),
    (_("Code"), lambda r: r["code"]),
    (_("Population"), lambda r: r["population"]),
    (_("Population source"), _label(POPULATION_SOURCE_LABELS, "population_source")),
    (_("Appeals"), lambda r: r["appeals"]),
    (_("Appeals per 1,000 residents"), lambda r: r["per_1000"]),
    (_("Overdue"), lambda r: r["overdue"]),
    (_("Share overdue"), lambda r: r["overdue_share"]),
    (_("Answered"), lambda r: r["answered"]),
    (_("Median answer time, days"), lambda r: r["median_answer_days"]),
    (_("Hexagons with tension"), lambda r: r["hexagons"]),
    (_("Mean tension index"), lambda r: r["tension_mean"]),
    (_("Max tension index"), lambda r: r["tension_max"]),
    (_("Tension T"), lambda r: r["t"]),
    (_("Tension T, previous window"), lambda r: r["t_previous"]),
    (_("Trend"), _label(TREND_LABELS, "trend")),
]


def table(document: dict[str, Any]) -> list[list[Any]]:
    """The matrix as rows of cells, the header first, in the active language."""
    columns = list(COLUMNS)
    for n in range(TOP_CATEGORIES):
        columns.append((gettext("Category %(n)d") % {"n": n + 1}, _top(n, "name")))
        columns.append((gettext("Category %(n)d, appeals") % {"n": n + 1}, _top(n, "count")))
    rows = [[str(header) for header, _get in columns]]
    rows.extend([get(area) for _header, get in columns] for area in document["areas"])
    return rows


def csv_bytes(document: dict[str, Any]) -> bytes:
    """RFC 4180 CSV in UTF-8 with a byte-order mark (so spreadsheet programs read the Cyrillic right)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([["" if v is None else v for v in row] for row in table(document)])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(document: dict[str, Any]) -> bytes:
    """One worksheet: the header row (frozen), then one row per area (empty cells where a figure is
    unknown)."""
    # openpyxl (~10 MB) is imported by the one request that asks for XLSX, not by every worker.
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(gettext("Digital matrix")[:31])
    rows = table(document)
    sheet.freeze_panes = "B2"  # the header row and the area names stay in view
    for n, header in enumerate(rows[0], start=1):
        sheet.column_dimensions[get_column_letter(n)].width = max(10, min(40, len(header) + 2))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
