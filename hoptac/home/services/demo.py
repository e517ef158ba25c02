"""The demo: the registry, one user per role, the five seed documents imported through the import
service, a plan of the current month so that the home page has activities to show, and tracking: a
national plan that Bắc Ninh implements, a progress report, the reminder rules and the vice-chair in
charge of the office.

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
from hoptac.orgs.services.organisations import organisation_create, registry_load
from hoptac.plans.models import Activity, Plan, ProgressState
from hoptac.plans.services.authoring import activity_add, activity_assign
from hoptac.plans.services.cascade import plan_implement
from hoptac.plans.services.importing import import_review, sure_decisions, upload_confirm, upload_read
from hoptac.reminders.services.notifications import rules_create_defaults
from hoptac.tracking.models import Supervision
from hoptac.tracking.services.progress import ProgressReport, progress_report

SEEDS = Path(settings.BASE_DIR) / "hoptac" / "documents" / "tests" / "fixtures" / "seeds"
DEMO_PASSWORD = "hoptac-demo"
DEMO_MEMBER = "Hợp tác xã Dịch vụ nông nghiệp Tam Sơn (demo)"
DEMO_MEMBER_TAX_CODE = "2300100016"
# The seeds under the names an office would give them (their own names are checksums), as the plan
# page shows the name of the file uploaded.
SEED_NAMES = {
    "000_0e5e096b7a25b8e8.txt": "KH 14-LMHTX Bac Ninh - ky niem 30 nam Lien minh HTX Viet Nam.txt",
    "001_797fcba4950cf719.txt": "KH 133-LMHTX Hue.txt",
    "002_06325638f0b0109d.txt": "KH 04-LMHTX An Giang - Thang hanh dong vi HTX 2024.txt",
    "003_79c72ee01b11fa83.txt": "KH 344-LMHTX Yen Bai - thi dua Thang hanh dong 2025.txt",
    "004_0771b7f303093da8.txt": "Tin bai Yen Bai - Thang hanh dong vi HTX 2024.txt",
}
# Seed 002 (An Giang's 04/KH-LMHTX) asks its member cooperatives to act: the demo cooperative is one of
# them, and that request is an activity it leads, so that a member's day has work in it.
MEMBERS_PLAN = "04/KH-LMHTX"
MEMBERS_REQUEST = (
    "Các HTX, Liên hiệp HTX và QTDND thành viên xây dựng kế hoạch hưởng ứng Tháng hành động vì Hợp tác "
    "xã năm 2024, cử người tham gia các hoạt động và báo cáo kết quả về Văn phòng Liên minh"
)


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
    documents = [
        (SEED_NAMES.get(path.name, path.name), path.read_bytes()) for path in sorted(SEEDS.glob("*.txt"))
    ]
    documents.append(("ke-hoach-thang-nay.txt", month_plan(today or timezone.localdate()).encode()))
    documents.append(("ke-hoach-toan-quoc.txt", national_plan(today or timezone.localdate()).encode()))
    for name, data in documents:
        plan = _import(name=name, data=data, by=admin)
        (imported if plan else skipped).append(name)
    _tracking()
    _members_request(admin)
    return DemoReport(accounts=accounts, imported=imported, skipped=skipped)


def _tracking() -> None:
    """Bắc Ninh's reminder rules and the office's vice-chair; Bắc Ninh implements the national plan;
    the office reports the first activity of the month done. Each only once."""
    bac_ninh = _alliance("Bắc Ninh")
    office = User.objects.get(username="bacninh.office")
    rules_create_defaults(alliance=bac_ninh, by=None)
    Supervision.objects.get_or_create(
        department=office.organisation, defaults={"vice_chair": User.objects.get(username="bacninh.leader")}
    )
    national = Plan.objects.filter(
        issuer__kind=OrganisationKind.NATIONAL_ALLIANCE, number=NATIONAL_NUMBER
    ).first()
    if national is not None:
        plan_implement(source=national, by=User.objects.get(username="bacninh.staff"))
    first = (
        Activity.objects.filter(plan__issuer=bac_ninh, plan__number="90/KH-LMHTX", assignments__role="lead")
        .order_by("-plan_id", "position")
        .first()
    )
    if first is None or first.progress_version:
        return
    if first.starts_on is not None and first.starts_on <= timezone.localdate():
        report = ProgressReport(
            state=ProgressState.DONE,
            result="Đã tổ chức giao ban với đầy đủ các phòng, đơn vị.",
            completed_on=first.starts_on,
        )
    else:
        report = ProgressReport(
            state=ProgressState.IN_PROGRESS, percent=30, result="Đã gửi giấy mời các phòng, đơn vị."
        )
    progress_report(activity=first, version=0, by=office, report=report)


def _members_request(admin: User) -> None:
    """Seed 002's request to its members, led by the demo cooperative, due by 20/4/2024. Once."""
    plan = Plan.objects.filter(issuer=_alliance("An Giang"), number=MEMBERS_PLAN).first()
    if plan is None or plan.activities.filter(title=MEMBERS_REQUEST).exists():
        return
    activity = activity_add(plan=plan, title=MEMBERS_REQUEST, by=admin)
    activity.time_text, activity.starts_on, activity.ends_on = (
        "Trước ngày 20/4/2024",
        date(2024, 3, 1),
        date(2024, 4, 20),
    )
    activity.save(update_fields=["time_text", "starts_on", "ends_on"])
    member = Organisation.objects.get(tax_code=DEMO_MEMBER_TAX_CODE)
    activity_assign(activity=activity, lead=[member], coordinating=[], by=admin)


