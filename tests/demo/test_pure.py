"""Pure parts of the demo: k-means, the rubricator file, the simulated workflow of an appeal."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from appeals.workflow import AppealKind, can_transition
from demo.kmeans import kmeans
from demo.rubricator import RUBRICATOR_PATH, RubricatorError, load_rubricator
from demo.timeline import issue_life, proposal_life

NOW = datetime(2025, 6, 1, 12, tzinfo=ZoneInfo("Europe/Moscow"))


def test_kmeans_finds_separated_groups_whatever_the_input_order():
    rng = np.random.default_rng(1)
    centres = np.array([[0.0, 3000.0], [2000.0, 1500.0], [0.0, 0.0]])
    points = np.concatenate([c + rng.normal(0, 50, size=(200, 2)) for c in centres])
    got = kmeans(points, k=3, seed=7)
    again = kmeans(points[rng.permutation(len(points))], k=3, seed=7)
    np.testing.assert_array_equal(got, again)
    np.testing.assert_allclose(got, [[0, 3000], [2000, 1500], [0, 0]], atol=20)  # north to south


def test_kmeans_refuses_fewer_points_than_clusters():
    with pytest.raises(ValueError, match="at least 8 distinct points"):
        kmeans(np.zeros((20, 2)), k=8, seed=1)


def test_rubricator_file_loads():
    specs = load_rubricator()
    assert 25 <= len(specs) <= 35
    assert len({s.code for s in specs}) == len(specs)


def test_rubricator_error_names_the_row_and_the_field(tmp_path):
    rows = json.loads(RUBRICATOR_PATH.read_text(encoding="utf-8"))
    rows["categories"][3]["federal_code"] = "5.5.56.1153"
    bad = tmp_path / "rubricator.json"
    bad.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(RubricatorError, match=r"row 4 \('sports-culture-events'\): field 'federal_code'"):
        load_rubricator(bad)


def _assert_valid(life, kind, created):
    assert life.moves[0].to_status == "new" and life.moves[0].at == created
    for a, b in zip(life.moves, life.moves[1:], strict=False):
        assert can_transition(kind=kind, from_status=a.to_status, to_status=b.to_status), (a, b)
        assert a.at <= b.at
    assert life.moves[-1].at <= NOW and life.status == life.moves[-1].to_status


@pytest.mark.parametrize("seed", range(20))
def test_simulated_lives_follow_the_workflow(seed):
    rng = np.random.default_rng(seed)
    for i in range(200):
        created = NOW - timedelta(days=float(rng.uniform(0, 365)))
        deadline = 12.0 if i % 2 else 30.0
        issue = issue_life(rng, created=created, now=NOW, deadline_days=deadline)
        _assert_valid(issue, AppealKind.ISSUE, created)
        _assert_valid(proposal_life(rng, created=created, now=NOW), AppealKind.PROPOSAL, created)
    dup = issue_life(rng, created=NOW - timedelta(days=3), now=NOW, deadline_days=30, duplicate=True)
    assert dup.status == "duplicate"
