"""Staff routes under /api/v1/ (moderation, operator work, templates) and area subscriptions."""

from django.urls import path

from appeals.api import staff

urlpatterns = [
    path("staff/queue", staff.StaffQueueApi.as_view(), name="api-staff-queue"),
    path("staff/templates", staff.ResponseTemplateApi.as_view(), name="api-staff-templates"),
    path("appeals/<int:appeal_id>/moderate", staff.AppealModerateApi.as_view(), name="api-appeal-moderate"),
    path(
        "appeals/<int:appeal_id>/transition",
        staff.AppealTransitionApi.as_view(),
        name="api-appeal-transition",
    ),
    path("appeals/<int:appeal_id>/assign", staff.AppealAssignApi.as_view(), name="api-appeal-assign"),
    path("appeals/<int:appeal_id>/notes", staff.AppealNotesApi.as_view(), name="api-appeal-notes"),
    path("appeals/<int:appeal_id>/internal", staff.AppealInternalApi.as_view(), name="api-appeal-internal"),
    path("appeals/<int:appeal_id>/extend", staff.AppealExtendApi.as_view(), name="api-appeal-extend"),
    path("subscriptions", staff.SubscriptionCreateApi.as_view(), name="api-subscription-create"),
    path("subscriptions/confirm", staff.SubscriptionConfirmApi.as_view(), name="api-subscription-confirm"),
    path(
        "subscriptions/unsubscribe",
        staff.SubscriptionUnsubscribeApi.as_view(),
        name="api-subscription-unsubscribe",
    ),
]
