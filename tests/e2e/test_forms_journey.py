"""A member writes a story: the title's limit is counted as she types, going past it is
an error that keeps her text, and she previews her formatted story before sending it."""

import pytest
from playwright.sync_api import expect

from community.factories import PASSWORD, UserFactory
from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stories(seeded_site):
    from wagtail.models import Site

    from content.factories import StoryIndexPageFactory

    return StoryIndexPageFactory(parent=Site.objects.get(is_default_site=True).root_page)


def test_a_member_is_told_the_limit_keeps_her_text_and_previews(page, stories):
    from content.models import StoryPage

    member = UserFactory(email="amina@example.org")
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"{stories.url}propose/")

    title = page.locator("#id_title")
    expect(page.locator("#id_title_helptext")).to_contain_text("Up to 120 characters.")
    expect(page.locator("#id_title_count")).to_have_text("120 characters left")
    # With JavaScript the limit is counted, not enforced: a long paste is never cut.
    long_title = "How our council opened its budget to every resident of the city " * 2
    title.fill(long_title)
    expect(page.locator("#id_title_count")).to_have_text(
        f"{len(long_title) - 120} characters too many"
    )
    page.locator("#id_summary").fill("Residents now vote on a tenth of the budget.")
    page.locator("#id_body").fill("We opened **every contract**.\n\n- hearings\n- a register")
    page.get_by_role("button", name="Preview").click()

    # The server refuses the long title and keeps every word of it.
    expect(page.locator(".error-summary")).to_contain_text("at most 120 characters")
    expect(title).to_have_value(long_title)
    assert_accessible(page)

    title.fill("How our council opened its budget")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".story-preview")
    expect(preview.locator("strong")).to_have_text("every contract")
    expect(preview.locator("li")).to_have_count(2)
    assert_accessible(page)
    assert not StoryPage.objects.exists()

    page.get_by_label("I agree that editors may edit my story").check()
    page.get_by_role("button", name="Send my story to the editors").click()
    expect(page.locator(".messages")).to_contain_text("Thank you")
    assert StoryPage.objects.get().title == "How our council opened its budget"


def test_a_chosen_photo_survives_an_error_on_the_profile_form(page, seeded_site, tmp_path):
    import io

    from PIL import Image

    from community.models import Profile

    member = UserFactory(email="kofi@example.org")
    photo = tmp_path / "kofi.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "teal").save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())

    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto("/en/community/profile/")
    page.locator("#id_photo_upload").set_input_files(str(photo))
    page.locator("#id_headline").fill("Open contracting " * 12)  # over the 160 limit
    page.get_by_role("button", name="Save my profile").click()

    expect(page.locator(".error-summary")).to_contain_text("Headline")
    kept = page.locator(".pending-uploads")
    expect(kept).to_contain_text("Kept from your last try")
    expect(kept.get_by_label("kofi.png")).to_be_checked()
    assert_accessible(page)

    page.locator("#id_headline").fill("Open contracting in Ghana")
    page.get_by_role("button", name="Save my profile").click()
    profile = Profile.objects.get(user=member)
    expect(page.locator(".messages")).to_be_visible()
    profile.refresh_from_db()
    assert profile.headline == "Open contracting in Ghana"
    assert profile.photo
