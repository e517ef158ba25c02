"""Received and own documents (docs/adr/0020): what staff import is held by their alliance; a document
another body issued is a received copy, which nobody else reads through it, and whose number squats
nobody's register."""

import pytest
from django.urls import reverse

from hoptac.accounts.services import api_token_create
from hoptac.orgs.models import OrganisationKind
from hoptac.plans.errors import DuplicatePlan
from hoptac.plans.models import Basis, Plan
from hoptac.plans.selectors import can_edit_plan, plans_scope
from hoptac.plans.services.importing import (
    import_review,
    reading_issuer,
    sure_decisions,
    upload_confirm,
    upload_read,
)
from hoptac.plans.tests.test_importing import import_seed

pytestmark = pytest.mark.django_db

DEPARTMENT_PLAN = """UBND TỈNH LÀO CAI
SỞ CÔNG THƯƠNG
Số: 45/KH-SCT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lào Cai, ngày 10 tháng 3 năm 2026

KẾ HOẠCH
Hỗ trợ phát triển kinh tế tập thể năm 2026

I. NỘI DUNG
1. Tổ chức hội nghị tập huấn cho các hợp tác xã. Thời gian: tháng 4 năm 2026.
2. Khảo sát nhu cầu xúc tiến thương mại của các hợp tác xã. Thời gian: quý II năm 2026.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Nguyễn Văn A
"""

AN_GIANG_PLAN = """LIÊN MINH HTX VIỆT NAM
LIÊN MINH HTX TỈNH AN GIANG
Số: 07/KH-LMHTX
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Giang, ngày 05 tháng 02 năm 2026

KẾ HOẠCH
Tuyên truyền Luật Hợp tác xã năm 2026

I. NỘI DUNG
1. Tổ chức hội nghị tuyên truyền Luật Hợp tác xã. Thời gian: tháng 5 năm 2026.

Nơi nhận:
- Các HTX thành viên;
- Lưu: VT.
TM. BAN THƯỜNG VỤ
CHỦ TỊCH
Trần Văn B
"""


def import_text(user, text, *, issuer_choice=None):
    upload = upload_read(by=user, text=text)
    review = import_review(upload=upload)
    issuer, new_name = reading_issuer(review)
    if issuer_choice is not None:
        issuer, new_name = issuer_choice, ""
    return upload_confirm(
        upload=upload, issuer=issuer, decisions=sure_decisions(review), by=user, new_issuer_name=new_name
    )


def test_a_plan_of_a_provincial_department_is_a_received_document_of_ours(world):
    staff = world["users"]["staff"]
    plan = import_text(staff, DEPARTMENT_PLAN)
    # The issuer is the one the document names, registered as an outside body in our province.
    assert plan.issuer.name == "SỞ CÔNG THƯƠNG TỈNH LÀO CAI"
    assert plan.issuer.kind == OrganisationKind.OUTSIDE_BODY
    assert plan.issuer.province == world["ours"].province
    assert plan.held_by == world["ours"]
    assert plan.is_received
    # We read, assign and track it; another alliance does not see it.
    assert can_edit_plan(staff, plan)
    assert plans_scope(staff).filter(pk=plan.pk).exists()
    assert not plans_scope(world["users"]["other_staff"]).filter(pk=plan.pk).exists()


def test_our_own_plan_is_not_received(world):
    plan = import_seed(world["users"]["staff"])
    assert plan.issuer == world["ours"]
    assert plan.held_by == world["ours"]
    assert not plan.is_received


def test_a_plan_in_another_alliances_name_is_our_copy_and_squats_nothing(world):
    """Bắc Ninh's staff import An Giang's plan: a received copy Bắc Ninh holds. An Giang's users do not
    see Bắc Ninh's copy, and An Giang can still save its own plan of that number."""
    other = world["other"]
    copy = import_text(world["users"]["staff"], AN_GIANG_PLAN, issuer_choice=other)
    assert (copy.issuer, copy.held_by, copy.is_received) == (other, world["ours"], True)
    an_giang_staff = world["users"]["other_staff"]
    assert not plans_scope(an_giang_staff).filter(pk=copy.pk).exists()
    assert not can_edit_plan(an_giang_staff, copy)
    # An Giang's members were not addressed by Bắc Ninh's copy either.
    assert not plans_scope(world["users"]["other_member"]).filter(pk=copy.pk).exists()
    own = import_text(an_giang_staff, AN_GIANG_PLAN, issuer_choice=other)
    assert (own.held_by, own.is_received, own.number) == (other, False, "07/KH-LMHTX")
    # The two copies are one document: the later copy links to the first.
    assert own.copy_of == copy
    assert set(plans_scope(an_giang_staff).filter(number="07/KH-LMHTX")) == {own}


