from axes.helpers import get_client_ip_address
from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from hoptac.accounts.selectors import access_api_token, api_tokens_of
from hoptac.accounts.services import api_token_create, api_token_revoke
from hoptac.accounts.throttling import password_reset_request_allowed
from hoptac.core.text import nfc


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, refusing (HTTP 429, nothing sent) beyond the limits of throttling.py."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if password_reset_request_allowed(email=email, ip_address=get_client_ip_address(self.request)):
            return super().form_valid(form)
        form.add_error(
            None,
            _(
                "Too many password reset requests for this address or from your network. No e-mail was "
                "sent: wait an hour and try again, or ask your organisation's administrator."
            ),
        )
        return self.render_to_response(self.get_context_data(form=form), status=429)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("What the token is for"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("For example: the province's reporting spreadsheet."),
    )

    def clean_name(self):
        return nfc(self.cleaned_data["name"]).strip()


@require_http_methods(["GET", "POST"])
@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The user's own tokens for the REST API: make one (shown once, never again), or revoke one."""
    form, new_token = ApiTokenForm(request.POST or None), None
    if request.method == "POST" and form.is_valid():
        _row, new_token = api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    context = {"form": form, "tokens": api_tokens_of(request.user), "new_token": new_token}
    return render(request, "accounts/api_tokens.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def api_token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    api_token_revoke(token=access_api_token(user=request.user, token_id=token_id), by=request.user)
    return redirect("accounts:api-tokens")
