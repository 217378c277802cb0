"""Trends against the previous window and emerging hotspots (tension.trends), checked by hand. Pure."""

import pytest

from tension.gistar import Hotspot, HotspotClass
from tension.trends import Trend, TrendClass, is_emerging, trend_of, trends

RULE = {"rise_ratio": 0.25, "min_delta": 1.0}


@pytest.mark.parametrize(
    ("now", "before", "delta", "ratio", "cls"),
    [
        (10.0, 8.0, 2.0, 1.25, TrendClass.RISING),  # +25% exactly, +2 ≥ 1
        (9.9, 8.0, 1.9, 1.2375, TrendClass.STEADY),  # +23.75%: under the ratio
        (1.2, 0.5, 0.7, 2.4, TrendClass.STEADY),  # ×2.4 but +0.7 < min_delta: noise
        (3.0, 0.0, 3.0, None, TrendClass.RISING),  # new activity
        (0.5, 0.0, 0.5, None, TrendClass.STEADY),  # new but tiny
        (8.0, 10.0, -2.0, 0.8, TrendClass.FALLING),  # ×0.8 = 1/1.25 exactly
        (8.5, 10.0, -1.5, 0.85, TrendClass.STEADY),  # −15%
        (0.0, 4.0, -4.0, 0.0, TrendClass.FALLING),  # gone quiet
        (0.0, 0.0, 0.0, None, TrendClass.STEADY),
    ],
)
def test_trend_of_by_hand(now, before, delta, ratio, cls):
    trend = trend_of(now, before, **RULE)
    assert trend.delta == pytest.approx(delta)
    assert trend.ratio == (None if ratio is None else pytest.approx(ratio))
    assert trend.cls is cls


def test_trends_cover_cells_of_either_window():
    result = trends({1: 5.0, 2: 2.0}, {2: 6.0, 3: 1.5}, **RULE)
    assert {cell: t.cls for cell, t in result.items()} == {
        1: TrendClass.RISING,
        2: TrendClass.FALLING,
        3: TrendClass.FALLING,
    }
    assert result[3] == Trend(now=0.0, before=1.5, delta=-1.5, ratio=0.0, cls=TrendClass.FALLING)


def test_emerging_is_hot_and_rising():
    hot = Hotspot(z=3.1, p=0.002, cls=HotspotClass.HOT)
    none = Hotspot(z=1.0, p=0.32, cls=HotspotClass.NONE)
    rising = trend_of(10.0, 2.0, **RULE)
    steady = trend_of(10.0, 9.5, **RULE)
    assert is_emerging(hot, rising)
    assert not is_emerging(hot, steady)  # a chronic hotspot is not emerging
    assert not is_emerging(none, rising)
    assert not is_emerging(None, rising)
    assert not is_emerging(hot, None)
