"""Tension: hexagon outlines and population, the daily rollup of appeals, social signals and alerts.

The rollup is written by statement-level triggers on appeals_appeal (tension/sql/rollup_triggers.sql), so
every write path — the ORM, COPY imports, raw SQL — keeps it current; `manage.py rebuild_tension` rebuilds
it from the appeals in one transaction.
"""

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.utils.translation import gettext_lazy as _

from appeals.workflow import AppealKind


class TensionCell(models.Model):
    """An H3 cell (res 5–10) the town uses: its outline, cached from h3-py, and its estimated population.

    Rows appear with an empty outline when an appeal or a signal first lands in a cell (the triggers
    register the cell); the readers fill missing outlines from h3-py before they draw (tension.cells).
    """

    h3 = models.BigIntegerField(_("H3 cell"), primary_key=True)
    res = models.PositiveSmallIntegerField(_("resolution"))
    geom = models.PolygonField(_("outline"), srid=4326, null=True, blank=True)
    population = models.FloatField(_("estimated residents"), null=True, blank=True)

    class Meta:
        verbose_name = _("H3 cell")
        verbose_name_plural = _("H3 cells")
        indexes = [
            models.Index(fields=["res"], name="tension_cell_res_idx"),
            models.Index(
                fields=["h3"], name="tension_cell_missing_idx", condition=models.Q(geom__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.h3:x} (res {self.res})"


class TensionRollup(models.Model):
    """Appeals per local day × res-9 cell × category × kind × status × due day: count and Σ support factor.

    `sw` is Σ (1 + ln(1 + supports)) over the appeals of the row, so the tension of a window needs no scan
    of the appeals: severity, decay, overdue boost and status damping are applied per row at read time.
    """

    day = models.DateField(_("day"))
    cell = models.BigIntegerField(_("H3 cell (res 9)"))
    category = models.ForeignKey("appeals.Category", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=AppealKind.choices)
    status = models.CharField(_("status"), max_length=16)
    due_day = models.DateField(_("due day"), null=True, blank=True)
    n = models.IntegerField(_("appeals"), default=0)
    sw = models.FloatField(_("Σ support factor"), default=0)

    class Meta:
        verbose_name = _("tension rollup row")
        verbose_name_plural = _("tension rollup")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "cell", "category", "kind", "status", "due_day"],
                name="tension_rollup_key",
                nulls_distinct=False,
            )
        ]
        indexes = [
            models.Index(fields=["day", "kind"], name="tension_rollup_day_idx"),
            # A category's window as an index-only scan (the hexes with `category`): the category's own rows
            # of the window instead of all its days (docs/BENCHMARKS.md, "Tension (issue 6)").
            models.Index(
                fields=["category", "day"],
                include=["cell", "kind", "status", "due_day", "n", "sw"],
                name="tension_rollup_cat_day_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.cell:x} {self.status}: {self.n}"


class TensionMonthlyRollup(models.Model):
    """Appeals in a status that is not open, per local month × res-9 cell × category × kind × status.

    `swd` is Σ (1 + ln(1 + supports)) · 2^((day − month) / H) over the month's appeals, H the half-life the
    sums were made with (tension_half_life() in SQL). The decay splits (2^(−(to − day)/H) =
    2^(−(to − month)/H) · 2^((day − month)/H)), so a window's whole months read one row where the daily
    rollup has up to a month of them; open appeals (overdue depends on the due day) and the window's partial
    months still come from the daily rollup. Kept by the same triggers.
    """

    month = models.DateField(_("month"))
    cell = models.BigIntegerField(_("H3 cell (res 9)"))
    category = models.ForeignKey("appeals.Category", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=AppealKind.choices)
    status = models.CharField(_("status"), max_length=16)
    n = models.IntegerField(_("appeals"), default=0)
    swd = models.FloatField(_("Σ support factor × decay within the month"), default=0)

    class Meta:
        verbose_name = _("monthly tension rollup row")
        verbose_name_plural = _("monthly tension rollup")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "cell", "category", "kind", "status"], name="tension_monthly_key"
            )
        ]
        indexes = [models.Index(fields=["month", "kind"], name="tension_monthly_month_idx")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.cell:x} {self.status}: {self.n}"


