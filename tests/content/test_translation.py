from django.conf import settings

import pytest

from content.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def test_an_untranslated_page_is_shown_in_its_source_language_with_a_notice(client, tree):
    StoryPageFactory(parent=tree["stories"], title="Only in English", slug="english-only")
    response = client.get("/fr/stories/english-only/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'lang="en"' in html and "Only in English" in html
    assert "pas encore été traduite" in html or "not been translated" in html
    assert f'rel="canonical" href="{settings.SITE_URL}/en/stories/english-only/"' in html


def test_a_translated_page_under_another_address_redirects(client, tree):
    french = tree["translations"][("story", "fr")]
    french.slug = "histoire-budget"
    french.save_revision().publish()
    response = client.get("/fr/stories/budget-story/")
    assert response.status_code == 302
    assert response["Location"].endswith("/fr/stories/histoire-budget/")


def test_a_page_that_does_not_exist_anywhere_is_still_a_404(client, tree):
    assert client.get("/fr/stories/nothing-here/").status_code == 404
    assert client.get("/en/stories/nothing-here/").status_code == 404


def test_an_unpublished_source_page_is_not_served_through_the_fallback(client, tree):
    StoryPageFactory(parent=tree["stories"], title="Draft", slug="draft-only", live=False)
    assert client.get("/fr/stories/draft-only/").status_code == 404


def test_admin_report_lists_pages_lacking_translations(client, tree, staff):
    StoryPageFactory(parent=tree["stories"], title="Needs translating", slug="needs")
    client.force_login(staff)
    response = client.get("/admin/reports/missing-translations/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Needs translating" in html
    assert "Budget story" not in html
    export = client.get("/admin/reports/missing-translations/", {"export": "csv"})
    assert export.status_code == 200
    assert "fr, es" in b"".join(export.streaming_content).decode()


def test_members_cannot_open_the_report(member_client, tree):
    assert member_client.get("/admin/reports/missing-translations/").status_code in (302, 403)


def test_story_listing_in_the_admin_filters_and_exports_safely(client, tree, staff):
    from content.factories import StoryPageFactory

    StoryPageFactory(parent=tree["stories"], title="=HYPERLINK(1)", slug="formula")
    client.force_login(staff)
    response = client.get("/admin/stories/", {"live": "true"})
    assert response.status_code == 200
    assert "Budget story" in response.content.decode()
    export = client.get("/admin/stories/", {"export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert "'=HYPERLINK(1)" in text and "\n=HYPERLINK" not in text


def test_any_untranslated_page_falls_back_even_without_a_translated_parent(client, tree, site):
    from home.factories import StandardPageFactory

    about = StandardPageFactory(
        parent=site.root_page.specific, title="English only", slug="english-page"
    )
    about.save_revision().publish()
    response = client.get("/es/english-page/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "English only" in html
    assert "aún no está disponible en su idioma" in html
