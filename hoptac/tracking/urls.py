from django.urls import include, path

from hoptac.tracking import cascade_views, dashboard_views, views

app_name = "tracking"
urlpatterns = [
    path("activities/<int:activity_id>/", views.activity_progress, name="activity"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("my-work/", dashboard_views.my_work_page, name="my-work"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard/<int:organisation_id>/", dashboard_views.dashboard, name="unit-dashboard"),
    path("plans/<int:plan_id>/national/", dashboard_views.national_view, name="national"),
    path("plans/<int:plan_id>/implement/", cascade_views.implement, name="implement"),
    path("activities/<int:activity_id>/detail-plan/", cascade_views.detail_activity, name="detail-plan"),
    path("plans/<int:plan_id>/estimate/", cascade_views.estimate_page, name="estimate"),
    path("supervision/", cascade_views.supervision_page, name="supervision"),
    path("", include("hoptac.tracking.sheet_urls")),
]
