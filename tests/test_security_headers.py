"""Content-Security-Policy and Permissions-Policy on every response, and templates the policy can keep:
no inline script, no event-handler attribute, no hx-on (it needs eval), no <style> element
(docs/adr/0019). The browser proves the rest: tests/browser/test_content_security_policy.py."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).parents[1]
TEMPLATES = sorted((ROOT / "hoptac").glob("**/templates/**/*.html"))
# What a template may not hold: a <script> without src, on*= handlers, hx-on, a <style> element.
FORBIDDEN = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    "event handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "hx-on": re.compile(r"\b(?:hx|data-hx)-on", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["accounts:login", "home:home", "plans:list", "/healthz", "/no-such-page"])
def test_every_response_carries_the_policies(client, path):
    response = client.get(path if path.startswith("/") else reverse(path))
    # Directives in any order (django-csp writes them from a set): name -> its sources.
    policy = {
        parts[0]: " ".join(parts[1:])
        for parts in (d.split() for d in response["Content-Security-Policy"].split(";"))
        if parts
    }
    assert policy["script-src"] == "'self'"
    assert "'unsafe-eval'" not in " ".join(policy.values())
    assert policy["object-src"] == "'none'"
    assert policy["img-src"] == "'self' data:"
    assert policy["frame-ancestors"] == "'none'"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in response["Permissions-Policy"]


def test_templates_hold_no_inline_script():
    found = [
        f"{path.relative_to(ROOT)}: {kind}"
        for path in TEMPLATES
        for kind, pattern in FORBIDDEN.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert TEMPLATES
    assert not found, "\n".join(found)
