"""The demo: the registry, one user per role, the five seed documents imported through the import
service, and a plan of the current month so that the home page has activities to show.

Safe to run again: users are updated, documents already imported are skipped (same checksum).
"""

import calendar
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hoptac.accounts.models import User, UserRole
from hoptac.orgs.models import Organisation, OrganisationKind
from hoptac.orgs.services import organisation_create, registry_load
from hoptac.plans.importing import import_review, sure_decisions, upload_confirm, upload_read
from hoptac.plans.models import Plan

SEEDS = Path(settings.BASE_DIR) / "hoptac" / "documents" / "tests" / "fixtures" / "seeds"
DEMO_PASSWORD = "hoptac-demo"
DEMO_MEMBER = "Hợp tác xã Dịch vụ nông nghiệp Tam Sơn (demo)"
DEMO_MEMBER_TAX_CODE = "2300100016"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    organisation: Organisation | None


@dataclass(frozen=True)
class DemoReport:
    accounts: list[DemoAccount]
    imported: list[str]
    skipped: list[str]


def demo_setup(*, today: date | None = None) -> DemoReport:
    registry_load()
    with transaction.atomic():
        accounts = _accounts()
    admin = User.objects.get(username="admin")
    imported, skipped = [], []
    documents = [(path.name, path.read_bytes()) for path in sorted(SEEDS.glob("*.txt"))]
    documents.append(("ke-hoach-thang-nay.txt", month_plan(today or timezone.localdate()).encode()))
    for name, data in documents:
        plan = _import(name=name, data=data, by=admin)
        (imported if plan else skipped).append(name)
    return DemoReport(accounts=accounts, imported=imported, skipped=skipped)


def _accounts() -> list[DemoAccount]:
    bac_ninh = _alliance("Bắc Ninh")
    office = bac_ninh.children.filter(kind=OrganisationKind.DEPARTMENT, key__startswith="van phong").first()
    member = Organisation.objects.filter(tax_code=DEMO_MEMBER_TAX_CODE).first() or organisation_create(
        kind=OrganisationKind.COOPERATIVE,
        name=DEMO_MEMBER,
        parent=bac_ninh,
        province=bac_ninh.province,
        tax_code=DEMO_MEMBER_TAX_CODE,
    )
    national = Organisation.objects.get(kind=OrganisationKind.NATIONAL_ALLIANCE, valid_until__isnull=True)
    wanted = [
        DemoAccount("admin", UserRole.SYSTEM_ADMIN, None),
        DemoAccount("bacninh.admin", UserRole.ALLIANCE_ADMIN, bac_ninh),
        DemoAccount("bacninh.staff", UserRole.ALLIANCE_STAFF, bac_ninh),
        DemoAccount("bacninh.leader", UserRole.LEADERSHIP, bac_ninh),
        DemoAccount("bacninh.office", UserRole.DEPARTMENT_MEMBER, office),
        DemoAccount("htx.tamson", UserRole.MEMBER_REPRESENTATIVE, member),
        DemoAccount("vca.viewer", UserRole.NATIONAL_VIEWER, national),
    ]
    for account in wanted:
        user, _ = User.objects.get_or_create(username=account.username)
        user.role, user.organisation = account.role, account.organisation
        user.is_staff = user.is_superuser = account.role == UserRole.SYSTEM_ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
    return wanted


def _alliance(province: str) -> Organisation:
    return Organisation.objects.select_related("province").get(
        kind=OrganisationKind.PROVINCIAL_ALLIANCE, province__name=province, valid_until__isnull=True
    )


def _import(*, name: str, data: bytes, by: User) -> Plan | None:
    """Import one document for its own issuer, taking only the sure resolutions. None if already in."""
    upload = upload_read(by=by, data=data, name=name)
    review = import_review(upload=upload)
    issuer = review.issuer.organisation
    if issuer is not None and issuer != upload.organisation:
        upload.organisation = issuer  # "Văn phòng" in the document is the issuer's own office
        upload.save(update_fields=["organisation"])
        review = import_review(upload=upload)
    if review.duplicate is not None:
        upload.delete()
        return None
    return upload_confirm(
        upload=upload, issuer=issuer or upload.organisation, decisions=sure_decisions(review), by=by
    )


def month_plan(today: date) -> str:
    """A small plan of the Bắc Ninh alliance whose activities fall in the current month."""
    last = calendar.monthrange(today.year, today.month)[1]
    m, y = today.month, today.year
    return f"""UBND TỈNH BẮC NINH
LIÊN MINH HTX TỈNH
Số: 90/KH-LMHTX
Bắc Ninh, ngày 01 tháng {m:02d} năm {y}
KẾ HOẠCH
Công tác tháng {m}/{y} của Liên minh HTX tỉnh
I. MỤC ĐÍCH, YÊU CẦU
Triển khai kịp thời các nhiệm vụ trọng tâm trong tháng.
II. NỘI DUNG
1. Hội nghị giao ban tháng với các phòng, đơn vị
- Thời gian: Ngày 05/{m}/{y}
- Đơn vị chủ trì: Văn phòng Liên minh HTX tỉnh
2. Khảo sát tình hình hoạt động của các HTX nông nghiệp
- Thời gian: Từ ngày 10/{m}/{y} đến ngày 20/{m}/{y}
- Đơn vị chủ trì: Phòng tư vấn và phát triển HTX
- Đơn vị phối hợp: Văn phòng Liên minh HTX tỉnh
3. Tổng hợp báo cáo kết quả tháng gửi Liên minh HTX Việt Nam
- Thời gian: trước ngày {last}/{m}/{y}
- Đơn vị chủ trì: Văn phòng Liên minh HTX tỉnh
III. TỔ CHỨC THỰC HIỆN
Các phòng, đơn vị căn cứ kế hoạch triển khai thực hiện.
Nơi nhận:
- LM HTX Việt Nam (b/c);
- Lưu VT.
TM. BAN THƯỜNG VỤ
CHỦ TỊCH
Nguyễn Văn Demo
"""
