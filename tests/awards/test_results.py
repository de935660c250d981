"""Publishing results: every language at once, open data, emails, archive, query counts."""

import csv
import io
import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

import pytest

from awards import selectors, services
from awards.errors import AwardError
from awards.factories import AwardIndexPageFactory, AwardProgrammePageFactory
from awards.models import (
    AwardCategory,
    AwardCriterion,
    AwardIndexPage,
    AwardProgrammePage,
    Nomination,
)
from community.factories import StaffFactory, UserFactory
from community.models import User
from community.signals import collect_member_data, member_deleting
from home.demo.seed import translate_page
from home.models import OutboxEmail

from .conftest import nominate, set_phase

pytestmark = pytest.mark.django_db


def translate(programme, index_page, code="fr", title="Prix du gouvernement ouvert 2026"):
    locale = Locale.objects.get(language_code=code)
    if index_page.get_translation_or_none(locale) is None:
        translate_page(index_page, locale, title="Prix")
    page = translate_page(programme, locale, title=title)
    # wagtail-localize would translate the category and criterion names; do it by hand.
    for model in (AwardCategory, AwardCriterion):
        for row in model.objects.filter(page=page):
            row.name = f"[{code}] {row.name}"
            row.save()
    return AwardProgrammePage.objects.get(pk=page.pk)


@pytest.fixture
def decided(programme, index_page):
    staff = StaffFactory()
    winner_nominator = UserFactory(preferred_language="fr")
    winner = nominate(
        programme, winner_nominator, nominee_name="Grace Mwangi", contact_email="grace@example.net"
    )
    mention = nominate(
        programme,
        UserFactory(),
        nominee_name='=HYPERLINK("x")',
        organisation="Civic Lab",
        contact_email="lab@example.net",
    )
    shortlisted = nominate(
        programme, UserFactory(), nominee_name="Ana Souza", organisation="Transparência"
    )
    nominate(programme, UserFactory(), nominee_name="Not chosen", organisation="Nowhere")
    juror = UserFactory(name="Juror Public")
    services.juror_appoint(programme=programme, user=juror, publish_name=True)
    services.juror_appoint(programme=programme, user=UserFactory(name="Juror Private"))
    fr = translate(programme, index_page)
    programme = set_phase(programme, "after")
    services.result_set(
        nomination=winner,
        by=staff,
        award="winner",
        citation={"en": "For opening the budget.", "fr": "Pour avoir ouvert le budget."},
        story_url="https://example.org/story",
    )
    services.result_set(
        nomination=mention, by=staff, award="honourable_mention", citation={"en": "For civic tech."}
    )
    services.result_set(nomination=shortlisted, by=staff, shortlisted=True)
    return {
        "programme": programme,
        "fr": fr,
        "staff": staff,
        "winner": winner,
        "winner_nominator": winner_nominator,
    }


def test_nothing_public_before_publication(client, decided):
    html = client.get(decided["programme"].url).content.decode()
    assert "For opening the budget." not in html
    assert (
        client.get(f"/en/award/programmes/{decided['programme'].pk}/results.json").status_code
        == 404
    )


def test_publish_requires_a_winner(programme):
    staff = StaffFactory()
    nominate(programme, UserFactory())
    with pytest.raises(AwardError) as excinfo:
        services.results_publish(programme=programme, by=staff)
    assert excinfo.value.code == "no_winner"


