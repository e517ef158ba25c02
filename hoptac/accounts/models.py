"""People: a user belongs to one organisation and holds one role there."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoptac.orgs.models import Organisation, OrganisationKind


class UserRole(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("system administrator")
    ALLIANCE_ADMIN = "alliance_admin", _("alliance administrator")
    ALLIANCE_STAFF = "alliance_staff", _("alliance staff")
    LEADERSHIP = "leadership", _("leadership")
    DEPARTMENT_MEMBER = "department_member", _("department member")
    MEMBER_REPRESENTATIVE = "member_representative", _("member organisation representative")
    NATIONAL_VIEWER = "national_viewer", _("national viewer")


# Roles that see every plan of every alliance.
SEE_ALL_ROLES = (UserRole.SYSTEM_ADMIN, UserRole.NATIONAL_VIEWER)


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(
        _("role"), max_length=24, choices=UserRole.choices, default=UserRole.ALLIANCE_STAFF
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def acts_for(self) -> Organisation | None:
        """The organisation whose plans this user works on: a department's staff work for its alliance."""
        unit = self.organisation
        if unit is not None and unit.kind in (OrganisationKind.DEPARTMENT, OrganisationKind.LEADERSHIP):
            return unit.parent
        return unit

    @property
    def is_system_admin(self) -> bool:
        return self.role == UserRole.SYSTEM_ADMIN or self.is_superuser

    @property
    def sees_everything(self) -> bool:
        return self.role in SEE_ALL_ROLES or self.is_superuser


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name or f"token {self.pk}"
