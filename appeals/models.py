"""Appeals (issues and proposals), their rubricator, departments, the event log and supports.

Resident contact data lives in AppealContact, apart from every public field (152-ФЗ): nothing that builds
a public output (API, tile, export, feed, Open311) reads that table.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GistIndex
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from appeals.workflow import AppealKind, AppealStatus


class Department(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True, default="")
    email = models.EmailField(_("e-mail"), blank=True, default="")
    zones = models.ManyToManyField(
        "layers.AdminArea", verbose_name=_("responsibility zones"), blank=True, related_name="departments"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="departments"
    )
    webhook_url = models.URLField(_("webhook URL"), blank=True, default="")
    webhook_secret = models.CharField(_("webhook secret"), max_length=128, blank=True, default="")

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    # «раздел.тематика.тема.вопрос» of the federal classifier of appeals, where a mapping is known.
    federal_code = models.CharField(_("federal classifier code"), max_length=32, blank=True, default="")
    name_ru = models.CharField(_("name (Russian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AppealKind.choices, default=AppealKind.ISSUE)
    severity = models.FloatField(_("severity weight"), default=1.0)
    default_department = models.ForeignKey(
        Department,
        verbose_name=_("default department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="categories",
    )
    # Target for an answer in working days on the Russian production calendar; empty = 59-ФЗ (30 days).
    answer_working_days = models.PositiveSmallIntegerField(
        _("answer target, working days"), null=True, blank=True
    )
    # Asset-bound categories route to the owner of the nearest asset of these kinds.
    asset_kinds = ArrayField(
        models.CharField(max_length=32), verbose_name=_("asset kinds"), default=list, blank=True
    )
    duplicate_radius_m = models.PositiveIntegerField(_("duplicate search radius, m"), default=50)
    icon = models.CharField(_("icon"), max_length=64, blank=True, default="")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name_ru


class Appeal(models.Model):
    class Source(models.TextChoices):
        WEB = "web", _("web map")
        API = "api", _("API")
        OPEN311 = "open311", _("Open311")
        IMPORT = "import", _("import")
        VK = "vk", _("VK")
        DEMO = "demo", _("demo")

    kind = models.CharField(_("kind"), max_length=16, choices=AppealKind.choices, default=AppealKind.ISSUE)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="appeals"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AppealStatus.choices, default=AppealStatus.NEW
    )
    text = models.TextField(_("text"))
    address = models.CharField(_("address"), max_length=255, blank=True, default="")
    area = models.ForeignKey(
        "layers.AdminArea",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_appeals",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )
    author_public_name = models.CharField(_("public author name"), max_length=128, blank=True, default="")
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.WEB)
    source_id = models.CharField(_("source id"), max_length=128, blank=True, default="")
    supports_count = models.PositiveIntegerField(_("supports"), default=0)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    rating = models.PositiveSmallIntegerField(_("resident's rating"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), db_index=True)
    registered_at = models.DateTimeField(_("registered"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # 59-ФЗ allows one extension of the answer term, up to 30 days; empty = not extended.
    extension_days = models.PositiveSmallIntegerField(_("extension, days"), null=True, blank=True)
    # The daily overdue job (escalate_overdue): when it last escalated this appeal and how many times.
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0, db_default=0)
    # Res-15 H3 cell of geom as a signed bigint; coarser cells come from h3_parent() in SQL.
    h3 = models.BigIntegerField(_("H3 cell (res 15)"), db_index=True)
    geom = models.PointField(_("location"), srid=4326)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["category", "created_at"]),
            models.Index(fields=["department", "due_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], condition=~Q(source_id=""), name="appeal_source_uniq"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="appeal_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.category_id} {self.status}"


class PlanePointField(models.Field):
    """PostgreSQL's own `point` (two float8, no SRID): a GiST index on it can answer an index-only scan,
    which PostGIS's geometry index cannot (its keys are float4 boxes). Written and read by SQL only."""

    description = _("plane point")

    def db_type(self, connection) -> str:
        return "point"


