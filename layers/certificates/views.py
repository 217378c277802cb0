"""GET /api/v1/properties/{id}/certificate.pdf — the справка about a property (staff; journalled)."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from geoportal.errors import ERROR_SCHEMA as ERROR
from layers.certificates.pdf import certificate_pdf
from layers.certificates.services import certificate_issue
from layers.records.selectors import property_get


class PDFRenderer(BaseRenderer):
    """Lets a client send `Accept: application/pdf`; the view answers the PDF itself, so this renderer
    only ever renders error bodies, as JSON."""

    media_type = "application/pdf"
    format = "pdf"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return JSONRenderer().render(data)


class PropertyCertificateApi(APIView):
    """Issues a numbered certificate (a row in the PropertyCertificate journal) and answers its PDF.
    Query: `department` — the code of the issuing department (default: settings CERTIFICATE_ISSUER)."""

    renderer_classes = [JSONRenderer, PDFRenderer]

    @extend_schema(
        operation_id="properties_certificate",
        tags=["records"],
        parameters=[OpenApiParameter("department", str, description="code of the issuing department")],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="the справка, PDF"),
            400: ERROR,
            403: ERROR,
            404: ERROR,
        },
    )
    def get(self, request: Request, property_id: int):
        record = property_get(property_id=property_id)
        certificate = certificate_issue(
            record=record, actor=request.user, department_code=request.query_params.get("department")
        )
        response = HttpResponse(
            certificate_pdf(certificate=certificate, record=record), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="spravka-{certificate.pk:06d}.pdf"'
        return response
