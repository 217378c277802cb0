"""Output shapes of the staff API (plain JSON; the public GeoJSON lives in appeals/api/serializers.py)."""

from rest_framework import serializers

from appeals.models import Appeal, AppealContact, AppealEvent, AreaSubscription, ResponseTemplate
from appeals.staff_selectors import appeal_overdue


def _ref(obj, *fields: str) -> dict | None:
    return {f: getattr(obj, f) for f in fields} if obj is not None else None


def _user(user) -> dict | None:
    return {"id": user.pk, "username": user.get_username()} if user is not None else None


def appeal_row(appeal: Appeal, *, now) -> dict:
    """One line of a staff queue. lon/lat in degrees, EPSG:4326; datetimes ISO 8601 with offset."""
    return {
        "id": appeal.pk,
        "kind": appeal.kind,
        "category": _ref(appeal.category, "id", "code", "name_ru"),
        "status": appeal.status,
        "address": appeal.address,
        "text": appeal.text,
        "lon": appeal.geom.x,
        "lat": appeal.geom.y,
        "department": _ref(appeal.department, "id", "code", "name"),
        "assignee": _user(appeal.assignee),
        "supports_count": appeal.supports_count,
        "created_at": appeal.created_at,
        "registered_at": appeal.registered_at,
        "due_at": appeal.due_at,
        "overdue": appeal_overdue(appeal, now),
        "extension_days": appeal.extension_days,
        "escalation_level": appeal.escalation_level,
        "escalated_at": appeal.escalated_at,
    }


def event_row(event: AppealEvent) -> dict:
    """One event of the internal timeline, internal note included."""
    return {
        "id": event.pk,
        "at": event.at,
        "actor": _user(event.actor),
        "from_status": event.from_status,
        "to_status": event.to_status,
        "public_response": event.public_response,
        "internal_note": event.internal_note,
    }


def contact_row(contact: AppealContact | None) -> dict:
    if contact is None:
        return {"name": "", "email": "", "phone": "", "original_text": ""}
    return {
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "original_text": contact.original_text,
    }


def appeal_internal(view: dict, *, now) -> dict:
    """The staff view of one appeal (appeals.staff_selectors.appeal_internal); `contact` only when
    the reader may see it, else the key is absent."""
    appeal = view["appeal"]
    body = appeal_row(appeal, now=now) | {
        "answered_at": appeal.answered_at,
        "closed_at": appeal.closed_at,
        "duplicate_of": appeal.duplicate_of_id,
        "rating": appeal.rating,
        "source": appeal.source,
        "events": [event_row(e) for e in view["events"]],
        "contact_visible": view["contact_visible"],
    }
    if view["contact_visible"]:
        body["contact"] = contact_row(view["contact"])
    return body


def template_row(template: ResponseTemplate) -> dict:
    return {
        "id": template.pk,
        "department": _ref(template.department, "id", "code", "name"),
        "category": _ref(template.category, "id", "code", "name_ru"),
        "title": template.title,
        "text": template.text,
    }


def subscription_row(subscription: AreaSubscription) -> dict:
    """What the subscriber is told: never the address itself (it may not be theirs yet)."""
    return {
        "id": subscription.pk,
        "area": subscription.area_id,
        "drawn": subscription.geom is not None,
        "confirmed": subscription.confirmed_at is not None,
    }


# Declared shapes of the dicts above: they render them (so the OpenAPI schema and the output agree).


class RefOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField(required=False)
    name_ru = serializers.CharField(required=False)


class UserOut(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class AppealRowOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    category = RefOut()
    status = serializers.CharField()
    address = serializers.CharField()
    text = serializers.CharField()
    lon = serializers.FloatField(help_text="degrees, EPSG:4326")
    lat = serializers.FloatField(help_text="degrees, EPSG:4326")
    department = RefOut(allow_null=True)
    assignee = UserOut(allow_null=True)
    supports_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    registered_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    overdue = serializers.BooleanField()
    extension_days = serializers.IntegerField(allow_null=True)
    escalation_level = serializers.IntegerField()
    escalated_at = serializers.DateTimeField(allow_null=True)


class QueuePageOut(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = AppealRowOut(many=True)


class EventOut(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = UserOut(allow_null=True)
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    public_response = serializers.CharField()
    internal_note = serializers.CharField()


class ContactOut(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    original_text = serializers.CharField()


class AppealInternalOut(AppealRowOut):
    answered_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    duplicate_of = serializers.IntegerField(allow_null=True)
    rating = serializers.IntegerField(allow_null=True)
    source = serializers.CharField()
    events = EventOut(many=True)
    contact_visible = serializers.BooleanField()
    contact = ContactOut(required=False, help_text="only for moderators, admins, operators of the department")


class TemplateOut(serializers.Serializer):
    id = serializers.IntegerField()
    department = RefOut()
    category = RefOut(allow_null=True)
    title = serializers.CharField()
    text = serializers.CharField()


class TemplateListOut(serializers.Serializer):
    results = TemplateOut(many=True)


class SubscriptionOut(serializers.Serializer):
    id = serializers.IntegerField()
    area = serializers.IntegerField(allow_null=True)
    drawn = serializers.BooleanField()
    confirmed = serializers.BooleanField()


class UnsubscribedOut(serializers.Serializer):
    unsubscribed = serializers.IntegerField()
