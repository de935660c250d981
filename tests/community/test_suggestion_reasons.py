"""'People you may want to meet': the order, and the reason given for each person."""

import pytest

from community import selectors
from community.factories import make_member
from community.models import Profile, Visibility
from home import circles

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(site):
    from home.models import Theme

    first, second = Theme.objects.filter(locale__language_code="en").order_by("name")[:2]
    return first, second


@pytest.fixture
def viewer(themes):
    return make_member(
        display_name="Viewer Civil",
        sector="civil_society",
        country="KE",
        languages=["en", "fr"],
        themes=list(themes),
    )


@pytest.fixture
def cohort_with(monkeypatch):
    """Pretend the viewer shares a cohort with ``user`` (through ``home.circles``)."""

    def share(*users):
        ids = [u.pk for u in users]
        monkeypatch.setitem(
            circles._CIRCLES,
            "test-cohorts",
            lambda user: Profile.objects.filter(user_id__in=ids).values("user"),
        )

    return share


def test_the_order_and_the_reasons(viewer, themes, cohort_with):
    a, b = themes
    # Names in reverse alphabetical order, so that the order is the ranking's own.
    two_themes = make_member(
        display_name="Zoe Both Themes", sector="national_government", country="KE", themes=[a, b]
    )
    open_to = make_member(
        display_name="Yann Open",
        sector="local_government",
        themes=[a],
        open_to=["mentoring", "speaking"],
    )
    speaks = make_member(
        display_name="Xavier Speaks", sector="parliament", themes=[a], languages=["fr", "ar"]
    )
    cohort = make_member(display_name="Wanda Cohort", sector="judiciary", themes=[a])
    plain = make_member(display_name="Victor Plain", sector="oversight", themes=[a])
    same_family = make_member(
        display_name="Ursula Media", sector="media", themes=[a, b], open_to=["peer_exchange"]
    )
    country_only = make_member(
        display_name="Tariq Country", sector="national_government", country="KE"
    )
    cohort_with(cohort)

    found = selectors.suggestions(viewer, limit=10)
    assert [p.user_id for p in found] == [
        two_themes.pk,  # other family, two themes
        open_to.pk,  # other family, one theme, open to mentoring
        speaks.pk,  # ... speaks a language the viewer speaks
        cohort.pk,  # ... shares a cohort
        plain.pk,
        same_family.pk,  # two themes, but the viewer's own sector family
        country_only.pk,  # no theme in common
    ]
    reasons = {p.user_id: p.suggestion_reason for p in found}
    assert reasons[two_themes.pk] == f"Works on {a.name} and {b.name} in Kenya; government"
    assert reasons[open_to.pk] == f"Works on {a.name}; government; open to mentoring"
    assert reasons[speaks.pk] == f"Works on {a.name}; government; speaks French"
    assert reasons[cohort.pk] == f"Works on {a.name}; government; in one of your cohorts"
    assert reasons[same_family.pk] == (
        f"Works on {a.name} and {b.name}; civil society; open to peer exchange"
    )
    assert reasons[country_only.pk] == "Based in Kenya; government"


def test_the_limit_keeps_the_best(viewer, themes):
    a, b = themes
    for n in range(4):
        make_member(display_name=f"Aaron {n}", sector="media", themes=[a])
    best = make_member(display_name="Zed Best", sector="national_government", themes=[a, b])
    assert [p.user_id for p in selectors.suggestions(viewer, limit=1)] == [best.pk]


def test_a_hidden_location_never_appears_in_a_reason(client, viewer, themes):
    a, _b = themes
    for audience in (Visibility.CONNECTIONS, Visibility.HIDDEN):
        make_member(
            display_name=f"Hidden Place {audience}",
            sector="national_government",
            country="NG",
            city="Abuja",
            themes=[a],
            location_visibility=audience,
        )
    found = selectors.suggestions(viewer)
    assert len(found) == 2
    for profile in found:
        assert profile.suggestion_reason == f"Works on {a.name}; government"
        assert "Nigeria" not in " ".join(profile.suggestion_reasons)
    client.force_login(viewer)
    page = client.get("/en/community/network/").content.decode()
    assert page.count(f"Works on {a.name}; government") == 2
    assert "Nigeria" not in page and "Abuja" not in page


def test_reasons_are_in_the_viewers_language(client, viewer, themes):
    from django.utils import translation

    make_member(
        display_name="Ana Gobierno", sector="national_government", country="KE", themes=[themes[0]]
    )
    client.force_login(viewer)
    page = client.get("/es/community/network/").content.decode()
    with translation.override("es"):
        [profile] = selectors.suggestions(viewer)
    assert profile.suggestion_reason in page
    assert "Kenia" in profile.suggestion_reason or "Kenya" in profile.suggestion_reason


@pytest.mark.parametrize("count", [3, 15])
def test_the_network_page_costs_a_bounded_number_of_queries(
    client, viewer, themes, count, django_assert_max_num_queries
):
    a, b = themes
    for n in range(count):
        make_member(
            display_name=f"Candidate {n}",
            sector="national_government",
            country="KE",
            themes=[a, b] if n % 2 else [a],
            open_to=["mentoring"] if n % 3 else [],
            languages=["fr"],
        )
    client.force_login(viewer)
    with django_assert_max_num_queries(40):
        page = client.get("/en/community/network/").content.decode()
    assert page.count("data-reason") == min(count, 6)
    with django_assert_max_num_queries(14):  # one per registered circle (cohorts, groups)
        found = selectors.suggestions(viewer)
    assert len(found) == min(count, 6)
