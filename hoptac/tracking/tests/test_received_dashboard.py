"""A received document (docs/adr/0020) is tracked on the dashboard of the alliance that holds it."""

import pytest
from django.utils import timezone

from hoptac.plans.models import Plan
from hoptac.plans.tests.test_received import DEPARTMENT_PLAN, import_text
from hoptac.tracking.dashboards import unit_dashboard

pytestmark = pytest.mark.django_db


def test_the_alliances_dashboard_tracks_the_documents_it_received(world):
    staff = world["users"]["staff"]
    received = import_text(staff, DEPARTMENT_PLAN)
    Plan.objects.filter(pk=received.pk).update(status="issued")
    board = unit_dashboard(organisation=world["ours"], user=staff, today=timezone.localdate())
    assert [p.pk for p in board.plans] == [received.pk]
