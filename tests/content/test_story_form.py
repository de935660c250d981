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


def test_a_chosen_image_is_kept_after_an_error_and_used_on_the_next_try(member_client, stories):  # noqa: F811
    import re

    from .test_member_stories import png

    response = propose(member_client, stories, title="", images=[png("market.png")])
    html = response.content.decode()
    assert "market.png" in html and "Kept from your last try" in html
    tokens = re.findall(r'name="images__pending" value="([^"]+)"', html)
    assert len(tokens) == 1
    assert not StoryPage.objects.exists()

    response = propose(member_client, stories, images=[], images__pending=tokens)
    assert response.status_code == 302
    story = StoryPage.objects.get()
    assert story.listing_image is not None
    assert story.listing_image.file.name.endswith(".png")


def test_single_checkboxes_sit_inside_their_labels(member_client, stories):  # noqa: F811
    html = member_client.get(f"{stories.url}propose/").content.decode()
    assert (
        '<label class="choice" for="id_anonymous"><input type="checkbox" name="anonymous"' in html
    )
    assert '<label class="choice" for="id_agree"><input type="checkbox" name="agree"' in html
