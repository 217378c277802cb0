"""Input checks and output shapes of the public appeals API (single objects and small lists).

Inputs: the GeoJSON Feature of a new appeal and the bodies of the resident actions; every problem becomes
ValidationFailed (400, {"detail", "field"}) naming one field: "type", "geometry", "properties", a property
name ("kind", "category", "text", "author_public_name"), "contact.<name|email|phone>", or the bodies'
own field names. Outputs: plain dicts of PUBLIC fields only — never AppealContact, the author, assignee,
internal notes or event actors (152-ФЗ).
"""

import math
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from appeals.models import Appeal, AppealEvent, Category, Department
from appeals.workflow import AppealKind
from geoportal.errors import ValidationFailed
from geoportal.language import localized

PHONE_REGEX = r"^\+?[0-9][0-9 ()\-]{4,30}$"


def first_error(errors: Any, prefix: str = "") -> ValidationFailed:
    """DRF's nested serializer.errors → one ValidationFailed naming the first field ("contact.email")."""
    if isinstance(errors, dict):
        name, nested = next(iter(errors.items()))
        field = prefix if name == "non_field_errors" else (f"{prefix}.{name}" if prefix else name)
        return first_error(nested, field)
    if isinstance(errors, list) and errors and not isinstance(errors[0], str):
        return first_error(errors[0], prefix)
    message = errors[0] if isinstance(errors, list) else errors
    return ValidationFailed(f"{prefix}: {message}" if prefix else str(message), field=prefix or None)


def validated(serializer_class: type[serializers.Serializer], data: Any, prefix: str = "") -> dict:
    """Run a DRF serializer; its first error as ValidationFailed, else the validated data."""
    serializer = serializer_class(data=data)
    if not serializer.is_valid():
        raise first_error(serializer.errors, prefix)
    return dict(serializer.validated_data)


class ContactInput(serializers.Serializer):
    name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True, default="")
    phone = serializers.RegexField(
        PHONE_REGEX,
        max_length=32,
        required=False,
        allow_blank=True,
        default="",
        error_messages={"invalid": _("Enter a phone number of digits, spaces, brackets and dashes.")},
    )


class AppealPropertiesInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AppealKind.choices)
    # An id (a JSON number or digits) or a code; checked against the rubricator by the service.
    category = serializers.RegexField(r"^[\w.-]{1,64}$", max_length=64)
    text = serializers.CharField(min_length=10, max_length=5000)
    contact = ContactInput(required=False)
    author_public_name = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")


def _point(geometry: Any) -> tuple[float, float]:
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        raise ValidationFailed(gettext("geometry must be a GeoJSON Point."), field="geometry")
    coordinates = geometry.get("coordinates")
    numbers = (
        isinstance(coordinates, list)
        and len(coordinates) in (2, 3)
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in coordinates)
        and all(math.isfinite(v) for v in coordinates)
    )
    if not numbers:
        message = gettext("geometry coordinates must be [longitude, latitude] in degrees (EPSG:4326).")
        raise ValidationFailed(message, field="geometry")
    lon, lat = float(coordinates[0]), float(coordinates[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        message = gettext("geometry coordinates must be [longitude, latitude]: -180..180 and -90..90.")
        raise ValidationFailed(message, field="geometry")
    return lon, lat


def feature_input(obj: Any) -> dict:
    """A parsed GeoJSON Feature of a new appeal → keyword arguments of appeals.services.intake.appeal_create
    (lon, lat, kind, category, text, contact, author_public_name). Raises ValidationFailed."""
    if not isinstance(obj, dict) or obj.get("type") != "Feature":
        raise ValidationFailed(
            gettext('The appeal must be a GeoJSON object of "type": "Feature".'), field="type"
        )
    lon, lat = _point(obj.get("geometry"))
    properties = obj.get("properties")
    if not isinstance(properties, dict):
        raise ValidationFailed(gettext("properties must be a JSON object."), field="properties")
    data = validated(AppealPropertiesInput, properties)
    contact = data.pop("contact", None)
    return {"lon": lon, "lat": lat, **data, "contact": contact}


class SupportInput(serializers.Serializer):
    """Body of POST …/support from an anonymous caller: where to send the confirmation link."""

    email = serializers.EmailField(max_length=254)


class ResidentActionInput(serializers.Serializer):
    """Body of confirm / reopen / rate: `token` from the e-mailed link when not signed in as the author."""

    token = serializers.CharField(required=False, allow_blank=True, default="", max_length=512)


class ReopenInput(ResidentActionInput):
    reason = serializers.CharField(min_length=10, max_length=5000)


class RateInput(ResidentActionInput):
    rating = serializers.IntegerField(min_value=1, max_value=5)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def event_output(event: AppealEvent) -> dict:
    """One public timeline entry. Never internal_note, never the actor."""
    return {
        "at": _iso(event.at),
        "from_status": event.from_status,
        "to_status": event.to_status,
        "response": event.public_response,
    }


def appeal_feature(
    appeal: Appeal, *, photo_urls: list[dict] | None = None, timeline: list | None = None
) -> dict:
    """The public GeoJSON Feature of one appeal (lon, lat in degrees, EPSG:4326)."""
    properties = {
        "id": appeal.pk,
        "kind": appeal.kind,
        "category": appeal.category.code,
        "category_name": appeal.category.name_ru,
        "status": appeal.status,
        "created_at": _iso(appeal.created_at),
        "registered_at": _iso(appeal.registered_at),
        "due_at": _iso(appeal.due_at),
        "answered_at": _iso(appeal.answered_at),
        "closed_at": _iso(appeal.closed_at),
        "address": appeal.address,
        "area": appeal.area_id,
        "department": {"id": appeal.department.pk, "name": appeal.department.name}
        if appeal.department
        else None,
        "text": appeal.text,
        "author_public_name": appeal.author_public_name,
        "supports_count": appeal.supports_count,
        "rating": appeal.rating,
        "duplicate_of": appeal.duplicate_of_id,
        "photos": photo_urls or [],
    }
    if timeline is not None:
        properties["timeline"] = [event_output(event) for event in timeline]
    return {
        "type": "Feature",
        "id": appeal.pk,
        "geometry": {"type": "Point", "coordinates": [round(appeal.geom.x, 6), round(appeal.geom.y, 6)]},
        "properties": properties,
    }


def category_output(category: Category) -> dict:
    return {
        "id": category.pk,
        "code": category.code,
        "name": localized(category.name_ru, category.name_en),
        "name_ru": category.name_ru,
        "name_en": category.name_en,
        "kind": category.kind,
        "parent": category.parent_id,
        "icon": category.icon,
        "duplicate_radius_m": category.duplicate_radius_m,
        "federal_code": category.federal_code,
    }


def department_output(department: Department) -> dict:
    """Public fields only: no e-mail, webhook URL or secret, members or zones."""
    return {
        "id": department.pk,
        "code": department.code,
        "name": localized(department.name, department.name_en),
        "name_ru": department.name,
        "name_en": department.name_en,
        "categories": [category.code for category in department.categories.all()],
    }
