"""Response templates: a department's canned public responses with {placeholders}.

Placeholders (str.format names, nothing else — no positions, attributes, indexes or format specs):
{appeal_id}, {category}, {address}, {department}, {status}, {registered_date}, {due_date}
(dates as DD.MM.YYYY in the municipality's time zone; an unknown value renders as "—").
"""

from string import Formatter

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals.models import Appeal, Category, Department, ResponseTemplate
from appeals.permissions import require_template_manager
from appeals.services.refs import resolve
from appeals.workflow import AppealStatus
from geoportal.errors import ValidationFailed

PLACEHOLDERS = ("appeal_id", "category", "address", "department", "status", "registered_date", "due_date")
TITLE_MAX, TEXT_MAX = 255, 10_000


def template_placeholders(text: str) -> list[str]:
    """The placeholder names in `text`; raises ValidationFailed (field "text") for anything not allowed."""
    try:
        parts = list(Formatter().parse(text))
    except ValueError as exc:
        raise ValidationFailed(_("Unbalanced braces: %(error)s.") % {"error": exc}, field="text") from None
    names = []
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise ValidationFailed(
                _("Unknown placeholder {%(name)s}; allowed: %(allowed)s.")
                % {"name": name, "allowed": ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)},
                field="text",
            )
        names.append(name)
    return names


def _date(value) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y") if value else "—"


def template_render(*, template: ResponseTemplate, appeal: Appeal) -> str:
    """The template's text with the appeal's values put in (public fields only)."""
    values = {
        "appeal_id": appeal.pk,
        "category": appeal.category.name_ru,
        "address": appeal.address or "—",
        "department": appeal.department.name if appeal.department_id else "—",
        "status": str(AppealStatus(appeal.status).label),
        "registered_date": _date(appeal.registered_at),
        "due_date": _date(appeal.due_at),
    }
    template_placeholders(template.text)
    return template.text.format_map(values)


@transaction.atomic
def template_create(
    *, actor, department: Department | int, title: str, text: str, category: Category | int | None = None
) -> ResponseTemplate:
    """A new response template of `department` (an operator of it, or an admin). 400 on the field at fault."""
    department = resolve(Department, department, field="department")
    require_template_manager(actor, department.pk)
    if department is None:
        raise ValidationFailed(_("This field is required."), field="department")
    category = resolve(Category, category, field="category")
    title, text = (title or "").strip(), (text or "").strip()
    if not 1 <= len(title) <= TITLE_MAX:
        raise ValidationFailed(_("Must be 1 to %(max)d characters long.") % {"max": TITLE_MAX}, field="title")
    if not 1 <= len(text) <= TEXT_MAX:
        raise ValidationFailed(_("Must be 1 to %(max)d characters long.") % {"max": TEXT_MAX}, field="text")
    template_placeholders(text)
    try:
        with transaction.atomic():
            return ResponseTemplate.objects.create(
                department=department, category=category, title=title, text=text
            )
    except IntegrityError:
        raise ValidationFailed(_("The department has a template with this title."), field="title") from None
