"""Demo appeals on the real slice: counts, places, H3, districts, workflow consistency, planted clusters."""

from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import pytest

from appeals.models import Appeal, AppealContact, AppealEvent, Support
from appeals.workflow import OPEN_STATUSES, can_transition
from demo.clusters import CLUSTERS
from geoportal.db import fetch_rows, fetch_value
from tension.hexes import cell_of
from tests.demo.conftest import ISSUES, NOW, PROPOSALS

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[2] / "demo" / "data" / "README.md"


def test_counts_and_ids(demo_town):
    demo = Appeal.objects.filter(source="demo")
    assert demo.filter(kind="issue").count() == ISSUES
    assert demo.filter(kind="proposal").count() == PROPOSALS
    ids = set(demo.values_list("source_id", flat=True))
    assert ids == {f"demo-{n}" for n in range(1, ISSUES + PROPOSALS + 1)}
    assert not demo.filter(created_at__lt=NOW - timedelta(days=366)).exists()
    assert not demo.filter(created_at__gt=NOW).exists()


def test_h3_is_the_cell_of_the_point(demo_town):
    rows = fetch_rows("SELECT id, h3, ST_X(geom), ST_Y(geom) FROM appeals_appeal WHERE source = 'demo'")
    bad = [r[0] for r in rows if r[1] != cell_of(r[2], r[3])]
    assert not bad


def test_appeals_are_inside_the_town_at_real_addresses(demo_town):
    outside = fetch_value(
        "SELECT count(*) FROM appeals_appeal a, layers_adminarea m"
        " WHERE a.source = 'demo' AND m.kind = 'municipality' AND NOT ST_Contains(m.geom, a.geom)"
    )
    assert outside == 0
    unknown_address = fetch_value(
        "SELECT count(*) FROM appeals_appeal a WHERE a.source = 'demo' AND NOT EXISTS"
        " (SELECT 1 FROM layers_property p WHERE p.address = a.address AND p.address <> '')"
    )
    assert unknown_address == 0
    # the point is at its house or the road in front of it (the yard cluster: within its radius)
    far = fetch_value(
        "SELECT count(*) FROM appeals_appeal a WHERE a.source = 'demo' AND NOT EXISTS"
        " (SELECT 1 FROM layers_property p WHERE p.address = a.address"
        "  AND ST_DWithin(p.geom::geography, a.geom::geography, 150))"
    )
    assert far == 0


def test_district_and_department(demo_town):
    wrong_area = fetch_value(
        "SELECT count(*) FROM appeals_appeal a WHERE a.source = 'demo' AND a.area_id IS DISTINCT FROM"
        " (SELECT d.id FROM layers_adminarea d WHERE d.kind = 'district' AND ST_Contains(d.geom, a.geom))"
    )
    assert wrong_area == 0
    wrong_department = fetch_value(
        "SELECT count(*) FROM appeals_appeal a JOIN appeals_category c ON c.id = a.category_id"
        " WHERE a.source = 'demo' AND a.department_id IS DISTINCT FROM c.default_department_id"
    )
    assert wrong_department == 0


