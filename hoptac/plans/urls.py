from django.urls import path

from hoptac.plans import import_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_new, name="new"),
    path("activities/", views.my_activities, name="my-activities"),
    path("<int:plan_id>/activities/add/", views.activity_add_view, name="activity-add"),
    path("units/suggest/", views.unit_suggestions, name="unit-suggest"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/edit/", views.plan_edit, name="edit"),
    path("<int:plan_id>/status/", views.plan_status, name="status"),
    path("<int:plan_id>/original/", views.plan_original, name="original"),
    path("import/", import_views.import_start, name="import"),
    path("import/<int:upload_id>/", import_views.import_review_page, name="review"),
    path("import/batch/", import_views.batch_start, name="batch-start"),
    path("import/batch/<int:batch_id>/", import_views.batch_status, name="batch"),
    path("import/batch/<int:batch_id>/save/", import_views.batch_save, name="batch-save"),
]
urlpatterns += [
    path("activities/<int:activity_id>/", views.activity_show, name="activity"),
    path("activities/<int:activity_id>/edit/", views.activity_edit, name="activity-edit"),
    path("activities/<int:activity_id>/move/", views.activity_move_view, name="activity-move"),
]
