"""POST /api/v1/analysis/area: a thin view (check the body → selector → response). Views never catch."""

from drf_spectacular.utils import extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from layers.analysis.params import parse_analysis_request
from layers.analysis.selectors import area_analysis
from layers.analysis.serializers import AreaAnalysisInput, AreaAnalysisOutput


class AreaAnalysisApi(APIView):
    """What lies inside a drawn polygon or an administrative area: appeals, properties, assets, rasters.

    Open to everyone; anonymous users and residents see public appeals only, staff all of them.
    """

    parser_classes = [JSONParser]

    @extend_schema(
        summary="Area analysis: appeals, properties, assets and raster statistics inside a polygon or area",
        request=AreaAnalysisInput,
        responses=AreaAnalysisOutput,
    )
    def post(self, request: Request):
        params = parse_analysis_request(request.data)
        result = area_analysis(request=params, user=request.user)
        return Response(AreaAnalysisOutput(result).data)
