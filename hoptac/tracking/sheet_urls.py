"""URLs of the offline tracking sheet (export, import with dry run), under /tracking/."""

from django.urls import path

from hoptac.tracking import sheet_views

urlpatterns = [
    path("plans/<int:plan_id>/sheet.xlsx", sheet_views.sheet_download, name="sheet_export"),
    path("plans/<int:plan_id>/sheet/", sheet_views.sheet_upload, name="sheet_import"),
]
