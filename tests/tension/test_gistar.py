"""Gi* in closed form (tension.gistar) against PySAL esda's G_Local(star=True), and small hand-checked cases.

esda and libpysal are test-only dependencies (pyproject.toml, extra "test"). Pure: no database.
"""

import math
import warnings

import h3
import numpy as np
import pytest
from esda.getisord import G_Local
from libpysal.weights import W

from tension.gistar import HotspotClass, classify, gi_star_z, hotspots, p_two_sided, ring_pairs, study_area

KRYMSK_CENTRE = (37.9877, 44.9300)  # (lon, lat), Lenina street
PENTAGON_RES9 = h3.cell_to_center_child(h3.get_pentagons(0)[0], 9)


def fixture_values(origin: str, seed: int) -> dict[int, float]:
    """Res-9 cells within 6 rings of origin: ~60% carry a skewed score, the rest 0; a planted cluster."""
    rng = np.random.default_rng(seed)
    values = {}
    for cell in h3.grid_disk(origin, 6):
        if rng.random() < 0.6:
            values[h3.str_to_int(cell)] = float(rng.gamma(0.6, 3.0))
    for cell in h3.grid_disk(h3.grid_ring(origin, 3)[0], 1):
        values[h3.str_to_int(cell)] = 25.0 + float(rng.random())
    return values


def esda_inputs(values: dict[int, float]):
    """The study area as y, our (rows, cols), and the same neighbours as a libpysal W (self excluded)."""
    area = study_area(cell for cell, value in values.items() if value)
    rows, cols = ring_pairs(area)
    y = np.array([values.get(int(cell), 0.0) for cell in area])
    neighbours = {i: [] for i in range(area.size)}
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if i != j:
            neighbours[i].append(j)
    return y, rows, cols, W(neighbours, silence_warnings=True)


def esda_g_local(y, w, **kwargs) -> G_Local:
    with warnings.catch_warnings():
        # The row-standardised default warns that it assumes a self-weight equal to the row's maximum.
        warnings.simplefilter("ignore", UserWarning)
        return G_Local(y, w, star=True, permutations=0, **kwargs)


ORIGINS = {
    "krymsk": h3.latlng_to_cell(KRYMSK_CENTRE[1], KRYMSK_CENTRE[0], 9),
    "pentagon": PENTAGON_RES9,
}


@pytest.mark.parametrize("origin", ORIGINS.values(), ids=ORIGINS.keys())
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_binary_gi_star_matches_esda(origin, seed):
    y, rows, cols, w = esda_inputs(fixture_values(origin, seed))
    assert y.size > 100 and (y == 0).sum() > 20  # zeros inside the study area count

    ours = gi_star_z(y, rows, cols, transform="B")
    theirs = esda_g_local(y, w, transform="B")

    assert np.abs(ours - theirs.Zs).max() < 1e-9
    # Our p-value is two-sided: twice esda's one-sided normal p.
    ours_p = np.array([p_two_sided(z) for z in ours])
    assert np.abs(ours_p - 2 * theirs.p_norm).max() < 1e-12


@pytest.mark.parametrize("origin", ORIGINS.values(), ids=ORIGINS.keys())
def test_row_standardised_variant_matches_esda_default(origin):
    y, rows, cols, w = esda_inputs(fixture_values(origin, 4))
    theirs = esda_g_local(y, w)  # esda's default transform is "R"
    assert theirs.w_transform == "R"
    assert np.abs(gi_star_z(y, rows, cols, transform="R") - theirs.Zs).max() < 1e-9


def test_pentagon_ring_has_five_neighbours():
    area = study_area([h3.str_to_int(PENTAGON_RES9)])
    rows, _ = ring_pairs(area)
    centre = int(np.searchsorted(area, h3.str_to_int(PENTAGON_RES9)))
    assert area.size == 6 and np.count_nonzero(rows == centre) == 6  # itself + 5


def test_study_area_is_the_ring_closure_of_non_empty_cells():
    origin = ORIGINS["krymsk"]
    far = h3.grid_ring(origin, 5)[0]
    zero = h3.grid_ring(origin, 2)[0]
    values = {h3.str_to_int(origin): 6.0, h3.str_to_int(far): 1.0, h3.str_to_int(zero): 0.0}

    result = hotspots(values, z_threshold=1.96)

    expected = {h3.str_to_int(c) for c in h3.grid_disk(origin, 1) + h3.grid_disk(far, 1)}
    assert set(result) == expected  # a zero-valued cell does not seed the study area


def test_two_isolated_cells_by_hand():
    # Study area: two disjoint 7-cell disks, N = 14; y = 6 at the origin, 1 at the far cell, 0 elsewhere.
    # mean = 0.5, variance = (36 + 1)/14 − 0.25 = 2.392857…; the origin's ring holds all of its disk: card 7,
    # lag 6, z = (6 − 7·0.5) / sqrt(2.392857 · 7 · (14 − 7) / 13) = 2.5 / 3.003202… = 0.832444…
    origin = ORIGINS["krymsk"]
    far = h3.grid_ring(origin, 5)[0]
    result = hotspots({h3.str_to_int(origin): 6.0, h3.str_to_int(far): 1.0}, z_threshold=1.96)

    z = result[h3.str_to_int(origin)].z
    assert z == pytest.approx(2.5 / math.sqrt((37 / 14 - 0.25) * 49 / 13), abs=1e-12)
    assert z == pytest.approx(0.832444, abs=1e-6)
    assert result[h3.str_to_int(origin)].p == pytest.approx(math.erfc(z / math.sqrt(2)), abs=1e-15)
    assert result[h3.str_to_int(origin)].cls is HotspotClass.NONE


def test_planted_cluster_is_hot_and_a_quiet_patch_cold():
    origin = ORIGINS["krymsk"]
    cluster_centre = h3.grid_ring(origin, 3)[0]
    quiet_centre = h3.grid_ring(origin, 6)[0]
    values = {h3.str_to_int(c): 5.0 for c in h3.grid_disk(origin, 8)}
    values.update({h3.str_to_int(c): 0.5 for c in h3.grid_disk(quiet_centre, 1)})
    values.update({h3.str_to_int(c): 20.0 for c in h3.grid_disk(cluster_centre, 1)})

    result = hotspots(values, z_threshold=1.96)

    assert result[h3.str_to_int(cluster_centre)].cls is HotspotClass.HOT
    assert result[h3.str_to_int(cluster_centre)].p < 0.05
    assert result[h3.str_to_int(quiet_centre)].cls is HotspotClass.COLD
    assert result[h3.str_to_int(origin)].cls is HotspotClass.NONE  # plain background


def test_constant_or_empty_values_have_no_hotspots():
    cells = [h3.str_to_int(c) for c in h3.grid_disk(ORIGINS["krymsk"], 3)]
    assert hotspots({}, z_threshold=1.96) == {}
    assert hotspots(dict.fromkeys(cells, 0.0), z_threshold=1.96) == {}
    # Equal values over the whole study area: no variance, nothing stands out (esda would divide by 0).
    y = np.full(7, 3.0)
    rows, cols = ring_pairs(study_area(cells[:1]))
    assert np.all(gi_star_z(y, rows, cols) == 0)


def test_threshold_is_strict_on_both_sides():
    assert classify(1.96, z_threshold=1.96) is HotspotClass.NONE
    assert classify(1.9600001, z_threshold=1.96) is HotspotClass.HOT
    assert classify(-1.9600001, z_threshold=1.96) is HotspotClass.COLD
    assert classify(2.5, z_threshold=2.58) is HotspotClass.NONE