class AppealFeature(models.Model):
    """The public GeoJSON Feature text of each public appeal, as GET /api/v1/appeals writes it (`feature`)
    and as /ogc/collections/{appeals,proposals}/items writes it in CRS84 (`ogc`) — a read model kept by
    statement-level triggers on appeals and categories (appeals/sql/feature_triggers.sql), so an
    unfiltered page is one primary-key range read instead of building 10,000 Features from their rows.
    Hidden appeals have no row. Rebuild: `manage.py rebuild_appeal_features`. Never contact data.

    `xy` is the appeal's (lon, lat), exact: a bbox page picks its ids from the GiST index on it without a
    heap visit (layers/sql/ogc_kept_bbox_items.sql); the (kind, id) index carries it for the id-order walk.
    The GiST index is built with buffering: the sorted build's Z-order pages overlapped so much that a
    400 m box read 887 index pages for 1,052 points (127 with buffering; 94 instead of 129 MB)."""

    id = models.BigIntegerField(_("appeal"), primary_key=True)
    kind = models.CharField(_("kind"), max_length=16, choices=AppealKind.choices)
    feature = models.TextField(_("GeoJSON Feature"))
    ogc = models.TextField(_("OGC API Feature (CRS84)"))
    xy = PlanePointField(_("longitude, latitude"), editable=False)

    class Meta:
        verbose_name = _("public appeal feature")
        verbose_name_plural = _("public appeal features")
        indexes = [
            models.Index(fields=["kind", "id"], include=["xy"], name="appeals_feature_kind_idx"),
            GistIndex(fields=["xy"], include=["id", "kind"], buffering=True, name="appeals_feature_xy_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"


class AppealContact(models.Model):
    """The resident's contact data: never part of any public output (152-ФЗ)."""

    appeal = models.OneToOneField(
        Appeal, verbose_name=_("appeal"), on_delete=models.CASCADE, related_name="contact"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=255, blank=True, default="")
    email = models.EmailField(_("e-mail"), blank=True, default="")
    phone = models.CharField(_("phone"), max_length=32, blank=True, default="")
    # The text as the resident wrote it, kept when a moderator removes personal data from the public text.
    original_text = models.TextField(_("original text"), blank=True, default="")

    class Meta:
        ordering = ["appeal"]
        verbose_name = _("appeal contact")
        verbose_name_plural = _("appeal contacts")

    def __str__(self) -> str:
        return f"contact of #{self.appeal_id}"


class AppealPhoto(models.Model):
    appeal = models.ForeignKey(
        Appeal, verbose_name=_("appeal"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("image"), upload_to="appeals/%Y/%m/")
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["appeal", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.image.name


class AppealEvent(models.Model):
    """Append-only log: every status change, assignment, note and response."""

    appeal = models.ForeignKey(
        Appeal, verbose_name=_("appeal"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(
        _("from status"), max_length=16, choices=AppealStatus.choices, blank=True, default=""
    )
    to_status = models.CharField(
        _("to status"), max_length=16, choices=AppealStatus.choices, blank=True, default=""
    )
    public_response = models.TextField(_("public response"), blank=True, default="")
    internal_note = models.TextField(_("internal note"), blank=True, default="")
    at = models.DateTimeField(_("at"), db_index=True)
    # Delivery state, kept apart from the event itself: when its e-mails went out (empty = not yet, or
    # nothing to send). Makes appeals.notifications.notify_event safe to retry.
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True)

    class Meta:
        ordering = ["appeal", "at", "id"]
        verbose_name = _("appeal event")
        verbose_name_plural = _("appeal events")
        indexes = [
            # The outbox that appeals.notifications.notify_pending sweeps: public events not yet e-mailed.
            models.Index(
                fields=["id"],
                name="appeals_event_pending_idx",
                condition=Q(notified_at__isnull=True)
                & (~Q(public_response="") | (~Q(to_status="") & ~Q(to_status=models.F("from_status")))),
            )
        ]

    def __str__(self) -> str:
        return f"#{self.appeal_id} {self.from_status}→{self.to_status}"


class Support(models.Model):
    """One "me too" (issue) or support (proposal) per user or per verified e-mail."""

    appeal = models.ForeignKey(
        Appeal, verbose_name=_("appeal"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="supports",
    )
    email = models.EmailField(_("verified e-mail"), blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["appeal", "id"]
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["appeal", "user"], condition=Q(user__isnull=False), name="support_user_uniq"
            ),
            models.UniqueConstraint(
                fields=["appeal", "email"], condition=~Q(email=""), name="support_email_uniq"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""), name="support_has_supporter"
            ),
        ]

    def __str__(self) -> str:
        return f"support of #{self.appeal_id}"


class ResponseTemplate(models.Model):
    """A department's canned public response; `text` may hold {placeholders} (appeals.services.staff)."""

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="response_templates"
    )
    # Empty = for every category of the department.
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="response_templates",
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["department", "title", "id"]
        verbose_name = _("response template")
        verbose_name_plural = _("response templates")
        constraints = [
            models.UniqueConstraint(fields=["department", "title"], name="response_template_title_uniq")
        ]

    def __str__(self) -> str:
        return self.title


class AreaSubscription(models.Model):
    """E-mails about public changes of appeals inside a district / ТОС or a drawn polygon (EPSG:4326).

    Either `area` or `geom` is set, never both; either a user or an e-mail address receives the mail. Only
    confirmed subscriptions (the signed link in the confirmation e-mail was opened) receive anything.
    """

    email = models.EmailField(_("e-mail"), blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="area_subscriptions",
    )
    area = models.ForeignKey(
        "layers.AdminArea",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    geom = models.MultiPolygonField(_("drawn area"), srid=4326, null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("area subscription")
        verbose_name_plural = _("area subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(area__isnull=False, geom__isnull=True) | Q(area__isnull=True, geom__isnull=False),
                name="area_subscription_area_xor_geom",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""), name="area_subscription_has_recipient"
            ),
        ]

    def __str__(self) -> str:
        where = f"area {self.area_id}" if self.area_id else "drawn area"
        return f"subscription #{self.pk} to {where}"
