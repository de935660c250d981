"""Proposing a story keeps what the member typed: stated limits, errors that keep the text."""

import pytest

from content.models import StoryPage

from .test_member_stories import propose, stories  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_the_title_limit_is_stated(member_client, stories):  # noqa: F811
    html = member_client.get(f"{stories.url}propose/").content.decode()
    assert 'maxlength="120"' in html and "Up to 120 characters." in html
    assert "Up to 12,000 characters." in html


def test_an_over_long_title_is_an_error_that_keeps_the_text(member_client, stories):  # noqa: F811
    title = "How our council opened its budget to every resident, " * 3 + "in 2026"
    assert len(title) == 166
    body = "It started with a question.\n\nThen we opened the books."
    response = propose(member_client, stories, title=title, body=body)
    assert response.status_code == 200
    html = response.content.decode()
    assert "at most 120 characters (it has 166)" in html
    assert f'value="{title}"' in html
    assert "Then we opened the books." in html
    assert not StoryPage.objects.exists()
