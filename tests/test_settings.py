import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.base import env

ROOT = Path(__file__).parents[1]


def start_with_prod_settings(**variables: str) -> subprocess.CompletedProcess:
    """Run `manage.py check --deploy` in a fresh interpreter with prod settings and only `variables` set."""
    # DJANGO_ALLOW_ASYNC_UNSAFE: the browser tests set it for their own process (tests/browser/conftest.py).
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ = {k: v for k, v in os.environ.items() if k not in unset}
    environ |= {"DJANGO_SETTINGS_MODULE": "config.settings.prod", **variables}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_prod_without_secret_key_fails_at_start_naming_it():
    started = start_with_prod_settings(ALLOWED_HOSTS="hoptac.example.vn")
    assert started.returncode != 0
    assert "ImproperlyConfigured: Set the environment variable SECRET_KEY" in started.stderr


def test_prod_without_allowed_hosts_fails_at_start_naming_it():
    started = start_with_prod_settings(SECRET_KEY=secrets.token_urlsafe(50))
    assert started.returncode != 0
    assert "ImproperlyConfigured: Set the environment variable ALLOWED_HOSTS" in started.stderr


def test_prod_with_its_secrets_passes_the_deploy_check():
    started = start_with_prod_settings(
        SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="hoptac.example.vn"
    )
    assert started.returncode == 0, started.stderr


def test_env_casts_and_defaults(monkeypatch):
    monkeypatch.setenv("HOPTAC_TEST_FLAG", "Yes")
    monkeypatch.setenv("HOPTAC_TEST_HOSTS", " a.vn, b.vn ,,")
    monkeypatch.setenv("HOPTAC_TEST_SIZE", "42")
    monkeypatch.delenv("HOPTAC_TEST_UNSET", raising=False)
    assert env("HOPTAC_TEST_FLAG", cast=bool) is True
    assert env("HOPTAC_TEST_HOSTS", cast=list) == ["a.vn", "b.vn"]
    assert env("HOPTAC_TEST_SIZE", cast=int) == 42
    assert env("HOPTAC_TEST_UNSET", default="x") == "x"


@pytest.mark.parametrize(("name", "cast"), [("HOPTAC_TEST_FLAG", bool), ("HOPTAC_TEST_SIZE", int)])
def test_env_refuses_a_value_it_cannot_cast(monkeypatch, name, cast):
    monkeypatch.setenv(name, "maybe")
    with pytest.raises(ImproperlyConfigured, match=name):
        env(name, cast=cast)


def test_env_without_default_names_the_missing_variable(monkeypatch):
    monkeypatch.delenv("HOPTAC_TEST_UNSET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="HOPTAC_TEST_UNSET"):
        env("HOPTAC_TEST_UNSET")


def test_the_smtp_relay_comes_from_the_environment():
    """Several hosts send mail (docs/deploy.md): each reaches the relay the environment names."""
    probe = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS)"
    )
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "EMAIL_HOST": "mail.lienminhhtx.vn",
        "EMAIL_PORT": "587",
        "EMAIL_HOST_USER": "hoptac",
        "EMAIL_USE_TLS": "true",
    }
    printed = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60
    )
    assert printed.stdout.split() == ["mail.lienminhhtx.vn", "587", "hoptac", "True"], printed.stderr
