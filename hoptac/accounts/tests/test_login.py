import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from hoptac.accounts.models import User, UserRole

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-dung-1"


@pytest.fixture
def officer(db):
    return User.objects.create_user(
        "bn.staff", email="lan@example.vn", password=PASSWORD, role=UserRole.ALLIANCE_STAFF
    )


def log_in(client, password):
    return client.post(reverse("accounts:login"), {"username": "bn.staff", "password": password})


def test_login_and_logout(client, officer):
    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("plans:list")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("plans:list")).status_code == 302


def test_a_wrong_password_says_so_in_vietnamese(client, officer):
    response = log_in(client, "sai")
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_logins_are_throttled_after_repeated_failures(client, officer):
    for _ in range(2):
        assert log_in(client, "sai").status_code == 200
    locked = log_in(client, "sai")
    assert locked.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in locked.content.decode()
    assert log_in(client, PASSWORD).status_code == 429  # even the right password waits out the lock


def test_password_reset_by_email(client, officer):
    response = client.post(reverse("accounts:password_reset"), {"email": "lan@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert "Chọn mật khẩu mới" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "mot-mat-khau-moi-9", "new_password2": "mot-mat-khau-moi-9"},
    )
    assert done.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("mot-mat-khau-moi-9")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, officer):
    response = client.post(reverse("accounts:password_reset"), {"email": "ai@example.vn"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_interface_switches_to_english(client, officer):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log in" in client.get(reverse("accounts:login")).content.decode()


def test_a_changed_password_or_role_is_seen_at_once_despite_the_cache(client, officer):
    assert log_in(client, PASSWORD).status_code == 302
    assert client.get(reverse("plans:import")).status_code == 403  # no organisation: cannot import
    assert client.get(reverse("plans:import")).status_code == 403  # the user now comes from the cache
    officer.role = UserRole.SYSTEM_ADMIN
    officer.save()
    assert client.get(reverse("plans:import")).status_code == 200
    officer.set_password("mot-mat-khau-khac-7")
    officer.save()
    response = client.get(reverse("plans:list"))
    assert response.status_code == 302  # the old session no longer matches the password
    assert response["Location"].startswith(reverse("accounts:login"))
