"""The tension index as pure functions: the weights, one appeal's contribution and the 0–100 index.

The SQL in tension/sql/ applies the same formula to the rollup; tests check both give the same numbers
(and reproduce the worked example of docs/TENSION.md to the digit).
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings

from appeals.workflow import OPEN_STATUSES


@dataclass(frozen=True)
class Weights:
    half_life_days: float
    overdue_boost: float
    status_factors: Mapping[str, float]
    signal_source_weights: Mapping[str, float]

    @classmethod
    def from_settings(cls) -> "Weights":
        conf: dict[str, Any] = settings.TENSION
        return cls(
            half_life_days=conf["HALF_LIFE_DAYS"],
            overdue_boost=conf["OVERDUE_BOOST"],
            status_factors=dict(conf["STATUS_FACTORS"]),
            signal_source_weights=dict(conf["SIGNAL_SOURCE_WEIGHTS"]),
        )

    def source_weight(self, source: str) -> float:
        return self.signal_source_weights.get(source, self.signal_source_weights.get("DEFAULT", 0.0))


def decay(age_days: int, half_life_days: float) -> float:
    """2^(−age/H): a day-old appeal weighs almost 1, one a half-life old weighs ½."""
    return 2.0 ** (-age_days / half_life_days)


def support_factor(supports: int) -> float:
    return 1.0 + math.log1p(supports)


def is_overdue(status: str, due_day: date | None, ref_day: date) -> bool:
    """Open and due before the reference day (whole local days: due today is not yet overdue)."""
    return status in OPEN_STATUSES and due_day is not None and due_day < ref_day


def appeal_contribution(
    w: Weights, *, severity: float, day: date, ref_day: date, supports: int, status: str, due_day: date | None
) -> float:
    """One appeal's share of T: severity · decay · support factor · overdue boost · status factor."""
    boost = w.overdue_boost if is_overdue(status, due_day, ref_day) else 1.0
    return (
        severity
        * decay((ref_day - day).days, w.half_life_days)
        * support_factor(supports)
        * boost
        * w.status_factors.get(status, 0.0)
    )


def signal_contribution(
    w: Weights, *, weight: float, source: str, day: date, ref_day: date, cells: int
) -> float:
    """One signal's share of T in each of the `cells` cells it is spread over."""
    return weight * w.source_weight(source) * decay((ref_day - day).days, w.half_life_days) / max(cells, 1)


def tension_index(t: float, k: float) -> float:
    """The published 0–100 index: 100 · T / (T + K), K the municipality's median non-zero T."""
    if t <= 0 or k <= 0:
        return 0.0
    return 100.0 * t / (t + k)


@dataclass(frozen=True)
class Window:
    """A closed range of local days [start, end]; T is measured at `end`."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Window":
        """The window of the same length just before this one (for trends)."""
        return Window(self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def whole_months(window: Window) -> tuple[date, date] | None:
    """(first day, last day) of the calendar months lying wholly inside the window, or None."""
    first = window.start if window.start.day == 1 else _next_month(window.start)
    after = _next_month(window.end)  # the 1st of the month after the window's last month
    last = (
        window.end
        if window.end == after - timedelta(days=1)
        else window.end.replace(day=1) - timedelta(days=1)
    )
    return (first, last) if first <= last else None


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
