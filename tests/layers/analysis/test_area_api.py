"""POST /api/v1/analysis/area over the hand-made quarter (conftest.py): every figure worked out on paper.

Lengths and areas are planar UTM metres in the layout; the API answers geodesic metres, which differ by
UTM's scale there (1 / 0.99968 ≈ +0.03 %), hence the relative tolerance of 0.1 %.
"""

import json

import h3
import pytest

from layers.models import Access
from layers.rasters.services import raster_create
from tests.layers.analysis.conftest import CONTACT, TINY_RASTER, ZONE, box_geojson, lonlat

URL = "/api/v1/analysis/area"


def metres(value: float):
    return pytest.approx(value, rel=1e-3)


def analyse(client, body: dict):
    return client.post(URL, body, content_type="application/json")


def by(rows: list[dict], *keys: str) -> dict:
    """Rows keyed by the tuple of `keys` (or the single key's value)."""
    return {(r[keys[0]] if len(keys) == 1 else tuple(r[k] for k in keys)): r for r in rows}


def test_a_drawn_polygon_counts_appeals_properties_and_assets_by_hand(client, quarter):
    response = analyse(client, {"geometry": box_geojson(*ZONE)})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["area"] == {
        "id": None,
        "kind": None,
        "name": None,
        "code": None,
        "area_km2": metres(0.04),
        "population": None,
    }
    tension = body["tension"]
    # The 200 m square holds no res-9 hexagon centre: it is summarised by the hexagon of a point inside it.
    zone_centre = lonlat(100, 100)
    [cell] = {h3.latlng_to_cell(zone_centre[1], zone_centre[0], 9)}
    expected = client.get(f"/api/v1/tension/hexes?res=9&from={tension['from']}&to={tension['to']}").json()
    by_cell = {f["properties"]["h3"]: f["properties"] for f in expected["features"]}
    assert tension["res"] == 9 and tension["hexagons"] == 1
    assert tension["max_index"] == tension["mean_index"] == by_cell[cell]["index"]
    assert tension["t"] == by_cell[cell]["t"] and tension["hottest"] == cell
    assert tension["t_previous"] == 0 and tension["trend"] in {"rising", "steady"}
    assert body["rasters"] == []


def test_appeals_by_category_and_status_with_the_share_overdue(client, quarter):
    appeals = analyse(client, {"geometry": box_geojson(*ZONE)}).json()["appeals"]

    # Public: registered (not due), in_progress (overdue), closed late, closed on time, a proposal.
    assert appeals["scope"] == "public"
    assert appeals["total"] == {
        "count": 5,
        "open": 3,
        "with_deadline": 4,
        "overdue_open": 1,
        "answered_late": 1,
        "overdue": 2,
        "overdue_pct": 50.0,
    }
    categories = by(appeals["by_category"], "code")
    assert set(categories) == {"roads-potholes", "streetlight", "proposal-yard"}
    assert categories["roads-potholes"] == {
        "code": "roads-potholes",
        "name_ru": "Ямы",
        "name_en": "Potholes",
        "kind": "issue",
        "count": 2,
        "open": 2,
        "with_deadline": 2,
        "overdue_open": 1,
        "answered_late": 0,
        "overdue": 1,
        "overdue_pct": 50.0,
    }
    assert categories["streetlight"]["answered_late"] == 1 and categories["streetlight"]["open"] == 0
    assert categories["proposal-yard"]["with_deadline"] == 0
    assert categories["proposal-yard"]["overdue_pct"] is None  # no deadline, no share
    statuses = {status: row["count"] for status, row in by(appeals["by_status"], "status").items()}
    assert statuses == {"registered": 1, "in_progress": 1, "closed": 2, "published": 1}
    assert by(appeals["by_status"], "status")["closed"]["name"] == "closed"
    assert {k: r["count"] for k, r in by(appeals["by_kind"], "kind").items()} == {"issue": 4, "proposal": 1}


def test_staff_see_every_status_residents_only_public_ones(client, quarter, make_user):
    client.force_login(make_user("resident", "resident"))
    resident = analyse(client, {"geometry": box_geojson(*ZONE)}).json()["appeals"]
    client.force_login(make_user("planner", "planner"))
    planner = analyse(client, {"geometry": box_geojson(*ZONE)}).json()["appeals"]

    assert resident["scope"] == "public" and resident["total"]["count"] == 5
    assert planner["scope"] == "all"
    # + a `new` appeal (open, due in 2 days) and a rejected one (no deadline).
    assert planner["total"] == {
        "count": 7,
        "open": 4,
        "with_deadline": 5,
        "overdue_open": 1,
        "answered_late": 1,
        "overdue": 2,
        "overdue_pct": 40.0,
    }
    assert {"new", "rejected"} <= {r["status"] for r in planner["by_status"]}


def test_no_contact_data_or_text_in_the_answer(client, quarter, make_user):
    client.force_login(make_user("planner", "planner"))
    text = analyse(client, {"geometry": box_geojson(*ZONE)}).content.decode()

    for value in [*CONTACT.values(), "Текст обращения"]:
        assert value not in text
    assert "hidden.resident" not in text


