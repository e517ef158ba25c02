from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from hoptac.accounts.views import ThrottledPasswordResetView, api_token_revoke_view, api_tokens

app_name = "accounts"


def _done(name: str):
    return reverse_lazy(f"accounts:{name}")


urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api-tokens/", api_tokens, name="api-tokens"),
    path("api-tokens/<int:token_id>/revoke/", api_token_revoke_view, name="api-token-revoke"),
    path(
        "password-reset/",
        ThrottledPasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=_done("password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html", success_url=_done("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
