"""GET /api/v1/tension/hotspots: Gi* classes, trends and emerging hotspots over real appeals (PostGIS).

The town (res 8 around Lenina street): the Lenina cell and its six neighbours carry six fresh appeals
each — a planted cluster; twelve cells three rings out carry one each. A cell two rings out east had
eight appeals in the previous window and one now (falling).
"""

from dataclasses import replace

import h3.api.basic_int as h3
import pytest
from django.core.cache import cache
from django.utils import timezone

from tension.api.params import parse_filters
from tension.gistar import hotspots
from tension.scoring import Window
from tension.selectors import Filters, cell_scores, score_arrays
from tests.appeals.public_support import town  # noqa: F401
from tests.tension.hotspot_support import LENINA_RES8, centre_of, file_appeals

URL = "/api/v1/tension/hotspots"
FADING = h3.grid_ring(LENINA_RES8, 2)[0]


@pytest.fixture
def cluster(town, settings):  # noqa: F811
    settings.TENSION = {**settings.TENSION, "WINDOW_DAYS": 90, "HOTSPOT_Z": 1.96}
    for cell in h3.grid_disk(LENINA_RES8, 1):
        file_appeals(town["roads"], cell, 6, days_ago=2)
    for cell in h3.grid_ring(LENINA_RES8, 3):
        file_appeals(town["roads"], cell, 1, days_ago=5)
    file_appeals(town["roads"], FADING, 8, days_ago=120)
    file_appeals(town["roads"], FADING, 1, days_ago=3)
    return town


def features_by_cell(response) -> dict[int, dict]:
    return {int(f["id"], 16): f for f in response.json()["features"]}


def test_the_planted_cluster_is_an_emerging_hotspot(client, cluster):
    response = client.get(URL, {"res": 8})

    assert response.status_code == 200 and response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    cells = features_by_cell(response)
    centre = cells[LENINA_RES8]["properties"]
    assert centre["class"] == "hot" and centre["z"] > 1.96 and centre["p"] < 0.05
    assert centre["trend"] == "rising" and centre["t_before"] == 0 and centre["ratio"] is None
    assert centre["emerging"] is True and centre["count"] == 6
    assert body["properties"]["res"] == 8 and body["properties"]["z_threshold"] == 1.96
    # The study area is the ring closure of the cells with tension: rings 0–4 around Lenina.
    assert set(cells) == set(h3.grid_disk(LENINA_RES8, 4))
    assert body["properties"]["study_area_cells"] == len(cells)
    ring = cells[h3.grid_ring(LENINA_RES8, 4)[0]]["properties"]
    assert (ring["t"], ring["count"], ring["emerging"]) == (0, 0, False)


def test_a_cell_that_went_quiet_is_falling_and_not_hot(client, cluster):
    fading = features_by_cell(client.get(URL, {"res": 8}))[FADING]["properties"]
    assert fading["trend"] == "falling" and fading["delta"] < 0 and fading["ratio"] < 0.8
    assert fading["emerging"] is False


def test_z_scores_are_gi_star_of_the_selector_scores(client, cluster):
    today = timezone.localdate()
    scores = cell_scores(8, Filters(window=Window(today.replace(day=1), today)))
    expected = hotspots({cell: s.t for cell, s in scores.items()}, z_threshold=1.96)

    response = client.get(URL, {"res": 8, "from": today.replace(day=1).isoformat(), "to": today.isoformat()})

    got = {cell: f["properties"]["z"] for cell, f in features_by_cell(response).items()}
    assert got == {cell: pytest.approx(h.z, abs=1e-4) for cell, h in expected.items()}


def test_bbox_chooses_what_is_shown_not_the_study_area(client, cluster):
    whole = features_by_cell(client.get(URL, {"res": 8}))
    lon, lat = centre_of(LENINA_RES8)
    bbox = f"{lon - 0.001},{lat - 0.001},{lon + 0.001},{lat + 0.001}"

    response = client.get(URL, {"res": 8, "bbox": bbox})

    shown = features_by_cell(response)
    assert list(shown) == [LENINA_RES8]
    assert shown[LENINA_RES8]["properties"] == whole[LENINA_RES8]["properties"]
    assert response.json()["properties"]["study_area_cells"] == len(whole)


def test_a_category_without_appeals_has_no_hotspots(client, cluster):
    response = client.get(URL, {"res": 8, "category": "proposal-yard"})
    assert response.status_code == 200 and response.json()["features"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [({"res": "6"}, "res"), ({"bbox": "1,2,3"}, "bbox"), ({"from": "2026-02-30"}, "from")],
)
def test_bad_input_is_a_400_with_a_reason(client, cluster, query, field):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert field in response.content.decode()


def test_answers_are_kept_with_the_scores_they_show(client, cluster):
    """Hexes and hotspots answers live in the shared cache as long as the score computations they were made
    from: a new appeal shows once those scores are recomputed (here: their cache entries dropped, as when
    they expire), and the answers' own entries do not outlive them."""
    filters = parse_filters({})  # the default window, as the requests below

    def lenina_counts() -> tuple[int, int]:
        hexes = features_by_cell(client.get("/api/v1/tension/hexes", {"res": 8}))
        spots = features_by_cell(client.get(URL, {"res": 8}))
        return hexes[LENINA_RES8]["properties"]["count"], spots[LENINA_RES8]["properties"]["count"]

    assert lenina_counts() == (6, 6)
    file_appeals(cluster["roads"], LENINA_RES8, 2, days_ago=1)
    assert lenina_counts() == (6, 6)  # the cached scores, and the answers made from them

    for window in (filters.window, filters.window.previous()):
        cache.delete(score_arrays(8, replace(filters, window=window))["key"])
    assert lenina_counts() == (8, 8)
