"""Pure parts of the index: the whole months of a window."""

from datetime import date

import pytest

from tension.scoring import Window, whole_months


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-01-01", "2026-03-31", ("2026-01-01", "2026-03-31")),
        ("2026-01-14", "2026-03-31", ("2026-02-01", "2026-03-31")),
        ("2026-01-01", "2026-03-30", ("2026-01-01", "2026-02-28")),
        ("2026-01-14", "2026-02-27", None),
        ("2024-02-01", "2024-02-29", ("2024-02-01", "2024-02-29")),  # a leap February
        ("2025-12-02", "2026-01-31", ("2026-01-01", "2026-01-31")),  # across a year
    ],
)
def test_whole_months(start, end, expected):
    months = whole_months(Window(date.fromisoformat(start), date.fromisoformat(end)))
    assert months == (tuple(date.fromisoformat(d) for d in expected) if expected else None)
