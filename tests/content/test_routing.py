"""Pages are found in one query whatever their depth (home.routing), and a private
section still keeps visitors out, its restriction read once per request."""

from wagtail.models import PageViewRestriction

import pytest

from content.factories import GuideChapterPageFactory, GuidePageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def _route_queries(rf, url, django_assert_max_num_queries):
    from django.utils import translation

    from home import routing

    language, path = url.strip("/").split("/", 1)
    with translation.override(language):
        routing.route(rf.get(url), path + "/")  # warm the site and locale lookups
        request = rf.get(url)
        request._wagtail_site = routing.Site.find_for_request(request)
        with django_assert_max_num_queries(3) as queries:
            page, _args, _kwargs = routing.route(request, path + "/")
    return page, len(queries.captured_queries)


def test_a_page_is_found_in_the_same_queries_whatever_its_depth(
    rf, tree, django_assert_max_num_queries
):
    guide = GuidePageFactory(parent=tree["resources"], title="Deep guide", slug="deep-guide")
    chapter = GuideChapterPageFactory(parent=guide, title="Chapter one", slug="one")
    shallow = ResourcePageFactory(parent=tree["resources"], title="Shallow", slug="shallow")
    for page in (guide, chapter, shallow):
        page.save_revision().publish()
    found, deep = _route_queries(rf, chapter.url, django_assert_max_num_queries)
    assert found.pk == chapter.pk and type(found).__name__ == "GuideChapterPage"
    found, near = _route_queries(rf, shallow.url, django_assert_max_num_queries)
    assert found.pk == shallow.pk and type(found).__name__ == "ResourcePage"
    # The rows on the path and the page itself (the locale comes from the shared chrome
    # cache, home.chrome).
    assert deep == near == 2


def test_a_private_section_and_its_pages_send_visitors_to_sign_in(client, tree):
    guide = GuidePageFactory(parent=tree["resources"], title="Members' guide", slug="members")
    chapter = GuideChapterPageFactory(parent=guide, title="Inner chapter", slug="inner")
    for page in (guide, chapter):
        page.save_revision().publish()
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    for url in (guide.url, chapter.url):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
        assert "no-cache" in response.get("Cache-Control", "")
    assert "Inner chapter" not in client.get(tree["resources"].url).content.decode()


def test_a_restriction_added_later_applies_at_once_and_lifting_it_opens_the_page(client, tree):
    guide = GuidePageFactory(parent=tree["resources"], title="Soon private", slug="soon")
    chapter = GuideChapterPageFactory(parent=guide, title="Soon inner", slug="inner")
    for page in (guide, chapter):
        page.save_revision().publish()
    assert client.get(chapter.url).status_code == 200  # the restrictions are now cached
    restriction = PageViewRestriction.objects.create(
        page=guide, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(chapter.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert "Soon private" not in client.get(tree["resources"].url).content.decode()
    restriction.delete()
    assert "Soon inner" in client.get(chapter.url).content.decode()


def test_a_password_restriction_asks_for_the_password(client, tree):
    page = ResourcePageFactory(parent=tree["resources"], title="Board papers", slug="board")
    page.save_revision().publish()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200 and 'name="password"' in html
    assert "no-cache" in response.get("Cache-Control", "")


def test_an_unknown_address_under_a_page_is_not_found(client, tree):
    assert client.get(tree["resources"].url + "no-such-child/").status_code == 404
    assert client.get("/en/no/such/page/").status_code == 404
