"""Password reset requests are limited per address and per client IP; beyond the limit the form says so in
Vietnamese and sends nothing."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from hoptac.accounts.models import User, UserRole

pytestmark = pytest.mark.django_db
REFUSAL = "Có quá nhiều yêu cầu đặt lại mật khẩu"


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def officer(db):
    return User.objects.create_user(
        "bn.staff", email="lan@example.vn", password="mat-khau-1", role=UserRole.ALLIANCE_STAFF
    )


def ask(client, email, ip="203.0.113.7"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_a_sixth_request_for_one_address_within_the_hour_sends_nothing(client, officer):
    for n in range(5):
        assert ask(client, "lan@example.vn", ip=f"203.0.113.{n}").status_code == 302
    assert len(mail.outbox) == 5
    refused = ask(client, "LAN@example.vn", ip="198.51.100.1")  # another network, the address in capitals
    assert refused.status_code == 429
    assert REFUSAL in refused.content.decode()
    assert len(mail.outbox) == 5


def test_one_ip_may_ask_twenty_times_whatever_the_addresses(client, officer):
    for n in range(20):
        assert ask(client, f"nguoi{n}@example.vn").status_code == 302
    refused = ask(client, "lan@example.vn")
    assert refused.status_code == 429
    assert REFUSAL in refused.content.decode()
    assert mail.outbox == []
    assert ask(client, "lan@example.vn", ip="198.51.100.1").status_code == 302  # another network may
    assert len(mail.outbox) == 1


def test_the_limits_open_again_after_the_hour(client, officer, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    for _ in range(5):
        ask(client, "lan@example.vn")
    assert ask(client, "lan@example.vn").status_code == 429
    time_machine.shift(3601)
    assert ask(client, "lan@example.vn").status_code == 302
