from axes.helpers import get_client_ip_address
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from hoptac.accounts.throttling import password_reset_request_allowed


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