def test_statuses_match_the_event_log(demo_town):
    events = defaultdict(list)
    for e in AppealEvent.objects.filter(appeal__source="demo").order_by("appeal", "at", "id"):
        events[e.appeal_id].append(e)
    supports = defaultdict(int)
    for appeal_id in Support.objects.filter(appeal__source="demo").values_list("appeal_id", flat=True):
        supports[appeal_id] += 1
    for a in Appeal.objects.filter(source="demo"):
        log = events[a.pk]
        assert log[0].from_status == "" and log[0].to_status == "new" and log[0].at == a.created_at
        for prev, nxt in zip(log, log[1:], strict=False):
            assert nxt.from_status == prev.to_status, a.source_id
            moved = can_transition(kind=a.kind, from_status=nxt.from_status, to_status=nxt.to_status)
            assert moved, a.source_id
        assert log[-1].to_status == a.status and log[-1].at <= NOW, a.source_id
        registered = [e.at for e in log if e.to_status == "registered"]
        assert a.registered_at == (registered[0] if registered else None), a.source_id
        if a.kind == "issue" and a.status in ("answered", "closed"):
            assert a.answered_at == [e.at for e in log if e.to_status == "answered"][-1], a.source_id
        if a.status in ("closed", "rejected", "duplicate", "implemented"):
            assert a.closed_at == log[-1].at, a.source_id
        else:
            assert a.closed_at is None, a.source_id
        assert (a.duplicate_of_id is not None) == (a.status == "duplicate"), a.source_id
        assert a.supports_count == supports[a.pk], a.source_id
        assert all(e.public_response or e.to_status == "new" for e in log), a.source_id
        if a.kind == "issue":
            assert a.due_at > a.created_at


def test_old_appeals_are_mostly_done_and_recent_ones_open(demo_town):
    issues = Appeal.objects.filter(source="demo", kind="issue")
    old = issues.filter(created_at__lt=NOW - timedelta(days=90))
    recent = issues.filter(created_at__gte=NOW - timedelta(days=3))
    assert old.exclude(status__in=OPEN_STATUSES).exclude(status="answered").count() > 0.95 * old.count()
    assert recent.filter(status__in=OPEN_STATUSES).count() > 0.7 * recent.count()
    assert issues.filter(status__in=OPEN_STATUSES, due_at__lt=NOW).exists()  # some overdue


def test_about_half_have_fake_contacts(demo_town):
    contacts = AppealContact.objects.filter(appeal__source="demo")
    assert 0.35 < contacts.count() / (ISSUES + PROPOSALS) < 0.65
    assert all(c.email.endswith("@example.org") and c.phone.startswith("+7 900 000-") for c in contacts)


@pytest.mark.parametrize("cluster", CLUSTERS, ids=lambda c: c.code)
def test_cluster_is_where_the_readme_says(demo_town, cluster):
    line = next(row for row in README.read_text(encoding="utf-8").splitlines() if f"`{cluster.code}`" in row)
    assert f"{cluster.lat:.4f}, {cluster.lon:.4f}" in line and cluster.title in line
    since = NOW - timedelta(days=cluster.recent_days)
    near = fetch_value(
        "SELECT count(*) FROM appeals_appeal a JOIN appeals_category c ON c.id = a.category_id"
        " WHERE a.source = 'demo' AND c.code = %s AND a.created_at >= %s"
        " AND ST_DWithin(a.geom::geography, ST_MakePoint(%s, %s)::geography, %s)",
        [cluster.category, since, cluster.lon, cluster.lat, cluster.radius_m + 1],
    )
    assert near >= cluster.count
    if cluster.street:
        on_street = (
            Appeal.objects.filter(source="demo", category__code=cluster.category, created_at__gte=since)
            .filter(address__startswith=cluster.street)
            .count()
        )
        assert on_street >= cluster.count
    # the densest res-9 hexagon of the category in the window is inside the cluster
    lon, lat = fetch_rows(
        "SELECT ST_X(ST_Centroid(ST_Collect(a.geom))), ST_Y(ST_Centroid(ST_Collect(a.geom)))"
        " FROM appeals_appeal a JOIN appeals_category c ON c.id = a.category_id"
        " WHERE a.source = 'demo' AND c.code = %s AND a.created_at >= %s"
        " GROUP BY h3_parent(a.h3, 9) ORDER BY count(*) DESC LIMIT 1",
        [cluster.category, since],
    )[0]
    distance = fetch_value(
        "SELECT ST_Distance(ST_MakePoint(%s, %s)::geography, ST_MakePoint(%s, %s)::geography)",
        [lon, lat, cluster.lon, cluster.lat],
    )
    assert distance <= cluster.radius_m
