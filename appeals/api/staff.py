"""Staff API of appeals (moderators, department operators, admins) and area subscriptions: thin views.

Each view validates its input (DRF serializers: 400 {field: [reason]}), calls one service or selector
(permissions and domain errors — 400 {detail, field}, 403, 404 — come from there) and returns JSON.
Authentication is whatever REST_FRAMEWORK configures (session, token); views only read request.user.
"""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from appeals.api import staff_serializers as out
from appeals.services import staff, subscriptions, templates
from appeals.staff_selectors import appeal_get, appeal_internal, staff_queue, template_list
from appeals.workflow import AppealStatus
from geoportal.errors import ValidationFailed

MODERATION_ACTIONS = ("approve", "reject", "duplicate", "edit")


class QueuePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _int_param(request: Request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise ValidationFailed(f"{name}: an integer is required", field=name) from None


def _flag(request: Request, name: str) -> bool:
    return request.query_params.get(name, "").lower() in ("1", "true", "yes")


def _row(appeal) -> dict:
    return out.AppealRowOut(out.appeal_row(appeal_get(appeal_id=appeal.pk), now=timezone.now())).data


QUEUE_PARAMETERS = [
    OpenApiParameter("scope", str, enum=["department", "moderation"], description="default: department"),
    OpenApiParameter("department", int, description="one of the caller's departments (admins: any)"),
    OpenApiParameter("status", str, description="one status of appeals.workflow.AppealStatus"),
    OpenApiParameter("overdue", bool, description="only appeals past due_at"),
    OpenApiParameter("mine", bool, description="only appeals assigned to the caller"),
    OpenApiParameter("page", int),
    OpenApiParameter("page_size", int, description="1..200, default 50"),
]
TOKEN_PARAMETER = [
    OpenApiParameter("token", str, required=True, description="the signed token of the e-mailed link")
]


class StaffQueueApi(APIView):
    """GET /api/v1/staff/queue — the appeals to work on, most urgent first, paged (page, page_size ≤ 200).

    Query: `scope` department (default: appeals of the caller's departments, by due_at) | moderation (new
    appeals, oldest first); `department` (id), `status`, `overdue=1`, `mine=1` (assigned to the caller).
    Each row carries `overdue` (open and past due_at).
    """

    @extend_schema(parameters=QUEUE_PARAMETERS, responses=out.QueuePageOut, tags=["staff"])
    def get(self, request: Request):
        queryset = staff_queue(
            user=request.user,
            scope=request.query_params.get("scope", "department"),
            department_id=_int_param(request, "department"),
            status=request.query_params.get("status") or None,
            overdue=_flag(request, "overdue"),
            assigned_to_me=_flag(request, "mine"),
        )
        paginator = QueuePagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        now = timezone.now()
        return paginator.get_paginated_response(
            out.AppealRowOut([out.appeal_row(a, now=now) for a in page], many=True).data
        )


class AppealModerateApi(APIView):
    """POST /api/v1/appeals/{id}/moderate — moderators: approve | reject | duplicate | edit."""

    class AppealModerateInput(serializers.Serializer):
        action = serializers.ChoiceField(choices=MODERATION_ACTIONS)
        reason = serializers.CharField(required=False, allow_blank=True, trim_whitespace=True)
        duplicate_of = serializers.IntegerField(required=False, min_value=1)
        text = serializers.CharField(required=False, allow_blank=True)
        department = serializers.IntegerField(required=False, allow_null=True, min_value=1)

        def validate(self, data):
            needs = {"reject": "reason", "duplicate": "duplicate_of", "edit": "text"}.get(data["action"])
            if needs and data.get(needs) in (None, ""):
                raise serializers.ValidationError({needs: ["This field is required for this action."]})
            return data

    @extend_schema(request=AppealModerateInput, responses=out.AppealRowOut, tags=["staff"])
    def post(self, request: Request, appeal_id: int):
        data = self.AppealModerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        args = data.validated_data
        appeal = appeal_get(appeal_id=appeal_id)
        action, user = args["action"], request.user
        if action == "approve":
            appeal = staff.appeal_approve(appeal=appeal, actor=user, department=args.get("department"))
        elif action == "reject":
            appeal = staff.appeal_reject(appeal=appeal, actor=user, reason=args["reason"])
        elif action == "duplicate":
            appeal = staff.appeal_mark_duplicate(appeal=appeal, actor=user, of=args["duplicate_of"])
        else:
            appeal = staff.appeal_edit_public_text(appeal=appeal, actor=user, text=args["text"])
        return Response(_row(appeal))


class AppealTransitionApi(APIView):
    """POST /api/v1/appeals/{id}/transition — operators of the appeal's department: a workflow move."""

    class AppealTransitionInput(serializers.Serializer):
        to_status = serializers.ChoiceField(choices=AppealStatus.choices)
        public_response = serializers.CharField(required=False, allow_blank=True, default="")
        internal_note = serializers.CharField(required=False, allow_blank=True, default="")
        template = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        department = serializers.IntegerField(required=False, allow_null=True, min_value=1)

    @extend_schema(request=AppealTransitionInput, responses=out.AppealRowOut, tags=["staff"])
    def post(self, request: Request, appeal_id: int):
        data = self.AppealTransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        appeal = staff.appeal_transition(
            appeal=appeal_get(appeal_id=appeal_id), actor=request.user, **data.validated_data
        )
        return Response(_row(appeal))


class AppealAssignApi(APIView):
    """POST /api/v1/appeals/{id}/assign {assignee: user id | null} — operators of the department."""

    class AppealAssignInput(serializers.Serializer):
        assignee = serializers.IntegerField(allow_null=True, min_value=1)

    @extend_schema(request=AppealAssignInput, responses=out.AppealRowOut, tags=["staff"])
    def post(self, request: Request, appeal_id: int):
        data = self.AppealAssignInput(data=request.data)
        data.is_valid(raise_exception=True)
        appeal = staff.appeal_assign(
            appeal=appeal_get(appeal_id=appeal_id), actor=request.user, **data.validated_data
        )
        return Response(_row(appeal))


class AppealNotesApi(APIView):
    """POST /api/v1/appeals/{id}/notes {text} — an internal note; 201 with the event."""

    class AppealNotesInput(serializers.Serializer):
        text = serializers.CharField()

    @extend_schema(request=AppealNotesInput, responses={201: out.EventOut}, tags=["staff"])
    def post(self, request: Request, appeal_id: int):
        data = self.AppealNotesInput(data=request.data)
        data.is_valid(raise_exception=True)
        event = staff.appeal_add_note(
            appeal=appeal_get(appeal_id=appeal_id), actor=request.user, **data.validated_data
        )
        return Response(out.EventOut(out.event_row(event)).data, status=status.HTTP_201_CREATED)


class AppealInternalApi(APIView):
    """GET /api/v1/appeals/{id}/internal — the staff view: every event with internal notes; `contact`
    only for moderators, admins and operators of the appeal's department (planners see no contact)."""

    @extend_schema(responses=out.AppealInternalOut, tags=["staff"])
    def get(self, request: Request, appeal_id: int):
        view = appeal_internal(appeal_id=appeal_id, user=request.user)
        return Response(out.AppealInternalOut(out.appeal_internal(view, now=timezone.now())).data)


class AppealExtendApi(APIView):
    """POST /api/v1/appeals/{id}/extend {days ≤ 30, notice} — the one extension; the resident is e-mailed."""

    class AppealExtendInput(serializers.Serializer):
        days = serializers.IntegerField()
        notice = serializers.CharField()

    @extend_schema(request=AppealExtendInput, responses=out.AppealRowOut, tags=["staff"])
    def post(self, request: Request, appeal_id: int):
        data = self.AppealExtendInput(data=request.data)
        data.is_valid(raise_exception=True)
        appeal = staff.appeal_extend(
            appeal=appeal_get(appeal_id=appeal_id), actor=request.user, **data.validated_data
        )
        return Response(_row(appeal))


class ResponseTemplateApi(APIView):
    """GET/POST /api/v1/staff/templates — response templates of the caller's departments (admins: all).

    GET `department` filters. POST {department, category?, title, text} — text placeholders as in
    appeals.services.templates.PLACEHOLDERS; 201 with the template.
    """

    class ResponseTemplateInput(serializers.Serializer):
        department = serializers.IntegerField(min_value=1)
        category = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        title = serializers.CharField()
        text = serializers.CharField()

    @extend_schema(
        parameters=[OpenApiParameter("department", int)], responses=out.TemplateListOut, tags=["staff"]
    )
    def get(self, request: Request):
        rows = template_list(user=request.user, department_id=_int_param(request, "department"))
        return Response(out.TemplateListOut({"results": [out.template_row(t) for t in rows]}).data)

    @extend_schema(request=ResponseTemplateInput, responses={201: out.TemplateOut}, tags=["staff"])
    def post(self, request: Request):
        data = self.ResponseTemplateInput(data=request.data)
        data.is_valid(raise_exception=True)
        template = templates.template_create(actor=request.user, **data.validated_data)
        return Response(out.TemplateOut(out.template_row(template)).data, status=status.HTTP_201_CREATED)


class SubscriptionCreateApi(APIView):
    """POST /api/v1/subscriptions {email, area: id} or {email, geometry: GeoJSON Polygon} — anyone; the
    subscription starts unconfirmed and a confirmation link is e-mailed. 201."""

    class SubscriptionCreateInput(serializers.Serializer):
        email = serializers.CharField(required=False, allow_blank=True, default="")
        area = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        geometry = serializers.JSONField(required=False, allow_null=True)

    @extend_schema(
        request=SubscriptionCreateInput, responses={201: out.SubscriptionOut}, tags=["subscriptions"]
    )
    def post(self, request: Request):
        data = self.SubscriptionCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        subscription = subscriptions.subscription_create(user=request.user, **data.validated_data)
        return Response(
            out.SubscriptionOut(out.subscription_row(subscription)).data, status=status.HTTP_201_CREATED
        )


class SubscriptionConfirmApi(APIView):
    """GET /api/v1/subscriptions/confirm?token= — the link from the confirmation e-mail."""

    @extend_schema(parameters=TOKEN_PARAMETER, responses=out.SubscriptionOut, tags=["subscriptions"])
    def get(self, request: Request):
        subscription = subscriptions.subscription_confirm(token=request.query_params.get("token", ""))
        return Response(out.SubscriptionOut(out.subscription_row(subscription)).data)


class SubscriptionUnsubscribeApi(APIView):
    """GET /api/v1/subscriptions/unsubscribe?token= — the link at the foot of every area e-mail."""

    @extend_schema(parameters=TOKEN_PARAMETER, responses=out.UnsubscribedOut, tags=["subscriptions"])
    def get(self, request: Request):
        deleted = subscriptions.subscription_unsubscribe(token=request.query_params.get("token", ""))
        return Response(out.UnsubscribedOut({"unsubscribed": deleted}).data)
