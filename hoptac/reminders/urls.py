from django.urls import path

from hoptac.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.reminder_settings, name="settings"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read_all, name="read-all"),
    path("notifications/<int:notification_id>/read/", views.notification_read, name="read"),
    path("rules/", views.rule_list, name="rules"),
    path("rules/defaults/", views.rules_defaults, name="rules-defaults"),
    path("rules/<int:rule_id>/", views.rule_edit, name="rule-edit"),
    path("rules/<int:rule_id>/delete/", views.rule_remove, name="rule-delete"),
]
