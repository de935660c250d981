from wagtail.models import Locale

import pytest

from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from cohorts.models import CohortPage, ProgrammePage

pytestmark = pytest.mark.django_db


def test_pages_render_in_three_languages(client, programme, cohort):
    for code in ("fr", "es"):
        locale = Locale.objects.get(language_code=code)
        translated_programme = programme.copy_for_translation(locale, copy_parents=True)
        translated_programme.save_revision().publish()
        translated = cohort.copy_for_translation(locale)
        translated.save_revision().publish()
    for page in list(ProgrammePage.objects.live()) + list(CohortPage.objects.live()):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    html = client.get(CohortPage.objects.get(locale__language_code="fr").url).content.decode()
    assert '<html lang="fr">' in html


def test_factories_build_live_pages(home):
    programme = ProgrammePageFactory(parent=home)
    cohort = CohortPageFactory(parent=programme)
    assert programme.live and cohort.live
    assert cohort.programme == programme
    assert cohort.is_open()


def test_alumni_route_and_empty_states(client, programme):
    html = client.get(programme.url).content.decode()
    assert "There are no cohorts yet" in html
    response = client.get(programme.url + "alumni/")
    assert response.status_code == 200
    assert "No alumni match" in response.content.decode()


def test_programme_index_query_count_is_bounded(
    client, home, programme, django_assert_max_num_queries
):
    from home.factories import ThemeFactory

    theme = ThemeFactory()
    for _ in range(2):
        CohortPageFactory(parent=programme, theme=theme)
    with django_assert_max_num_queries(40) as small:
        assert client.get(programme.url).status_code == 200
    for _ in range(8):
        CohortPageFactory(parent=programme, theme=ThemeFactory())
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(programme.url)


def test_editors_can_open_the_page_editors(client, staff, programme, cohort):
    client.force_login(staff)
    for url in [
        f"/admin/pages/{cohort.pk}/edit/",
        f"/admin/pages/{programme.pk}/edit/",
        f"/admin/pages/add/cohorts/cohortpage/{programme.pk}/",
        f"/admin/pages/{programme.pk}/",
        "/admin/snippets/cohorts/partnerorganisation/",
    ]:
        assert client.get(url).status_code == 200, url


def test_admin_application_search(client, cohort, member, submit, staff):
    submit(cohort, member, organisation="Court of Audit")
    client.force_login(staff)
    response = client.get("/admin/cohort-applications/", {"q": "Audit"})
    assert response.status_code == 200
    assert member.name in response.content.decode()


def test_every_cohorts_page_model_has_a_factory():
    from django.apps import apps

    from wagtail.models import Page

    from cohorts import factories

    built = {
        f._meta.model
        for f in vars(factories).values()
        if isinstance(f, type) and hasattr(f, "_meta") and getattr(f._meta, "model", None)
    }
    pages = [m for m in apps.get_app_config("cohorts").get_models() if issubclass(m, Page)]
    assert pages and all(page in built for page in pages)
