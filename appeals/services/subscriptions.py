"""Area subscriptions of residents: create (a confirmation e-mail goes out), confirm, unsubscribe.

An area is a district / ТОС / the municipality (AdminArea id) or a polygon drawn on the map (GeoJSON
Polygon or MultiPolygon, EPSG:4326 lon/lat, valid, ≤ MAX_VERTICES vertices, touching the municipality).
"""

import json

from django.conf import settings
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon, Polygon
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals import notifications, tokens
from appeals.models import AreaSubscription
from geoportal.errors import ValidationFailed
from layers.models import AdminArea

MAX_VERTICES = 2000
SUBSCRIBABLE_KINDS = (AdminArea.Kind.MUNICIPALITY, AdminArea.Kind.DISTRICT, AdminArea.Kind.TOS)


def _email(value: str, user) -> str:
    value = (value or "").strip()
    if not value and getattr(user, "is_authenticated", False):
        value = user.email or ""
    try:
        validate_email(value)
    except DjangoValidationError:
        raise ValidationFailed(_("Enter a valid e-mail address."), field="email") from None
    return value.lower()


def _area(area_id) -> AdminArea:
    try:
        return AdminArea.objects.get(pk=int(area_id), kind__in=SUBSCRIBABLE_KINDS)
    except (AdminArea.DoesNotExist, TypeError, ValueError):
        raise ValidationFailed(
            _("No such district or ТОС: %(id)s.") % {"id": area_id}, field="area"
        ) from None


def _polygon(geometry) -> MultiPolygon:
    try:
        geom = GEOSGeometry(json.dumps(geometry) if isinstance(geometry, dict) else str(geometry), srid=4326)
    except (GDALException, GEOSException, ValueError, TypeError):
        raise ValidationFailed(_("The geometry is not valid GeoJSON."), field="geometry") from None
    if isinstance(geom, Polygon):
        geom = MultiPolygon(geom, srid=4326)
    if not isinstance(geom, MultiPolygon) or geom.empty:
        raise ValidationFailed(_("The geometry must be a Polygon or a MultiPolygon."), field="geometry")
    if geom.num_coords > MAX_VERTICES:
        raise ValidationFailed(_("At most %(n)d vertices.") % {"n": MAX_VERTICES}, field="geometry")
    if not geom.valid:
        raise ValidationFailed(
            _("The polygon is invalid: %(reason)s.") % {"reason": geom.valid_reason}, field="geometry"
        )
    municipality = AdminArea.objects.filter(
        kind=AdminArea.Kind.MUNICIPALITY, code=settings.GEOPORTAL["MUNICIPALITY_CODE"]
    ).first()
    if municipality is not None and not municipality.geom.intersects(geom):
        raise ValidationFailed(_("The polygon lies outside the municipality."), field="geometry")
    return geom


def confirm_url(subscription: AreaSubscription) -> str:
    """The absolute link that confirms `subscription` (base: notifications.public_base_url)."""
    path = reverse("api-subscription-confirm")
    return f"{notifications.public_base_url()}{path}?token={tokens.confirm_token(subscription.pk)}"


@transaction.atomic
def subscription_create(*, email: str = "", area=None, geometry=None, user=None) -> AreaSubscription:
    """Subscribe an e-mail address (or the signed-in user's) to an area id XOR a drawn polygon; unconfirmed.

    The same address and area again returns the existing subscription. A confirmation e-mail is sent
    after commit while the subscription is unconfirmed. 400 on `email`, `area` or `geometry`.
    """
    address = _email(email, user)
    if (area is None) == (geometry is None):
        raise ValidationFailed(_("Give either an area id or a drawn polygon."), field="area")
    owner = (
        user if getattr(user, "is_authenticated", False) and address == (user.email or "").lower() else None
    )
    if area is not None:
        target = _area(area)
        subscription, _created = AreaSubscription.objects.get_or_create(
            email=address, area=target, defaults={"user": owner}
        )
    else:
        subscription = AreaSubscription.objects.create(email=address, geom=_polygon(geometry), user=owner)
    if subscription.confirmed_at is None:
        link = confirm_url(subscription)
        transaction.on_commit(
            lambda: notifications.send_subscription_confirmation(subscription=subscription, confirm_url=link)
        )
    return subscription


@transaction.atomic
def subscription_confirm(*, token: str) -> AreaSubscription:
    """Confirm the subscription named by a confirmation token (idempotent). 400 on `token`."""
    try:
        subscription_id = tokens.read_confirm_token(token or "")
        subscription = AreaSubscription.objects.select_for_update().get(pk=subscription_id)
    except (tokens.TokenInvalid, AreaSubscription.DoesNotExist):
        raise ValidationFailed(_("The link is invalid or has expired."), field="token") from None
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


@transaction.atomic
def subscription_unsubscribe(*, token: str) -> int:
    """Delete the subscriptions named by an unsubscribe token; the number deleted. 400 on `token`."""
    try:
        ids = tokens.read_unsubscribe_token(token or "")
    except tokens.TokenInvalid:
        raise ValidationFailed(_("The link is invalid."), field="token") from None
    deleted, _detail = AreaSubscription.objects.filter(pk__in=ids).delete()
    return deleted
