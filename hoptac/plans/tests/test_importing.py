from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hoptac.orgs.models import Alias, Organisation, OrganisationKind
from hoptac.plans.errors import DuplicatePlan, ImportNotReady, UnreadableDocument
from hoptac.plans.models import Activity, Assignment, AssignmentRole, Plan, Upload
from hoptac.plans.services.importing import (
    UnitDecision,
    checksum_of,
    import_review,
    sure_decisions,
    upload_confirm,
    upload_read,
)
from hoptac.plans.tests.conftest import SEED_000

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[2] / "documents" / "tests" / "fixtures" / "seeds"


def seed_bytes(name=SEED_000) -> bytes:
    return (SEEDS / name).read_bytes()


def import_seed(user, data=None, name=SEED_000):
    upload = upload_read(by=user, data=data or seed_bytes(name), name=name)
    review = import_review(upload=upload)
    return upload_confirm(
        upload=upload,
        issuer=review.issuer.organisation or upload.organisation,
        decisions=sure_decisions(review),
        by=user,
    )


def test_seed_000_becomes_a_plan_with_its_activity_tree(world):
    plan = import_seed(world["users"]["staff"])
    # Read off the document: "Số: 14/KH-LMHTX", "Bắc Ninh, ngày 16 tháng 01 năm 2023", six items
    # under II, the third with three sub-items (văn nghệ, thể thao, hội thi).
    assert (plan.number, plan.sequence, plan.type_code, plan.year) == ("14/KH-LMHTX", 14, "KH", 2023)
    assert plan.issued_on == date(2023, 1, 16)
    assert plan.issuer == world["ours"]
    assert plan.checksum
    assert plan.source_text.startswith(seed_bytes().decode("utf-8-sig").splitlines()[0].strip())
    top = list(plan.activities.filter(parent=None).order_by("position"))
    assert len(top) == 6
    assert next(a.title for a in top[2].children.order_by("position")).startswith("Hội diễn văn nghệ")
    assert plan.activities.count() == 9
    # "Phòng tư vấn và phát triển HTX" leads the contest of consultants: a registered department.
    contest = plan.activities.get(title__startswith="Hội thi cán bộ tư vấn")
    lead = contest.assignments.get(role=AssignmentRole.LEAD)
    assert lead.organisation == world["advice"]
    assert lead.name_as_written == "Phòng tư vấn và phát triển HTX"
    assert Upload.objects.get().state == Upload.State.SAVED


def test_the_same_file_twice_is_caught_before_saving(world):
    staff = world["users"]["staff"]
    first = import_seed(staff)
    upload = upload_read(by=staff, data=seed_bytes(), name="again.txt")
    review = import_review(upload=upload)
    assert review.duplicate == first
    with pytest.raises(DuplicatePlan, match="14/KH-LMHTX"):
        upload_confirm(upload=upload, issuer=world["ours"], decisions=sure_decisions(review), by=staff)
    assert Plan.objects.count() == 1


def test_same_issuer_number_and_date_in_another_file_is_a_duplicate(world):
    staff = world["users"]["staff"]
    import_seed(staff)
    changed = seed_bytes() + "\nBản sao gửi kèm.\n".encode()
    upload = upload_read(by=staff, data=changed, name="copy.txt")
    assert import_review(upload=upload).duplicate is not None
    with pytest.raises(DuplicatePlan):
        upload_confirm(upload=upload, issuer=world["ours"], decisions={}, by=staff)


def test_an_unreadable_file_saves_nothing(world):
    with pytest.raises(UnreadableDocument, match=r"kh\.docx"):
        upload_read(by=world["users"]["staff"], data=b"PK\x03\x04 not really a zip", name="kh.docx")
    assert Upload.objects.count() == 0
    assert Plan.objects.count() == 0


@pytest.mark.parametrize("role", ["member", "viewer", "office", "leader"])
def test_only_alliance_staff_import(world, role):
    with pytest.raises(PermissionDenied):
        upload_read(by=world["users"][role], data=seed_bytes(), name=SEED_000)