def test_the_same_document_twice_in_one_register_is_refused_but_another_register_may_hold_it(world):
    staff = world["users"]["staff"]
    first = import_text(staff, DEPARTMENT_PLAN)
    with pytest.raises(DuplicatePlan):
        import_text(world["users"]["alliance_admin"], DEPARTMENT_PLAN)
    theirs = import_text(world["users"]["other_staff"], DEPARTMENT_PLAN)
    assert theirs.held_by == world["other"]
    assert theirs.copy_of == first
    assert Plan.objects.filter(number="45/KH-SCT").count() == 2


def test_an_alliance_reads_the_national_plan_its_own_plan_implements(world):
    national_plan = Plan.objects.create(
        issuer=world["national"], title="Kế hoạch toàn quốc", number="5/KH-LMHTX"
    )
    assert national_plan.held_by == world["national"]
    staff = world["users"]["staff"]
    assert not plans_scope(staff).filter(pk=national_plan.pk).exists()
    ours = Plan.objects.create(issuer=world["ours"], title="Triển khai kế hoạch toàn quốc")
    Basis.objects.create(plan=ours, text="Kế hoạch số 5/KH-LMHTX", implements=national_plan)
    assert plans_scope(staff).filter(pk=national_plan.pk).exists()
    assert not can_edit_plan(staff, national_plan)
    assert not plans_scope(world["users"]["other_staff"]).filter(pk=national_plan.pk).exists()


def test_a_departments_sub_plan_is_held_by_its_alliance(world):
    plan = Plan.objects.create(issuer=world["advice"], title="Kế hoạch của phòng")
    assert (plan.held_by, plan.is_received) == (world["ours"], False)


def test_the_review_page_defaults_to_the_issuer_the_document_names(client, world):
    staff = world["users"]["staff"]
    client.force_login(staff)
    upload = upload_read(by=staff, text=DEPARTMENT_PLAN)
    page = client.get(reverse("plans:review", args=[upload.pk])).content.decode()
    assert '<option value="new" selected>Đơn vị ngoài mới: SỞ CÔNG THƯƠNG TỈNH LÀO CAI</option>' in page
    assert f'<option value="{world["ours"].pk}" selected>' not in page
    response = client.post(reverse("plans:review", args=[upload.pk]), {"issuer": "new"})
    assert response.status_code == 302
    plan = Plan.objects.get(number="45/KH-SCT")
    assert (plan.issuer.name, plan.held_by, plan.is_received) == (
        "SỞ CÔNG THƯƠNG TỈNH LÀO CAI",
        world["ours"],
        True,
    )


def test_the_api_says_whose_copy_a_plan_is(client, world):
    staff = world["users"]["staff"]
    plan = import_text(staff, DEPARTMENT_PLAN)
    _token, secret = api_token_create(user=staff)
    response = client.get(f"/api/plans/{plan.pk}", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    body = response.json()
    assert body["received"] is True
    assert body["held_by"] == {"id": world["ours"].pk, "name": world["ours"].name}


def test_the_list_and_the_plan_page_say_a_document_is_received(client, world):
    staff = world["users"]["staff"]
    plan = import_text(staff, DEPARTMENT_PLAN)
    own = import_seed(staff)
    client.force_login(staff)
    rows = client.get(reverse("plans:list")).content.decode()
    assert rows.count('<span class="tag">văn bản đến</span>') == 1
    assert f'href="/plans/{plan.pk}/"' in rows
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "<dt>Văn bản đến</dt><dd>lưu tại Liên minh Hợp tác xã tỉnh Bắc Ninh</dd>" in page
    assert "Văn bản đến" not in client.get(reverse("plans:detail", args=[own.pk])).content.decode()