def test_properties_by_ownership_and_use_with_areas_and_floor_area(client, quarter):
    properties = analyse(client, {"geometry": box_geojson(*ZONE)}).json()["properties"]

    # In: building A (computed 200 m², 3 storeys), building B (centre inside, stored 160 m²), the parcel.
    # Out: building C (centre outside although it overlaps), the garage far away.
    assert properties["count"] == 3
    kinds = by(properties["by_kind"], "kind")
    assert kinds["building"]["count"] == 2 and kinds["building"]["area_m2"] == metres(360)
    assert kinds["parcel"]["count"] == 1 and kinds["parcel"]["area_m2"] == 1600
    owners = {
        key: (r["count"], r["area_m2"])
        for key, r in by(properties["by_ownership"], "kind", "ownership").items()
    }
    assert owners == {
        ("building", "municipal"): (1, metres(200)),
        ("building", "private"): (1, 160),
        ("parcel", "municipal"): (1, 1600),
    }
    uses = {key: (r["count"], r["area_m2"]) for key, r in by(properties["by_use"], "kind", "use").items()}
    assert uses == {("building", "residential"): (2, metres(360)), ("parcel", "park"): (1, 1600)}
    assert properties["buildings"] == {
        "count": 2,
        "area_m2": metres(360),
        "floor_area_m2": metres(600 + 160),  # 200 × 3 + 160 × 1 (levels unknown → one storey)
        "levels_unknown": 1,
    }


def test_assets_by_kind_and_condition_and_lengths_clipped_to_the_zone(client, quarter):
    assets = analyse(client, {"geometry": box_geojson(*ZONE)}).json()["assets"]

    # The 100 m residential road is half inside: 50 m. Service road 100 m, untagged road 30 m of 80,
    # water pipe 160 m, heat pipe 200 m of 300; a streetlight and a playground across the corner.
    assert assets["count"] == 7
    assert assets["length_m"] == metres(50 + 100 + 30 + 160 + 200)
    kinds = {k: (r["count"], r["length_m"]) for k, r in by(assets["by_kind"], "kind").items()}
    assert kinds == {
        "road": (3, metres(180)),
        "water_pipe": (1, metres(160)),
        "heat_pipe": (1, metres(200)),
        "streetlight": (1, None),
        "playground": (1, None),
    }
    roads = {h: (r["count"], r["length_m"]) for h, r in by(assets["roads_by_highway"], "highway").items()}
    assert roads == {"residential": (1, metres(50)), "service": (1, metres(100)), "": (1, metres(30))}
    conditions = {c: r["count"] for c, r in by(assets["by_condition"], "condition").items()}
    assert conditions == {"unknown": 4, "poor": 1, "fair": 1, "good": 1}


def test_a_district_id_gives_the_same_figures_with_its_name_and_population(client, quarter):
    drawn = analyse(client, {"geometry": box_geojson(*ZONE)}).json()
    response = analyse(client, {"area": quarter.district.pk})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["area"] == {
        "id": quarter.district.pk,
        "kind": "district",
        "name": "Квартал",
        "code": "q",
        "area_km2": metres(0.04),
        "population": 1234,
    }
    for section in ("appeals", "properties", "assets"):
        assert body[section] == drawn[section], section


def test_a_tos_id(client, quarter):
    body = analyse(client, {"area": str(quarter.tos.pk)}).json()  # a string of digits is fine too

    # ТОС = (0..90, 0..90): building A, 40 m of the service road, 70 m of the water pipe, the streetlight;
    # every appeal lies at x ≥ 100.
    assert body["area"]["kind"] == "tos" and body["area"]["area_km2"] == metres(0.0081)
    assert body["properties"]["count"] == 1
    assert body["appeals"]["total"]["count"] == 0
    kinds = {k: r["length_m"] for k, r in by(body["assets"]["by_kind"], "kind").items()}
    assert kinds == {"road": metres(40), "water_pipe": metres(70), "streetlight": None}


def test_responsibility_zones_exist_for_staff_only(client, quarter, make_user):
    anonymous = analyse(client, {"area": quarter.works.pk})
    client.force_login(make_user("operator", "operator"))
    staff = analyse(client, {"area": quarter.works.pk})

    assert anonymous.status_code == 404 and anonymous.json()["field"] == "area"
    assert staff.status_code == 200 and staff.json()["area"]["kind"] == "responsibility_zone"


def test_raster_statistics_for_chosen_rasters_internal_ones_for_staff_only(client, quarter, make_user):
    public = raster_create(source=TINY_RASTER, slug="tiny", title="Tiny")
    raster_create(source=TINY_RASTER, slug="secret", title="Secret", access=Access.INTERNAL)
    extent = json.loads(public.extent.geojson)

    response = analyse(client, {"geometry": extent, "rasters": ["tiny"]})
    refused = analyse(client, {"geometry": extent, "rasters": ["tiny", "secret"]})
    client.force_login(make_user("planner", "planner"))
    staff = analyse(client, {"geometry": extent, "rasters": ["secret", "tiny"]})

    assert response.status_code == 200, response.content
    # Values 1..16 on a 4 × 4 grid, one nodata: 15 pixels, (136 − 4) / 15 = 8.8.
    assert response.json()["rasters"] == [
        {
            "slug": "tiny",
            "title": "Tiny",
            "factor": 1,
            "bands": [{"band": 1, "min": 1.0, "max": 16.0, "mean": pytest.approx(8.8), "count": 15}],
        }
    ]
    assert refused.status_code == 400
    assert refused.json() == {"detail": "Unknown raster: secret.", "field": "rasters"}
    assert staff.status_code == 200
    assert [r["slug"] for r in staff.json()["rasters"]] == ["secret", "tiny"]


def test_an_empty_zone_answers_zeros(client, quarter):
    body = analyse(client, {"geometry": box_geojson(600, 600, 700, 700)}).json()

    assert body["appeals"]["total"]["count"] == 0 and body["appeals"]["total"]["overdue_pct"] is None
    assert body["appeals"]["by_category"] == []
    assert body["properties"]["count"] == 0 and body["properties"]["buildings"]["floor_area_m2"] == 0
    assert body["assets"] == {
        "count": 0,
        "length_m": None,
        "by_kind": [],
        "by_condition": [],
        "roads_by_highway": [],
    }
