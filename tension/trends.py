"""Trends of hexagons against the previous window of the same length, and emerging hotspots (pure).

A hexagon's trend compares its raw score T in the current window with T in the window of the same
length just before it (tension.scoring.Window.previous): delta = now − before, ratio = now / before
(None when before is 0). It is *rising* when delta ≥ min_delta and ratio ≥ 1 + rise_ratio (or before
is 0), *falling* when −delta ≥ min_delta and ratio ≤ 1 / (1 + rise_ratio), *steady* otherwise —
symmetric on a log scale; min_delta keeps a single low-severity appeal from turning an empty hexagon
into a "rising" one. An emerging hotspot is significantly hot now (Gi* class hot) and rising.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from tension.gistar import Hotspot, HotspotClass


class TrendClass(StrEnum):
    RISING = "rising"
    FALLING = "falling"
    STEADY = "steady"


@dataclass(frozen=True, slots=True)
class Trend:
    now: float
    before: float
    delta: float
    ratio: float | None
    cls: TrendClass


def trend_of(now: float, before: float, *, rise_ratio: float, min_delta: float) -> Trend:
    """The trend of one hexagon from its T now and before (both ≥ 0)."""
    delta = now - before
    ratio = now / before if before > 0 else None
    if delta >= min_delta and (ratio is None or ratio >= 1 + rise_ratio):
        cls = TrendClass.RISING
    elif -delta >= min_delta and ratio is not None and ratio <= 1 / (1 + rise_ratio):
        cls = TrendClass.FALLING
    else:
        cls = TrendClass.STEADY
    return Trend(now=now, before=before, delta=delta, ratio=ratio, cls=cls)


def trends(
    now: Mapping[int, float], before: Mapping[int, float], *, rise_ratio: float, min_delta: float
) -> dict[int, Trend]:
    """Trend of every cell present in either window (a cell absent from a window has T = 0 there)."""
    return {
        cell: trend_of(now.get(cell, 0.0), before.get(cell, 0.0), rise_ratio=rise_ratio, min_delta=min_delta)
        for cell in now.keys() | before.keys()
    }


def is_emerging(hotspot: Hotspot | None, trend: Trend | None) -> bool:
    """Significantly hot now and rising against the previous window."""
    return (
        hotspot is not None
        and hotspot.cls is HotspotClass.HOT
        and trend is not None
        and trend.cls is TrendClass.RISING
    )
