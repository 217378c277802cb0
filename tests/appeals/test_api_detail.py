"""GET /api/v1/appeals/{id}: public fields, photo URLs, the public timeline; hidden appeals are 404."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from appeals.events import record_event
from appeals.models import AppealPhoto
from appeals.workflow import AppealStatus
from tests.appeals.public_support import CONTACT, LENINA, image_bytes, make_appeal, resident, town  # noqa: F401

DETAIL_PROPERTIES = {
    "id", "kind", "category", "category_name", "status", "created_at", "registered_at", "due_at",
    "answered_at", "closed_at", "address", "area", "department", "text", "author_public_name",
    "supports_count", "rating", "duplicate_of", "photos", "timeline",
}  # fmt: skip


def url(appeal) -> str:
    return f"/api/v1/appeals/{appeal.pk}"


@pytest.fixture
def answered(town, resident):  # noqa: F811
    operator = get_user_model().objects.create_user(
        "olga.operator", first_name="Ольга", last_name="Операторова"
    )
    appeal = make_appeal(
        town["roads"],
        status=AppealStatus.NEW,
        author=resident,
        department=town["department"],
        area=town["centre"],
        address="ул. Ленина, 1",
        author_public_name="Иван",
        created_at=datetime(2026, 5, 1, 9, tzinfo=UTC),
    )
    steps = [
        dict(actor=resident, from_status="", to_status="new"),
        dict(
            actor=operator,
            from_status="new",
            to_status="registered",
            internal_note="позвонить жителю секретно",
        ),
        dict(actor=operator, internal_note="только внутренняя заметка"),
        dict(actor=operator, from_status="registered", to_status="answered", public_response="Яму заделали."),
    ]
    for day, step in enumerate(steps, start=1):
        record_event(appeal=appeal, at=datetime(2026, 5, day, 12, tzinfo=UTC), **step)
    appeal.status = AppealStatus.ANSWERED
    appeal.save()
    photo = AppealPhoto(appeal=appeal, width=64, height=48)
    photo.image.save("p.jpg", ContentFile(image_bytes("JPEG")), save=True)
    return appeal


def test_public_fields_photos_and_timeline(client, answered, town):  # noqa: F811
    response = client.get(url(answered))

    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "Feature"
    assert body["id"] == answered.pk
    assert body["geometry"]["coordinates"] == [pytest.approx(LENINA[0]), pytest.approx(LENINA[1])]
    props = body["properties"]
    assert set(props) == DETAIL_PROPERTIES
    assert props["department"] == {"id": town["department"].pk, "name": "Дорожное хозяйство"}
    assert props["area"] == town["centre"].pk
    assert props["author_public_name"] == "Иван"
    assert datetime.fromisoformat(props["created_at"]) == datetime(2026, 5, 1, 9, tzinfo=UTC)
    [photo] = props["photos"]
    assert photo["url"].startswith("http://testserver/media/appeals/")
    assert (photo["width"], photo["height"]) == (64, 48)
    # The 3rd event (an internal note alone) is not public.
    assert [(e["at"][:10], e["from_status"], e["to_status"], e["response"]) for e in props["timeline"]] == [
        ("2026-05-01", "", "new", ""),
        ("2026-05-02", "new", "registered", ""),
        ("2026-05-04", "registered", "answered", "Яму заделали."),
    ]
    assert set(props["timeline"][0]) == {"at", "from_status", "to_status", "response"}


def test_no_internal_notes_contact_or_names_of_people(client, answered):
    text = client.get(url(answered)).content.decode("utf-8")

    for secret in [
        *CONTACT.values(),
        "секретно",
        "внутренняя",
        "ivan.author",
        "olga.operator",
        "Операторова",
    ]:
        assert secret not in text


@pytest.mark.parametrize("status", [AppealStatus.NEW, AppealStatus.REJECTED])
def test_hidden_appeal_is_404_to_the_public(client, town, status):  # noqa: F811
    appeal = make_appeal(town["roads"], status=status)

    response = client.get(url(appeal))

    assert response.status_code == 404
    assert "detail" in response.json()


def test_hidden_appeal_is_shown_to_its_author_and_staff_only(client, town, resident):  # noqa: F811
    appeal = make_appeal(town["roads"], status=AppealStatus.NEW, author=resident)
    stranger = get_user_model().objects.create_user("stranger")
    moderator = get_user_model().objects.create_user("mod")
    moderator.groups.add(Group.objects.get(name="moderator"))

    client.force_login(stranger)
    assert client.get(url(appeal)).status_code == 404
    client.force_login(resident)
    assert client.get(url(appeal)).status_code == 200
    client.force_login(moderator)
    assert client.get(url(appeal)).status_code == 200


def test_unknown_id_is_404(client, town):  # noqa: F811
    assert client.get("/api/v1/appeals/987654321").status_code == 404
