"""The certificate (справка) as a one-page A4 PDF, drawn with reportlab in DejaVu Sans (Cyrillic).

The справка is a Russian document: its wording is gettext with Russian msgids and the document is built
under translation.override("ru"), so it reads Russian whatever the request's language.
"""

from functools import cache
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext, override
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from appeals.workflow import AppealStatus
from layers.certificates.selectors import certificate_appeals, certificate_map_features
from layers.certificates.snapshot import render_map
from layers.models import Property, PropertyCertificate
from layers.records.selectors import APPEALS_RADIUS_M

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
MAP_SIZE_CM = 9.0


@cache
def _fonts() -> tuple[str, str]:
    """Registers DejaVu Sans (regular, bold) with reportlab once; returns their names."""
    pdfmetrics.registerFont(TTFont("DejaVuSans", f"{FONT_DIR}/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", f"{FONT_DIR}/DejaVuSans-Bold.ttf"))
    return "DejaVuSans", "DejaVuSans-Bold"


def _labels() -> dict[str, dict[str, str]]:
    # Agreement with «вид объекта» / «форма собственности» differs from the model's choice labels.
    return {
        "kind": {"parcel": gettext("земельный участок"), "building": gettext("здание")},
        "ownership": {
            "municipal": gettext("муниципальная"),
            "regional": gettext("государственная (субъекта РФ)"),
            "federal": gettext("федеральная"),
            "private": gettext("частная"),
            "unknown": gettext("сведения отсутствуют"),
        },
    }


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    return {
        "body": ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12),
        "small": ParagraphStyle("small", fontName=regular, fontSize=7.5, leading=9),
        "head": ParagraphStyle("head", fontName=bold, fontSize=10, leading=13, alignment=1),
        "title": ParagraphStyle("title", fontName=bold, fontSize=14, leading=18, alignment=1),
        "bold": ParagraphStyle("bold", fontName=bold, fontSize=9.5, leading=12),
    }


def _p(text, style) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def certificate_pdf(*, certificate: PropertyCertificate, record: Property) -> bytes:
    """PDF bytes of the справка `certificate` about `record`: its data, a map snapshot (buildings, roads,
    open appeals around it; UTM metres), the open public appeals within APPEALS_RADIUS_M (count, up to
    10 listed), the issuing department, the date and the document number."""
    with override("ru"):
        return _build(certificate=certificate, record=record)


def _build(*, certificate: PropertyCertificate, record: Property) -> bytes:
    st = _styles()
    labels = _labels()
    dash = "—"
    issued = timezone.localtime(certificate.issued_at)
    fields = [
        (gettext("Кадастровый номер"), record.cadastral_number or dash),
        (gettext("Адрес"), record.address or dash),
        (gettext("Вид объекта"), labels["kind"].get(record.kind, record.kind)),
        (gettext("Форма собственности"), labels["ownership"].get(record.ownership, record.ownership)),
        (gettext("Назначение"), record.use or dash),
        (gettext("Площадь, м²"), f"{record.area_m2:.1f}".replace(".", ",") if record.area_m2 else dash),
        (gettext("Этажность"), record.levels if record.levels is not None else dash),
    ]
    data_table = Table(
        [[_p(k, st["bold"]), _p(v, st["body"])] for k, v in fields], colWidths=[5 * cm, 12 * cm]
    )
    data_table.setStyle(_grid())
    snapshot = certificate_map_features(record=record)
    png = render_map(features=snapshot["features"], centre=snapshot["centre"], half_m=snapshot["half_m"])
    total, appeals = certificate_appeals(record=record)
    story = [
        _p(certificate.issuer, st["head"]),
        Spacer(1, 0.3 * cm),
        _p(gettext("СПРАВКА № %(number)s") % {"number": certificate.number}, st["title"]),
        _p(gettext("об объекте недвижимости от %(date)s") % {"date": f"{issued:%d.%m.%Y}"}, st["head"]),
        Spacer(1, 0.4 * cm),
        data_table,
        Spacer(1, 0.3 * cm),
        Image(BytesIO(png), width=MAP_SIZE_CM * cm, height=MAP_SIZE_CM * cm),
        _p(
            gettext(
                "Схема расположения: объект выделен красным, открытые обращения — синие точки; "
                "окно %(side)d × %(side)d м, проекция UTM зона %(zone)d (EPSG:%(srid)d)."
            )
            % {
                "side": round(2 * snapshot["half_m"]),
                "zone": snapshot["srid"] % 100,
                "srid": snapshot["srid"],
            },
            st["small"],
        ),
        Spacer(1, 0.3 * cm),
        _p(
            gettext("Открытые обращения граждан в радиусе %(radius)d м: %(count)d")
            % {"radius": APPEALS_RADIUS_M, "count": total},
            st["bold"],
        ),
    ]
    if appeals:
        story.append(_appeals_table(appeals, st))
    story += [
        Spacer(1, 0.4 * cm),
        _p(
            gettext("Справка сформирована по данным геопортала %(at)s. Выдал: %(who)s.")
            % {
                "at": f"{issued:%d.%m.%Y %H:%M}",
                "who": certificate.issued_by.get_full_name() or certificate.issued_by.get_username()
                if certificate.issued_by
                else dash,
            },
            st["small"],
        ),
        _p(gettext("Картографическая основа: © OpenStreetMap contributors (ODbL)."), st["small"]),
    ]
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.2 * cm,
        title=gettext("Справка %(number)s") % {"number": certificate.number},
        author=certificate.issuer,
    )
    doc.build(story)
    return out.getvalue()


def _appeals_table(appeals: list[dict], st: dict) -> Table:
    header = [gettext("№"), gettext("Категория"), gettext("Статус"), gettext("Дата"), gettext("Адрес")]
    header.append(gettext("м"))
    rows = [[_p(h, st["small"]) for h in header]]
    for a in appeals:
        status = AppealStatus(a["status"]).label if a["status"] in AppealStatus.values else a["status"]
        rows.append(
            [
                _p(a["id"], st["small"]),
                _p(a["category_name"], st["small"]),
                _p(status, st["small"]),
                _p(f"{timezone.localtime(a['created_at']):%d.%m.%Y}", st["small"]),
                _p((a["address"] or "—")[:60], st["small"]),
                _p(round(a["distance_m"]), st["small"]),
            ]
        )
    table = Table(rows, colWidths=[1.3 * cm, 4.0 * cm, 3.2 * cm, 2 * cm, 5.3 * cm, 1.2 * cm])
    table.setStyle(_grid())
    return table


def _grid() -> TableStyle:
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
    )
