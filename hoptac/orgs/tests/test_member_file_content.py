"""A member list is read by its bytes: a web page or a PDF named .csv is refused with what it holds."""

import pytest
from django.utils import translation

from hoptac.orgs.models import Organisation
from hoptac.orgs.tests.test_members import run

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"<!doctype html><table><tr><td>HTX A</td><td>0100100079</td></tr></table>", "trang web (HTML)"),
        (b"%PDF-1.4\n1 0 obj", "tài liệu PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "ảnh PNG"),
    ],
)
def test_a_file_that_is_not_a_list_is_refused_by_its_content(registry, data, found):
    before = Organisation.objects.count()
    with translation.override("vi"):
        report = run(data, file_name="thanh-vien.csv")
    assert len(report.errors) == 1
    assert report.errors[0].startswith("thanh-vien.csv không phải sổ tính Excel cũng không phải tệp CSV")
    assert found in report.errors[0]
    assert Organisation.objects.count() == before


def test_a_web_page_named_xlsx_is_refused(registry):
    with translation.override("vi"):
        report = run(b"<!doctype html><table><tr><td>HTX A</td></tr></table>", file_name="thanh-vien.xlsx")
    assert len(report.errors) == 1
    assert "thanh-vien.xlsx" in report.errors[0]
