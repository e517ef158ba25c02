"""Who among the alliance's leadership is in charge of each department: the second step of its
department's cost estimates (cost_estimates.py). Set by the alliance's administrator."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from hoptac.accounts.models import User, UserRole
from hoptac.orgs.models import Organisation, OrganisationKind
from hoptac.tracking.errors import TrackingError
from hoptac.tracking.models import Supervision


def can_assign_supervision(user: User, alliance: Organisation) -> bool:
    if user.is_system_admin:
        return True
    return (
        user.role == UserRole.ALLIANCE_ADMIN and user.acts_for is not None and user.acts_for.pk == alliance.pk
    )


def supervision_rows(alliance: Organisation) -> tuple[list[Organisation], list[User]]:
    """The alliance's departments, each with `vice_chair` (or None), and its leadership to choose from:
    three queries."""
    departments = list(
        Organisation.objects.filter(
            parent=alliance, kind=OrganisationKind.DEPARTMENT, valid_until__isnull=True
        )
        .select_related("supervision__vice_chair")
        .order_by("name")
    )
    for department in departments:
        supervision = getattr(department, "supervision", None)
        department.vice_chair = supervision.vice_chair if supervision else None
    leaders = list(
        User.objects.filter(organisation=alliance, role=UserRole.LEADERSHIP, is_active=True).order_by(
            "last_name", "first_name", "username"
        )
    )
    return departments, leaders


@transaction.atomic
def supervision_set(*, department: Organisation, vice_chair: User | None, by: User) -> None:
    """Put `vice_chair` in charge of `department` (None: nobody)."""
    alliance = department.parent
    if department.kind != OrganisationKind.DEPARTMENT or alliance is None:
        raise TrackingError(_("Only a department has a vice-chair in charge."))
    if not can_assign_supervision(by, alliance):
        raise PermissionDenied
    if vice_chair is None:
        Supervision.objects.filter(department=department).delete()
        return
    if vice_chair.role != UserRole.LEADERSHIP or vice_chair.organisation_id != alliance.pk:
        raise TrackingError(_("The vice-chair in charge is one of the alliance's leadership."))
    Supervision.objects.update_or_create(department=department, defaults={"vice_chair": vice_chair})
