"""Calendar feeds: a secret link per person or organisation that calendar applications subscribe to.

Only the SHA-256 of the secret is stored; the link is shown once, when it is made (ADR_DRAFT.md).
What a feed shows is decided when it is read, from what its owner may read then.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoptac.orgs.models import Organisation


class FeedScope(models.TextChoices):
    PERSON = "person", _("my activities")
    ORGANISATION = "organisation", _("an organisation's activities")


class CalendarToken(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
    )
    scope = models.CharField(_("shows"), max_length=12, choices=FeedScope.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last read at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")
        constraints = (
            models.CheckConstraint(
                condition=Q(scope="person", organisation__isnull=True)
                | Q(scope="organisation", organisation__isnull=False),
                name="calendar_token_organisation_iff_organisation_scope",
            ),
        )

    def __str__(self) -> str:
        return self.name or f"calendar {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
