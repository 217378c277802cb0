"""ImportRun: the bookkeeping of one run of one importer over one source."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    importer = models.CharField(_("importer"), max_length=32)
    source = models.CharField(_("source"), max_length=512)
    target = models.CharField(_("target"), max_length=64, blank=True, default="")
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RUNNING)
    read_count = models.PositiveIntegerField(_("read"), default=0)
    written_count = models.PositiveIntegerField(_("written"), default=0)
    inserted_count = models.PositiveIntegerField(_("inserted"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    # The first rejects as [{"row": …, "reason": …}]; the whole list is written to rejects_path.
    rejects = models.JSONField(_("rejects (first 100)"), default=list, blank=True)
    rejects_path = models.CharField(_("rejects file"), max_length=512, blank=True, default="")
    error = models.TextField(_("error"), blank=True, default="")
    timings = models.JSONField(_("timings, s"), default=dict, blank=True)
    # Per target table: {"property": {"read": …, "inserted": …, "updated": …, "rejected": …}, …}
    target_counts = models.JSONField(_("counts per target"), default=dict, blank=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.importer} {self.source} ({self.status})"