def _accounts() -> list[DemoAccount]:
    bac_ninh, an_giang = _alliance("Bắc Ninh"), _alliance("An Giang")
    office = bac_ninh.children.filter(kind=OrganisationKind.DEPARTMENT, key__startswith="van phong").first()
    member = Organisation.objects.filter(tax_code=DEMO_MEMBER_TAX_CODE).first() or organisation_create(
        by=None,
        kind=OrganisationKind.COOPERATIVE,
        name=DEMO_MEMBER,
        parent=an_giang,
        province=an_giang.province,
        tax_code=DEMO_MEMBER_TAX_CODE,
    )
    if member.parent_id != an_giang.pk:  # a demo database made when it was Bắc Ninh's member
        member.parent, member.province = an_giang, an_giang.province
        member.save(update_fields=["parent", "province"])
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


NATIONAL_NUMBER = "15/KH-LMHTXVN"


def national_plan(today: date) -> str:
    """A national plan of this year addressed to the provincial alliances: the national table's."""
    y = today.year
    return f"""LIÊN MINH HỢP TÁC XÃ VIỆT NAM
Số: {NATIONAL_NUMBER}
Hà Nội, ngày 10 tháng 01 năm {y}
KẾ HOẠCH
Tuyên truyền, phổ biến Luật Hợp tác xã năm {y}
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về kinh tế tập thể, hợp tác xã.
II. NỘI DUNG
1. Tổ chức hội nghị phổ biến Luật Hợp tác xã cho cán bộ hợp tác xã
- Thời gian: Quý II/{y}
- Đơn vị chủ trì: Liên minh Hợp tác xã các tỉnh, thành phố
2. Đăng tải tin bài về mô hình hợp tác xã kiểu mới
- Thời gian: Năm {y}
- Đơn vị chủ trì: Liên minh Hợp tác xã các tỉnh, thành phố
III. TỔ CHỨC THỰC HIỆN
Liên minh HTX các tỉnh, thành phố xây dựng kế hoạch triển khai, báo cáo kết quả trước ngày 15/12/{y}.
Nơi nhận:
- Liên minh HTX các tỉnh, thành phố;
- Lưu VT.
TM. BAN THƯỜNG VỤ
CHỦ TỊCH
Nguyễn Văn Quốc
"""