def test_publish_shows_winners_in_every_language_at_once(client, decided):
    programme, fr, staff = decided["programme"], decided["fr"], decided["staff"]
    client.force_login(staff)
    response = client.post(f"/admin/award-results/{programme.pk}/", {"action": "publish"})
    assert response.status_code == 302
    assert not programme.canonical.round_state().results_published_at  # not confirmed
    response = client.post(
        f"/admin/award-results/{programme.pk}/", {"action": "publish", "confirm": "on"}
    )
    assert response.status_code == 302
    programme.__dict__.pop("_round_cache", None)
    client.logout()
    en_html = client.get(programme.url).content.decode()
    fr_html = client.get(fr.url).content.decode()
    assert fr.url.startswith("/fr/")
    assert "Grace Mwangi" in en_html and "For opening the budget." in en_html
    assert "Grace Mwangi" in fr_html and "Pour avoir ouvert le budget." in fr_html
    assert "[fr] Champions of civic space" in fr_html
    assert "Ana Souza" not in en_html  # the shortlist is on the results page
    # Results page: only the juror who agreed; shortlist shown; contact emails never.
    en_results = client.get(f"/en/award/programmes/{programme.pk}/results/").content.decode()
    fr_results = client.get(f"/fr/award/programmes/{fr.pk}/results/").content.decode()
    assert "Pour avoir ouvert le budget." in fr_results
    assert "Impact" in en_results and "Weight" in en_results
    for html in (en_html, fr_html):
        assert "grace@example.net" not in html
    for html in (en_results, fr_results):
        assert "Juror Public" in html and "Juror Private" not in html
        assert "Ana Souza" in html
        assert "Not chosen" not in html
        assert "grace@example.net" not in html
    # Announcement emails, in each recipient's language, once.
    email = OutboxEmail.objects.get(
        to=decided["winner_nominator"].email, reason="awards.results_published"
    )
    assert email.language == "fr"
    assert (
        OutboxEmail.objects.filter(
            to="grace@example.net", reason="awards.results_published"
        ).count()
        == 1
    )
    with pytest.raises(AwardError) as excinfo:
        services.results_publish(programme=programme, by=staff)
    assert excinfo.value.code == "published"


def test_open_data_csv_and_json(client, decided):
    programme, staff = decided["programme"], decided["staff"]
    services.results_publish(programme=programme, by=staff)
    response = client.get(f"/en/award/programmes/{programme.pk}/results.csv")
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")  # BOM first
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [r["result"] for r in rows[:3]] == ["winner", "shortlisted", "shortlisted"] or len(
        rows
    ) == 3
    by_name = {r["nominee"]: r for r in rows}
    assert by_name["Grace Mwangi"]["result"] == "winner"
    assert by_name["Grace Mwangi"]["story_url"] == "https://example.org/story"
    assert '\'=HYPERLINK("x")' in by_name  # neutralised formula
    assert "Not chosen" not in by_name
    assert "grace@example.net" not in body
    data = json.loads(client.get(f"/fr/award/programmes/{decided['fr'].pk}/results.json").content)
    assert data["language"] == "fr"
    grace = next(r for r in data["results"] if r["nominee"] == "Grace Mwangi")
    assert grace["citation"] == "Pour avoir ouvert le budget."
    assert grace["category"].startswith("[fr]")
    assert all("contact" not in key for row in data["results"] for key in row)


def test_declined_nominations_never_appear(client, decided):
    winner = decided["winner"]
    Nomination.objects.filter(pk=winner.pk).update(status="declined")
    nominate(set_phase(decided["programme"], "nominations"), UserFactory(), nominee_name="Backup")
    programme = set_phase(decided["programme"], "after")
    backup = Nomination.objects.get(nominee_name="Backup")
    services.result_set(nomination=backup, by=decided["staff"], award="winner")
    services.results_publish(programme=programme, by=decided["staff"])
    assert "Grace Mwangi" not in client.get(programme.url).content.decode()


def test_index_lists_current_first_and_archives_past_winners(client, decided, index_page):
    services.results_publish(programme=decided["programme"], by=decided["staff"])
    current = AwardProgrammePageFactory(parent=index_page, title="Awards 2027", slug="awards-2027")
    html = client.get(index_page.url).content.decode()
    assert html.index("Awards 2027") < html.index("Past winners")
    assert html.index("Past winners") < html.index("Grace Mwangi")
    assert current.pk


def test_results_desk_queries_are_bounded(client, programme, django_assert_max_num_queries):
    staff = StaffFactory()
    juror = UserFactory()
    role = services.juror_appoint(programme=programme, user=juror)
    category = programme.categories.first()
    services.juror_assign(role=role, category=category)

    def grow(n):
        live = set_phase(programme, "nominations")
        for i in range(n):
            nominate(live, UserFactory(), nominee_name=f"Person {Nomination.objects.count()}-{i}")
        judging = set_phase(programme, "judging")
        for nomination in Nomination.objects.filter(status="submitted"):
            services.scores_submit(
                juror=juror,
                nomination=nomination,
                values={c.pk: (5, "") for c in judging.localized_criteria()},
            )

    counts = []
    for n in (2, 12):
        grow(n)
        with CaptureQueriesContext(connection) as ctx:
            selectors.category_results(AwardProgrammePage.objects.get(pk=programme.pk))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    client.force_login(staff)
    with django_assert_max_num_queries(40):
        assert client.get(f"/admin/award-results/{programme.pk}/").status_code == 200


