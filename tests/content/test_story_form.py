"""Proposing a story keeps what the member typed: stated limits, errors that keep the text."""

import pytest

from content.models import StoryPage

from .test_member_stories import propose, stories  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(fresh_site):
    """This module builds its own story index: no shared content tree."""
    return fresh_site


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


# --- simple formatting, sanitised, and a preview ----------------------------------------

FORMATTED = (
    "We opened **every contract** and *all* the budget lines.\n\n"
    "- a public register\n- monthly hearings\n\n"
    "1. ask\n2. publish\n\n"
    "Read [our report](https://example.org/report)."
)


def test_a_story_keeps_its_simple_formatting(member_client, stories):  # noqa: F811
    response = propose(member_client, stories, body=FORMATTED, images=[])
    assert response.status_code == 302
    story = StoryPage.objects.get()
    html = "".join(str(block.value) for block in story.body)
    assert "<strong>every contract</strong>" in html and "<em>all</em>" in html
    assert "<ul>" in html and "<li>monthly hearings</li>" in html
    assert "<ol>" in html and "<li>publish</li>" in html
    assert '<a href="https://example.org/report" rel="nofollow ugc">our report</a>' in html
    assert [block.block_type for block in story.body] == ["paragraph"] * 4
    # Once the editorial team publishes it, readers see the same formatting.
    story.get_latest_revision().publish()
    page = member_client.get(story.url).content.decode()
    assert "<strong>every contract</strong>" in page and "<li>monthly hearings</li>" in page
    assert 'rel="nofollow ugc">our report</a>' in page


def test_scripts_styles_and_event_attributes_are_removed(member_client, stories):  # noqa: F811
    body = (
        'Hello <b onclick="steal()">there</b>.\n\n'
        "<script>alert('x')</script>\n\n"
        "<style>body { display: none }</style>\n\n"
        '<p onmouseover="steal()">Hover</p>\n\n'
        '<img src="x" onerror="steal()">\n\n'
        '[click](javascript:alert(1)) and <a href="javascript:alert(2)">this</a>'
    )
    assert propose(member_client, stories, body=body, images=[]).status_code == 302
    html = "".join(str(block.value) for block in StoryPage.objects.get().body)
    for unsafe in ("<script", "alert('x')", "<style", "display: none", "onclick", "onmouseover"):
        assert unsafe not in html
    for unsafe in ("onerror", "<img", 'href="javascript:', "alert(2)"):
        assert unsafe not in html
    assert "there" in html and "Hover" in html


def test_preview_shows_the_formatting_and_saves_nothing(member_client, stories):  # noqa: F811
    response = propose(member_client, stories, body=FORMATTED, images=[], agree="", preview="1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview: your story is not sent yet" in html
    assert "<strong>every contract</strong>" in html
    assert "<li>a public register</li>" in html
    assert 'rel="nofollow ugc">our report</a>' in html
    assert "**every contract**" in html  # the text as typed is still in the form
    assert not StoryPage.objects.exists()


def test_preview_keeps_the_chosen_image(member_client, stories):  # noqa: F811
    import re

    from .test_member_stories import png

    response = propose(member_client, stories, images=[png("square.png")], preview="1")
    html = response.content.decode()
    tokens = re.findall(r'name="images__pending" value="([^"]+)"', html)
    assert len(tokens) == 1 and "square.png" in html
    assert not StoryPage.objects.exists()
    assert propose(member_client, stories, images=[], images__pending=tokens).status_code == 302
    assert StoryPage.objects.get().listing_image is not None


def test_send_comes_before_preview(member_client, stories):  # noqa: F811
    html = member_client.get(f"{stories.url}propose/").content.decode()
    assert html.index("Send my story to the editors") < html.index('name="preview"')
