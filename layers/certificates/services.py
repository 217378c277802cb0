"""Issuing a property certificate (справка): a numbered row in the journal, then the PDF."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from appeals.models import Department
from geoportal.errors import ValidationFailed
from layers.models import Property, PropertyCertificate
from layers.records.permissions import require_certificate_issuer


def certificate_issuer(*, department_code: str | None) -> str:
    """The issuing department's name: the Department with this code, or settings.GEOPORTAL
    ["CERTIFICATE_ISSUER"] when no code is given. Raises ValidationFailed(field="department")."""
    if not department_code:
        return settings.GEOPORTAL.get("CERTIFICATE_ISSUER", "")
    department = Department.objects.filter(code=department_code).first()
    if department is None:
        raise ValidationFailed(gettext("Unknown department."), field="department")
    return department.name


@transaction.atomic
def certificate_issue(*, record: Property, actor, department_code: str | None = None) -> PropertyCertificate:
    """Record a certificate about `record` issued by `actor` (staff; raises PermissionDenied) on behalf of
    the department with `department_code` (default: the configured issuer); numbers it СП-<year>-<id>."""
    require_certificate_issuer(actor)
    issuer = certificate_issuer(department_code=department_code)
    certificate = PropertyCertificate.objects.create(
        property=record,
        cadastral_number=record.cadastral_number,
        address=record.address,
        issuer=issuer,
        issued_by=actor,
        issued_at=timezone.now(),
    )
    certificate.number = f"СП-{timezone.localdate(certificate.issued_at):%Y}-{certificate.pk:06d}"
    certificate.save(update_fields=["number"])
    return certificate