def test_juror_dashboard_shows_progress(client, programme):
    juror = UserFactory()
    role = services.juror_appoint(programme=programme, user=juror)
    services.juror_assign(role=role, category=programme.categories.first())
    first = nominate(programme, UserFactory(), nominee_name="First")
    nominate(programme, UserFactory(), nominee_name="Second")
    judging = set_phase(programme, "judging")
    services.scores_submit(
        juror=juror,
        nomination=Nomination.objects.get(pk=first.pk),
        values={c.pk: (5, "") for c in judging.localized_criteria()},
    )
    client.force_login(juror)
    html = client.get("/en/award/jury/").content.decode()
    assert "1 of 2 scored" in html  # per round, as jurors count it (issue 17)


def test_scores_lock_at_the_judging_deadline(client, programme):
    juror = UserFactory()
    role = services.juror_appoint(programme=programme, user=juror)
    services.juror_assign(role=role, category=programme.categories.first())
    nomination = nominate(programme, UserFactory())
    with pytest.raises(AwardError) as excinfo:  # not yet: nominations still open
        services.scores_submit(juror=juror, nomination=nomination, values={})
    assert excinfo.value.code == "scoring_closed"
    programme = set_phase(programme, "after")
    criterion = programme.localized_criteria()[0]
    client.force_login(juror)
    response = client.post(
        f"/en/award/jury/nominations/{nomination.pk}/", {f"score_{criterion.pk}": "5"}
    )
    assert response.status_code == 403
    assert not nomination.scores.exists()


def test_member_deletion_keeps_nominations_anonymously(programme):
    nominator = UserFactory()
    nominee = UserFactory()
    nomination = nominate(programme, nominator, nominee_user=nominee, contact_email=nominee.email)
    member_deleting.send(sender=User, user=nominator)
    nominator.delete()
    nomination.refresh_from_db()
    assert nomination.nominator is None and nomination.status == "submitted"
    member_deleting.send(sender=User, user=nominee)
    nominee.delete()
    nomination.refresh_from_db()
    assert nomination.nominee_user is None
    assert nomination.contact_email == ""
    assert nomination.nominee_name == "Former member"


def test_member_data_download_includes_nominations(programme):
    nominator = UserFactory()
    nominate(programme, nominator)
    sections = dict(r for _f, r in collect_member_data.send(sender=User, user=nominator))
    data = sections["awards"]
    assert data["nominations_made"][0]["nominee_name"] == "Grace Mwangi"
    json.dumps(data)


def test_every_page_model_has_a_factory():
    assert AwardIndexPageFactory._meta.model is AwardIndexPage
    assert AwardProgrammePageFactory._meta.model is AwardProgrammePage


def test_page_renders_timeline_in_programme_timezone(client, programme):
    html = client.get(programme.url).content.decode()
    assert re.search(r"Paris time \(UTC\+[12]\)</time>", html)
    assert 'aria-current="step"' in html
    assert "Nominate someone" in html


def test_co_nominators_do_not_see_the_contact_email(client, programme):
    a, b = UserFactory(), UserFactory()
    first = nominate(programme, a, contact_email="private@example.net")
    second = nominate(programme, b)
    services.nomination_merge(primary=first, duplicate=second, by=StaffFactory())
    client.force_login(b)
    html = client.get(f"/en/award/nominations/{first.pk}/").content.decode()
    assert "Grace Mwangi" in html and "private@example.net" not in html


def _grow_published(programme, index_page, n):
    staff = StaffFactory()
    live = set_phase(programme, "nominations")
    made = [
        nominate(live, UserFactory(), nominee_name=f"Nominee {Nomination.objects.count()}")
        for _ in range(n)
    ]
    set_phase(programme, "after")
    for nomination in made:
        services.result_set(
            nomination=nomination, by=staff, award="winner", citation={"en": "Well done."}
        )
    return staff


def test_public_pages_cost_the_same_queries_at_two_sizes(client, programme, index_page):
    staff = _grow_published(programme, index_page, 2)
    services.results_publish(programme=programme, by=staff)
    counts = {}
    for size in ("small", "large"):
        if size == "large":
            _grow_published(programme, index_page, 10)
        for url in (
            programme.url,
            index_page.url,
            f"/en/award/programmes/{programme.pk}/results/",
            f"/en/award/programmes/{programme.pk}/results.json",
        ):
            client.get(url)  # warm up
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            counts.setdefault(url, []).append(len(ctx.captured_queries))
    for url, (small, large) in counts.items():
        assert small == large, (url, small, large)