class TensionCellStatus(models.Model):
    """Appeals per res-9 cell × kind × status (× due day while open), all time: what the appeals tiles draw
    as hexagons below their point zoom. Kept by the same triggers as the rollup; small (open appeals only
    are split by due day, so "overdue" is exact on any day)."""

    cell = models.BigIntegerField(_("H3 cell (res 9)"))
    kind = models.CharField(_("kind"), max_length=16, choices=AppealKind.choices)
    status = models.CharField(_("status"), max_length=16)
    due_day = models.DateField(_("due day (open appeals)"), null=True, blank=True)
    n = models.IntegerField(_("appeals"), default=0)

    class Meta:
        verbose_name = _("appeals per cell and status")
        verbose_name_plural = _("appeals per cell and status")
        constraints = [
            models.UniqueConstraint(
                fields=["cell", "kind", "status", "due_day"],
                name="tension_cellstatus_key",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.cell:x} {self.kind} {self.status}: {self.n}"


class TensionPointCell(models.Model):
    """Appeals per res-12 cell (≈ 20 m across) × kind, with one point in the cell (its first appeal's, in
    EPSG:3857): the appeals tiles at z14–15 draw a cell holding several public appeals as one counted
    point, so a tile of a dense quarter stays small without dropping any appeal, and is one GiST range
    read of these rows. `n` counts every appeal (hidden ones too); `public` the shown ones, split into
    `open`, `answered` and `closed` (appeals_public / tension_open at write time: a change of
    appeals.workflow's status sets needs `manage.py rebuild_tension`). Kept by the rollup's triggers."""

    cell = models.BigIntegerField(_("H3 cell (res 12)"))
    kind = models.CharField(_("kind"), max_length=16, choices=AppealKind.choices)
    n = models.IntegerField(_("appeals"), default=0)
    public = models.IntegerField(_("public appeals"), default=0)
    open = models.IntegerField(_("open"), default=0)
    answered = models.IntegerField(_("answered"), default=0)
    closed = models.IntegerField(_("closed"), default=0)
    point = models.PointField(_("location"), srid=3857)

    class Meta:
        verbose_name = _("appeals per small cell")
        verbose_name_plural = _("appeals per small cell")
        constraints = [models.UniqueConstraint(fields=["cell", "kind"], name="tension_pointcell_key")]

    def __str__(self) -> str:
        return f"{self.cell:x} {self.kind}: {self.public} of {self.n}"


class TensionSignal(models.Model):
    """A social signal (a post, a petition, a sensor alarm) that adds to the tension of the cells it covers.

    `cells` are the res-10 cells it is spread over, equally: the one cell of a point, every cell whose
    centre lies in an area (at least the cell of its centroid). Filled by tension.services.signals.
    """

    source = models.CharField(_("source"), max_length=32)
    source_id = models.CharField(_("source id"), max_length=128, blank=True, default="")
    geom = models.GeometryField(_("location"), srid=4326)
    weight = models.FloatField(_("weight"), default=1.0)
    text = models.TextField(_("text"), blank=True, default="")
    at = models.DateTimeField(_("at"), db_index=True)
    cells = ArrayField(models.BigIntegerField(), verbose_name=_("H3 cells (res 10)"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("social signal")
        verbose_name_plural = _("social signals")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.source} {self.at:%Y-%m-%d}: {self.text[:40]}"


class Alert(models.Model):
    class Kind(models.TextChoices):
        CELL_INDEX = "cell_index", _("hexagon over the threshold")
        AREA_INDEX = "area_index", _("district over the threshold")
        EMERGING = "emerging_hotspot", _("emerging hotspot")

    class Delivery(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    cell = models.BigIntegerField(_("H3 cell"), null=True, blank=True)
    area = models.ForeignKey(
        "layers.AdminArea", verbose_name=_("area"), null=True, blank=True, on_delete=models.CASCADE
    )
    value = models.FloatField(_("value"))
    threshold = models.FloatField(_("threshold"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    departments = models.ManyToManyField("appeals.Department", verbose_name=_("departments"), blank=True)
    created_at = models.DateTimeField(_("created"), db_index=True)
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True)
    delivery = models.CharField(
        _("delivery"), max_length=16, choices=Delivery.choices, default=Delivery.PENDING
    )

    class Meta:
        verbose_name = _("tension alert")
        verbose_name_plural = _("tension alerts")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "cell", "created_at"], name="tension_alert_cell_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"
