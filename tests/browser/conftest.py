"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live_server.

`make test` installs Chromium with apt-get when it is missing (`make browser`); where it cannot, these
tests are skipped with the reason. Never `playwright install`: it downloads a browser, which fails here.
"""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

# Sync Playwright runs an asyncio event loop in the main thread from the moment its session-scoped
# fixture starts until the session ends. Django then takes every ORM call in that thread (creating the
# test database, a test's queries, the flush after each live_server test) for one made from async code
# and raises SynchronousOnlyOperation. Nothing here is async, so the check is a false alarm; it is
# switched off for the whole process because the loop outlives the browser tests in their worker.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
# Debian's wrapper, not /usr/lib/chromium/chromium: it adds --disable-dev-shm-usage where /dev/shm is
# small, as in containers. The "[: …: unexpected operator" it may print on stderr comes from that check
# (/etc/chromium.d/dev-shm) and is harmless.
CHROMIUM = shutil.which("chromium") or shutil.which("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # root in a container: Chromium's sandbox cannot start there
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# What fails a page; "moderate" and "minor" findings are for review, not for the build.
AXE_FAILING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(config, items):
    if CHROMIUM is not None:
        return
    skip = pytest.mark.skip(
        reason="Chromium is not installed (no `chromium` on PATH, no /usr/bin/chromium): "
        "`make browser` installs Debian's package, as root with apt reachable"
    )
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A Vietnamese user's browser: the interface language follows Accept-Language (docs/adr/0005), and
    # Chromium's own default, en-US, would get the English interface.
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def artifacts(request) -> Path:
    """test-artifacts/<test name>/ at the repository root, emptied for this run of the test."""
    folder = ROOT / "test-artifacts" / request.node.name.replace("/", "_")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="session")
def axe_check():
    """`axe_check(page)` runs axe-core (bundled, no network) and fails on serious or critical findings.

    Returns the full axe results, so that a test can look at the moderate and minor findings too.
    """
    axe = Axe()

    def check(page):
        __tracebackhide__ = True  # the report names the violations; this frame adds nothing
        results = axe.run(page)
        failing = [v for v in results.response["violations"] if v["impact"] in AXE_FAILING_IMPACTS]
        if failing:
            pytest.fail(f"axe found serious or critical violations on {page.url}:\n{axe_report(failing)}")
        return results

    return check


def axe_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            lines.extend(f"      {check['message']}" for check in node["any"] + node["all"] + node["none"])
    return "\n".join(lines)