def test_jury_and_member_lists_cost_the_same_queries_at_two_sizes(client, programme):
    juror = UserFactory()
    role = services.juror_appoint(programme=programme, user=juror)
    services.juror_assign(role=role, category=programme.categories.first())
    member = UserFactory()
    counts = {"/en/award/jury/": [], "/en/award/nominations/": []}
    for size in (2, 12):
        live = set_phase(programme, "nominations")
        for _ in range(size - Nomination.objects.count()):
            nominate(live, member, nominee_name=f"Nominee {Nomination.objects.count()}")
        set_phase(programme, "judging")
        for url, user in (("/en/award/jury/", juror), ("/en/award/nominations/", member)):
            client.force_login(user)
            client.get(url)  # warm up: session and locale lookups
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            counts[url].append(len(ctx.captured_queries))
    for url, (small, large) in counts.items():
        assert small == large, (url, small, large)


@pytest.mark.parametrize(
    ("code", "action"), [("fr", "Proposer une personne"), ("es", "Nominar a alguien")]
)
def test_programme_page_speaks_the_readers_language(client, programme, index_page, code, action):
    page = translate(programme, index_page, code=code, title=f"Edition {code}")
    html = client.get(page.url).content.decode()
    assert f'<html lang="{code}">' in html
    assert action in html
    assert f"[{code}] Champions of civic space" in html
    client.force_login(UserFactory())
    form = client.get(f"/{code}/award/programmes/{page.pk}/nominate/").content.decode()
    assert f"[{code}] Champions of civic space" in form


def test_translations_follow_the_canonical_timeline(client, programme, index_page):
    fr = translate(programme, index_page)
    # The translation still holds the old dates until re-synced; the English edition closes.
    programme = set_phase(programme, "judging")
    fr = AwardProgrammePage.objects.get(pk=fr.pk)
    assert fr.phase() == programme.phase() == "judging"
    client.force_login(UserFactory())
    assert client.get(f"/fr/award/programmes/{fr.pk}/nominate/").status_code == 403


def test_a_translated_edition_costs_a_public_page_budget_at_two_sizes(
    client, programme, index_page
):
    from home.factories import ThemeFactory

    theme = ThemeFactory(name="Civic space")
    french_theme = theme.copy_for_translation(Locale.objects.get(language_code="fr"))
    french_theme.name = "Espace civique"
    french_theme.save()
    AwardCategory.objects.filter(page=programme).update(theme=theme)
    staff = _grow_published(programme, index_page, 2)
    fr = translate(programme, index_page)
    services.results_publish(programme=programme, by=staff)
    urls = (fr.url, f"/fr/award/programmes/{programme.pk}/results/")
    counts = {}
    for size in ("small", "large"):
        if size == "large":
            _grow_published(programme, index_page, 6)
            # Not yet translated: stands for itself in French.
            AwardCategory.objects.create(page=programme, name="Open budgets", theme=theme)
        for url in urls:
            client.get(url)  # warm up
            with CaptureQueriesContext(connection) as ctx:
                html = client.get(url).content.decode()
            assert "[fr] Champions of civic space" in html
            counts.setdefault(url, []).append(len(ctx.captured_queries))
    page = client.get(fr.url).content.decode()
    assert "Espace civique" in page and "Open budgets" in page
    assert "Open budgets" in client.get(urls[1]).content.decode()
    for url, (small, large) in counts.items():
        assert small == large <= 12, (url, small, large)


def test_a_preview_shows_unsaved_categories_even_after_a_memoised_read(programme, index_page):
    from home.request_memo import _MEMO

    fr = translate(programme, index_page)
    token = _MEMO.set({})
    try:
        assert fr.localized_categories()  # the saved rows, memoised for this request
        draft = AwardProgrammePage.objects.get(pk=fr.pk)
        draft.categories = [AwardCategory(name="Brouillon seulement", locale=fr.locale)]
        assert [c.name for c in draft.localized_categories()] == ["Brouillon seulement"]
        labels, _criteria = draft.label_maps()
        canonical = [c.pk for c in programme.localized_categories()]
        assert list(labels) == canonical  # untranslated in the draft: they stand for themselves
    finally:
        _MEMO.reset(token)
