"""The resident's actions after an answer: confirm (answered → closed), reopen with a reason (answered →
reopened), rate 1–5 — by the author signed in or with the e-mailed token; 403 / 409 when not allowed."""

import pytest
from django.contrib.auth import get_user_model

from appeals.models import Appeal, AppealEvent
from appeals.services.resident import resident_token
from appeals.workflow import AppealStatus
from tests.appeals.public_support import make_appeal, resident, row_counts, town  # noqa: F401

REASON = "Яму засыпали песком, после дождя она снова на месте"


@pytest.fixture
def answered(town, resident):  # noqa: F811
    return make_appeal(town["roads"], status=AppealStatus.ANSWERED, author=resident)


def act(client, appeal, action: str, **body):
    return client.post(f"/api/v1/appeals/{appeal.pk}/{action}", body, content_type="application/json")


def reloaded(appeal) -> Appeal:
    return Appeal.objects.get(pk=appeal.pk)


def test_author_confirms_the_answer(client, answered, resident):  # noqa: F811
    client.force_login(resident)

    response = act(client, answered, "confirm")

    assert response.status_code == 200, response.content
    assert response.json()["properties"]["status"] == "closed"
    appeal = reloaded(answered)
    assert appeal.status == AppealStatus.CLOSED
    assert appeal.closed_at is not None
    event = AppealEvent.objects.get(appeal=answered)
    assert (event.from_status, event.to_status, event.actor) == ("answered", "closed", resident)


def test_author_reopens_with_a_reason_kept_from_the_public(client, answered, resident):  # noqa: F811
    client.force_login(resident)

    response = act(client, answered, "reopen", reason=REASON)

    assert response.status_code == 200, response.content
    assert reloaded(answered).status == AppealStatus.REOPENED
    event = AppealEvent.objects.get(appeal=answered)
    assert (event.from_status, event.to_status) == ("answered", "reopened")
    assert REASON in event.internal_note
    assert REASON not in client.get(f"/api/v1/appeals/{answered.pk}").content.decode()


def test_author_rates_and_may_change_the_rating(client, answered, resident):  # noqa: F811
    client.force_login(resident)

    assert act(client, answered, "rate", rating=2).status_code == 200
    assert act(client, answered, "rate", rating=5).json()["properties"]["rating"] == 5
    assert reloaded(answered).rating == 5
    assert reloaded(answered).status == AppealStatus.ANSWERED
    assert AppealEvent.objects.filter(appeal=answered).count() == 2


def test_closed_issue_can_still_be_rated(client, town, resident):  # noqa: F811
    closed = make_appeal(town["roads"], status=AppealStatus.CLOSED, author=resident)
    client.force_login(resident)

    assert act(client, closed, "rate", rating=4).status_code == 200


@pytest.mark.parametrize(
    ("action", "body"), [("confirm", {}), ("reopen", {"reason": REASON}), ("rate", {"rating": 3})]
)
def test_anonymous_with_the_e_mailed_token(client, answered, action, body):
    response = act(client, answered, action, token=resident_token(answered.pk), **body)

    assert response.status_code == 200, response.content
    event = AppealEvent.objects.get(appeal=answered)
    assert event.actor is None


@pytest.mark.parametrize(
    ("action", "body"), [("confirm", {}), ("reopen", {"reason": REASON}), ("rate", {"rating": 3})]
)
def test_others_are_403_and_nothing_changes(client, answered, town, action, body):  # noqa: F811
    stranger = get_user_model().objects.create_user("stranger")
    other = make_appeal(town["roads"], status=AppealStatus.ANSWERED)
    before = row_counts()

    anonymous = act(client, answered, action, **body)
    wrong_token = act(client, answered, action, token=resident_token(other.pk), **body)
    forged = act(client, answered, action, token=resident_token(answered.pk)[:-2] + "xx", **body)
    client.force_login(stranger)
    signed_in_stranger = act(client, answered, action, **body)

    assert [r.status_code for r in (anonymous, wrong_token, forged, signed_in_stranger)] == [403] * 4
    assert wrong_token.json()["field"] == "token"
    assert row_counts() == before
    assert reloaded(answered).status == AppealStatus.ANSWERED
    assert reloaded(answered).rating is None


@pytest.mark.parametrize("status", [AppealStatus.REGISTERED, AppealStatus.IN_PROGRESS, AppealStatus.CLOSED])
@pytest.mark.parametrize(("action", "body"), [("confirm", {}), ("reopen", {"reason": REASON})])
def test_not_answered_is_409(client, town, resident, status, action, body):  # noqa: F811
    appeal = make_appeal(town["roads"], status=status, author=resident)
    client.force_login(resident)

    response = act(client, appeal, action, **body)

    assert response.status_code == 409
    assert reloaded(appeal).status == status
    assert AppealEvent.objects.count() == 0


def test_rating_before_an_answer_or_of_a_proposal_is_409(client, town, resident):  # noqa: F811
    open_issue = make_appeal(town["roads"], status=AppealStatus.IN_PROGRESS, author=resident)
    proposal = make_appeal(town["yard"], status=AppealStatus.IMPLEMENTED, author=resident)
    client.force_login(resident)

    assert act(client, open_issue, "rate", rating=5).status_code == 409
    assert act(client, proposal, "rate", rating=5).status_code == 409


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("reopen", {}, "reason"),
        ("reopen", {"reason": "плохо"}, "reason"),
        ("rate", {}, "rating"),
        ("rate", {"rating": 0}, "rating"),
        ("rate", {"rating": 6}, "rating"),
        ("rate", {"rating": "five"}, "rating"),
    ],
)
def test_bad_body_is_a_400_naming_the_field(client, answered, resident, action, body, field):  # noqa: F811
    client.force_login(resident)

    response = act(client, answered, action, **body)

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert AppealEvent.objects.count() == 0


def test_hidden_appeal_of_someone_else_is_404(client, town, resident):  # noqa: F811
    hidden = make_appeal(town["roads"], status=AppealStatus.NEW)
    client.force_login(resident)

    assert act(client, hidden, "confirm").status_code == 404
