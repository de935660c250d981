"""Browser journeys: Playwright for Python driving Debian's Chromium, headless.

Each test gets ``page``, a fresh browser context pointed at Django's live server.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM} (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db, settings):
    # Every absolute link (emails, calendar files) is built on SITE_URL: point it at the
    # server the browser talks to, as `make run PORT=...` does.
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def seeded_site(transactional_db):
    """Home's demo content, for journeys that start from the home page."""
    from home.demo.seed import seed

    seed(lambda message: None)


def verified_email_link(to: str) -> str:
    """The email-confirmation link from the last email sent to ``to`` (locmem backend)."""
    import re

    from django.core import mail

    for message in reversed(mail.outbox):
        if to in message.to:
            match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
            if match:
                return match.group(0)
    raise AssertionError(f"No confirmation email for {to}")
