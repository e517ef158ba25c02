from django.urls import path

from hoptac.orgs import views

app_name = "orgs"

urlpatterns = [
    path("", views.my_organisation, name="mine"),
    path("<int:org_id>/", views.organisation_detail, name="detail"),
    path("<int:org_id>/members/import/", views.members_import_page, name="members-import"),
]
