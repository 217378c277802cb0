"""Public statistics of appeals: thin views over appeals.kpi (validate → selector → response).

Query of both: `from`, `to` — local dates YYYY-MM-DD, inclusive (default: the 365 days ending today in
settings.TIME_ZONE); at most MAX_DAYS apart.
"""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from appeals.kpi import KpiWindow, kpi_figures, kpi_monthly_by_category, kpi_operator_scope, kpi_window
from geoportal.errors import ValidationFailed

DEFAULT_DAYS = 365
MAX_DAYS = 3660  # ten years


def parse_day(raw: str | None, *, name: str) -> date | None:
    """An ISO date YYYY-MM-DD, or None when absent. Raises ValidationFailed naming the parameter."""
    if raw is None or raw == "":
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        message = gettext("%(name)s must be a date YYYY-MM-DD, e.g. 2026-05-01.") % {"name": name}
        raise ValidationFailed(message, field=name) from None


def window_from_query(params) -> KpiWindow:
    """The `from`..`to` window of a request (local dates, inclusive). Raises ValidationFailed."""
    last_day = parse_day(params.get("to"), name="to") or timezone.localdate()
    first_day = parse_day(params.get("from"), name="from") or last_day - timedelta(days=DEFAULT_DAYS - 1)
    if first_day > last_day:
        raise ValidationFailed(gettext("from must not be later than to."), field="from")
    if (last_day - first_day).days >= MAX_DAYS:
        message = gettext("from and to must be at most %(days)d days apart.") % {"days": MAX_DAYS}
        raise ValidationFailed(message, field="from")
    return kpi_window(first_day=first_day, last_day=last_day)


WINDOW_PARAMETERS = [
    OpenApiParameter("from", date, description="First local day, inclusive (default: 364 days before `to`)."),
    OpenApiParameter("to", date, description="Last local day, inclusive (default: today)."),
]


class KpiFiguresSerializer(serializers.Serializer):
    appeals = serializers.IntegerField(help_text="Issues created in the window (the cohort).")
    registered_on_time = serializers.IntegerField()
    registration_decided = serializers.IntegerField(
        help_text="Registered, or still new after the registration term."
    )
    answered = serializers.IntegerField()
    answered_on_time = serializers.IntegerField()
    answer_decided = serializers.IntegerField(help_text="Answered, or unanswered past due.")
    reopened = serializers.IntegerField()
    ever_answered = serializers.IntegerField()
    ratings = serializers.IntegerField()
    overdue_now = serializers.IntegerField(help_text="Open issues past due now, whatever the window.")
    registered_on_time_pct = serializers.FloatField(allow_null=True)
    answered_on_time_pct = serializers.FloatField(allow_null=True)
    median_hours_to_answer = serializers.FloatField(allow_null=True, help_text="Registration → answer.")
    reopen_rate_pct = serializers.FloatField(allow_null=True)
    mean_rating = serializers.FloatField(allow_null=True, help_text="1..5")


class KpiOperatorSerializer(KpiFiguresSerializer):
    id = serializers.IntegerField(allow_null=True, help_text="The assignee; null = not assigned.")
    name = serializers.CharField(allow_null=True)


class KpiDepartmentSerializer(KpiFiguresSerializer):
    id = serializers.IntegerField(allow_null=True, help_text="null = not routed to a department yet.")
    code = serializers.CharField(allow_null=True)
    name = serializers.CharField(allow_null=True)
    operators = KpiOperatorSerializer(
        many=True, required=False, help_text="Only for managers: administrators, moderators, its operators."
    )


# "from" is a Python keyword, hence inline serializers (used for the OpenAPI schema only).
KPI_OUTPUT = inline_serializer(
    "Kpi",
    {
        "from": serializers.DateField(),
        "to": serializers.DateField(),
        "register_within_days": serializers.IntegerField(),
        "total": KpiFiguresSerializer(),
        "departments": KpiDepartmentSerializer(many=True),
    },
)
KPI_MONTHLY_OUTPUT = inline_serializer(
    "KpiMonthly",
    {
        "from": serializers.DateField(),
        "to": serializers.DateField(),
        "months": serializers.ListField(child=serializers.CharField(), help_text='"YYYY-MM", local time.'),
        "categories": inline_serializer(
            "KpiMonthlyCategory",
            {
                "id": serializers.IntegerField(),
                "code": serializers.CharField(),
                "name": serializers.CharField(),
                "kind": serializers.CharField(),
                "created": serializers.ListField(child=serializers.IntegerField()),
                "answered": serializers.ListField(child=serializers.IntegerField()),
            },
            many=True,
        ),
    },
)


class KpiApi(APIView):
    """GET /api/v1/stats/kpi — KPIs of the issues created in the window, per department and in total.

    Public. Managers (administrators, moderators; operators for their own departments) also get each
    department's per-operator figures.
    """

    @extend_schema(parameters=WINDOW_PARAMETERS, responses=KPI_OUTPUT, tags=["stats"])
    def get(self, request):
        window = window_from_query(request.query_params)
        return Response(kpi_figures(window=window, operators=kpi_operator_scope(user=request.user)))


class KpiMonthlyApi(APIView):
    """GET /api/v1/stats/monthly — appeals created and answers given per month and category. Public."""

    @extend_schema(parameters=WINDOW_PARAMETERS, responses=KPI_MONTHLY_OUTPUT, tags=["stats"])
    def get(self, request):
        return Response(kpi_monthly_by_category(window=window_from_query(request.query_params)))