def test_a_new_unit_is_created_and_assigned(world):
    staff = world["users"]["staff"]
    upload = upload_read(by=staff, data=seed_bytes(), name=SEED_000)
    review = import_review(upload=upload)
    decisions = sure_decisions(review) | {
        "Báo Bắc Ninh": UnitDecision(create_kind=OrganisationKind.OUTSIDE_BODY)
    }
    plan = upload_confirm(upload=upload, issuer=world["ours"], decisions=decisions, by=staff)
    paper = Organisation.objects.get(name="Báo Bắc Ninh")
    assert paper.kind == OrganisationKind.OUTSIDE_BODY
    assert paper.parent == world["ours"]
    assert Assignment.objects.filter(
        activity__plan=plan, organisation=paper, role=AssignmentRole.COORDINATING
    ).exists()


def test_a_name_remembered_as_alias_resolves_next_time(world):
    staff = world["users"]["staff"]
    upload = upload_read(by=staff, data=seed_bytes(), name=SEED_000)
    review = import_review(upload=upload)
    name = "Phòng kế hoạch và xúc tiến thương mại"
    assert review.units[name].confidence < 0.9
    decisions = sure_decisions(review) | {name: UnitDecision(organisation=world["office"], add_alias=True)}
    upload_confirm(upload=upload, issuer=world["ours"], decisions=decisions, by=staff)
    assert Alias.objects.filter(organisation=world["office"], name=name).exists()
    again = import_review(upload=upload_read(by=staff, data=seed_bytes() + b"\n", name="b.txt"))
    assert again.units[name].organisation == world["office"]
    assert again.units[name].confidence == 1.0


def test_a_refused_decision_leaves_nothing_half_saved(world):
    staff = world["users"]["staff"]
    upload = upload_read(by=staff, data=seed_bytes(), name=SEED_000)
    review = import_review(upload=upload)
    decisions = sure_decisions(review) | {
        "Báo Bắc Ninh": UnitDecision(create_kind=OrganisationKind.OUTSIDE_BODY),
        "Cổng thông tin điện tử tỉnh": UnitDecision(create_kind="no-such-kind"),
    }
    before = Organisation.objects.count()
    with pytest.raises(ImportNotReady):
        upload_confirm(upload=upload, issuer=world["ours"], decisions=decisions, by=staff)
    assert Organisation.objects.count() == before
    assert Plan.objects.count() == 0
    assert Activity.objects.count() == 0
    assert Upload.objects.get().state == Upload.State.READ


def test_pasted_text_is_imported_in_nfc(world):
    staff = world["users"]["staff"]
    decomposed = "Số: 7/KH-LMHTX\nKẾ HOẠCH\nNâng cao hiệu quả hoạt động\n".replace("ệ", "e\u0323\u0302")
    upload = upload_read(by=staff, text=decomposed)
    assert "e\u0323\u0302" not in upload.text
    assert "ệ" in upload.text


def test_a_basis_is_linked_to_the_plan_it_names_when_that_plan_is_in(world):
    national = Plan.objects.create(
        issuer=world["national"],
        number="70/KH-BTVLMHTXVN",
        sequence=70,
        type_code="KH",
        year=2024,
        issued_on=date(2024, 2, 7),
        title="Tháng hành động vì HTX năm 2024",
    )
    an_giang_staff = world["users"]["other_staff"]
    plan = import_seed(an_giang_staff, name="002_06325638f0b0109d.txt")
    basis = plan.bases.get()
    assert basis.number == "70/KH-BTVLMHTXVN"
    assert basis.implements == national
    assert list(national.implemented_by.values_list("plan__number", flat=True)) == ["04/KH-LMHTX"]


def test_the_original_file_is_kept_and_served_to_readers_only(client, world):
    plan = import_seed(world["users"]["staff"])
    client.force_login(world["users"]["office"])
    response = client.get(reverse("plans:original", args=[plan.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == seed_bytes()
    assert plan.checksum == checksum_of(seed_bytes())
    client.force_login(world["users"]["other_staff"])
    assert client.get(reverse("plans:original", args=[plan.pk])).status_code == 404
