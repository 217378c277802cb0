"""Filing a new appeal: every check first, then one statement writes the appeal, its contact and its first
AppealEvent (appeals/sql/appeal_insert.sql) — with photos, one transaction writes those too — or nothing.

The caller gets back what was written (NewAppeal), so the 201 answer needs no second read."""

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from uuid import uuid4

from django.contrib.gis.geos import Point
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from appeals.deadlines import registration_due
from appeals.events import event_notify_after_commit
from appeals.models import Appeal, AppealEvent, AppealPhoto, Category
from appeals.photos import CleanPhoto, Upload, photo_check_count, photo_clean
from appeals.selectors import appeal_place, category_get
from appeals.workflow import AppealKind, AppealStatus
from geoportal.db import fetch_rows, sql_file
from geoportal.errors import ValidationFailed
from tension.hexes import cell_of


@dataclass(frozen=True)
class NewAppeal:
    """A filed appeal as written: the row (its category loaded), the creation event and the photo rows."""

    appeal: Appeal
    event: AppealEvent
    photos: list[AppealPhoto]


def _category_for_intake(*, ref: str | int, kind: str) -> Category:
    category = category_get(ref=ref)
    if category is None or not category.is_active:
        message = gettext("There is no active category %(ref)s.")
        raise ValidationFailed(message % {"ref": ref}, field="category")
    if category.kind != kind:
        message = gettext("Category %(code)s is for appeals of kind %(category_kind)s, not %(kind)s.")
        raise ValidationFailed(
            message % {"code": category.code, "category_kind": category.kind, "kind": kind}, field="category"
        )
    return category


def appeal_create(
    *,
    lon: float,
    lat: float,
    kind: str,
    category: str | int,
    text: str,
    source: str,
    contact: dict | None = None,
    author_public_name: str = "",
    photos: Sequence[Upload] = (),
    author=None,
) -> NewAppeal:
    """File a new appeal at (lon, lat) degrees, EPSG:4326, as `author` (a user, or None when anonymous).

    Checks, before anything is written: the category (id or code) exists, is active and of `kind`; the
    point lies in the municipality (settings.GEOPORTAL["MUNICIPALITY_CODE"], ST_Covers); at most 5 photos,
    each a real JPEG/PNG/WebP ≤ 10 MB and ≤ 8,000 px (appeals.photos). Then computes the res-15 H3 cell,
    the district, the nearest building's address (≤ 50 m), due_at = registration_due(created_at) (59-ФЗ,
    3 days), and writes in one transaction: the Appeal (status new), its AppealContact (`contact`: name,
    email, phone — kept apart from every public field), the re-encoded photos under MEDIA_ROOT, and the
    creation AppealEvent, whose e-mail (the receipt to the resident) is sent after commit, by the Celery
    worker when a broker is configured (appeals.events.event_notify_after_commit). Raises ValidationFailed
    naming the field; stored photo files are removed again when the transaction fails.
    """
    if kind not in AppealKind.values:
        raise ValidationFailed(gettext("Unknown kind %(kind)s.") % {"kind": kind}, field="kind")
    category_obj = _category_for_intake(ref=category, kind=kind)
    place = appeal_place(lon=lon, lat=lat)
    if not place["inside"]:
        raise ValidationFailed(gettext("The point lies outside the municipality."), field="geometry")
    photo_check_count(len(photos))
    cleaned = [photo_clean(upload) for upload in photos]
    stored: list[str] = []
    try:
        return _appeal_write(
            lon=lon,
            lat=lat,
            kind=kind,
            category=category_obj,
            text=text,
            source=source,
            contact=contact or {},
            author_public_name=author_public_name,
            photos=cleaned,
            author=author,
            area_id=place["area_id"],
            address=place["address"] or "",
            stored=stored,
        )
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def _appeal_write(
    *,
    lon: float,
    lat: float,
    kind: str,
    category: Category,
    text: str,
    source: str,
    contact: dict,
    author_public_name: str,
    photos: list[CleanPhoto],
    author,
    area_id: int | None,
    address: str,
    stored: list[str],
) -> NewAppeal:
    created_at = timezone.now()
    appeal = Appeal(
        kind=kind,
        category=category,
        status=AppealStatus.NEW,
        text=text,
        address=address[:255],
        area_id=area_id,
        author=author if getattr(author, "is_authenticated", False) else None,
        author_public_name=author_public_name,
        source=source,
        created_at=created_at,
        updated_at=created_at,
        due_at=registration_due(created_at),
        h3=cell_of(lon, lat),
        geom=Point(lon, lat, srid=4326),
    )
    params = {
        "kind": appeal.kind,
        "category_id": category.pk,
        "status": appeal.status,
        "text": appeal.text,
        "address": appeal.address,
        "area_id": area_id,
        "author_id": appeal.author_id,
        "author_public_name": author_public_name,
        "source": source,
        "created_at": created_at,
        "due_at": appeal.due_at,
        "h3": appeal.h3,
        "lon": lon,
        "lat": lat,
        "contact_name": contact.get("name", ""),
        "contact_email": contact.get("email", ""),
        "contact_phone": contact.get("phone", ""),
    }
    # One statement is atomic by itself; photos add rows (and files) that must commit with it or not at all.
    with transaction.atomic() if photos else nullcontext():
        [(appeal.pk, event_id)] = fetch_rows(sql_file("appeals", "appeal_insert"), params)
        rows = []
        for photo in photos:
            row = AppealPhoto(appeal=appeal, width=photo.width, height=photo.height)
            # A fresh random name: the client's file name may carry personal data.
            row.image.save(f"{uuid4().hex}.jpg", ContentFile(photo.content), save=False)
            stored.append(row.image.name)
            row.save()
            rows.append(row)
        event_notify_after_commit(event_id=event_id)
    event = AppealEvent(
        pk=event_id, appeal=appeal, actor=appeal.author, to_status=AppealStatus.NEW, at=created_at
    )
    return NewAppeal(appeal=appeal, event=event, photos=rows)
