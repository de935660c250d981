"""The jury desk: bulk assignment with every exclusion explained, one entry per
translation group in staff lists, feedback sent once, a readable results table, and
bounded queries up to 1,000 nominations."""

from django.utils import timezone

import pytest

from awards import selectors, services
from awards.models import (
    ConflictOfInterest,
    JudgingRound,
    JurorAssignment,
    JurorRole,
    Nomination,
    Score,
)
from awards.models.rounds import first_round
from community.factories import StaffFactory, UserFactory
from home.models import Notification, OutboxEmail

from .conftest import nominate, set_phase
from .test_results import translate

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------------------
# Bulk assignment
# --------------------------------------------------------------------------------------


@pytest.fixture
def desk(programme):
    staff = StaffFactory()
    clear, same_org, nominator = UserFactory(), UserFactory(), UserFactory()
    same_org.profile.organisation = "Open Budget Kenya"
    same_org.profile.save()
    champions = programme.categories.get(name="Champions of civic space")
    grace = nominate(programme, UserFactory(), category=champions)  # Open Budget Kenya
    lab = nominate(
        programme, nominator, category=champions, nominee_name="Civic Lab", organisation="Civic Lab"
    )
    roles = [
        services.juror_appoint(programme=programme, user=u) for u in (clear, same_org, nominator)
    ]
    return {
        "programme": programme,
        "staff": staff,
        "roles": roles,
        "champions": champions,
        "grace": grace,
        "lab": lab,
        "clear": clear,
        "same_org": same_org,
        "nominator": nominator,
        "round": first_round(programme),
    }


def test_preview_lists_every_creation_and_every_exclusion_with_its_reason(desk):
    plan = services.assignments_plan(
        judging_round=desk["round"],
        roles=desk["roles"],
        categories=[desk["champions"]],
        nominations=[desk["lab"]],
    )
    created = {(r.user_id, c.pk if c else None, n.pk if n else None) for r, c, n in plan.create}
    # Every juror gets the category; the lab's own nominator is not assigned the lab alone.
    assert {(u, c) for u, c, _n in created if c} == {
        (desk[k].pk, desk["champions"].pk) for k in ("clear", "same_org", "nominator")
    }
    assert {(u, n) for u, c, n in created if n} == {
        (desk["clear"].pk, desk["lab"].pk),
        (desk["same_org"].pk, desk["lab"].pk),
    }
    explained = {
        (e.role.user_id, e.nomination.pk, e.whole_assignment): e.reasons for e in plan.exclusions
    }
    assert explained == {
        (desk["same_org"].pk, desk["grace"].pk, False): ["Same organisation"],
        (desk["nominator"].pk, desk["lab"].pk, False): ["The juror nominated them"],
        (desk["nominator"].pk, desk["lab"].pk, True): ["The juror nominated them"],
    }
    assert not JurorAssignment.objects.exists()  # a preview changes nothing


def test_confirm_creates_flags_and_is_idempotent(client, desk):
    client.force_login(desk["staff"])
    url = f"/admin/award-results/{desk['programme'].pk}/assign/"
    data = {
        "judging_round": desk["round"].pk,
        "jurors": [r.pk for r in desk["roles"]],
        "categories": [desk["champions"].pk],
        "nominations": [desk["lab"].pk],
    }
    preview = client.get(url)
    assert preview.status_code == 200
    preview = client.post(url, data)
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "5 assignments will be made" in body and "3 exclusions" in body
    assert "Same organisation" in body and "The juror nominated them" in body
    assert not JurorAssignment.objects.exists()
    response = client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 302
    assert JurorAssignment.objects.count() == 5
    assert not JurorAssignment.objects.filter(
        juror__user=desk["nominator"], nomination=desk["lab"]
    ).exists()
    # The category's conflicted nominations stay closed to those jurors.
    assert ConflictOfInterest.objects.filter(
        juror=desk["same_org"], nomination=desk["grace"], status="flagged"
    ).exists()
    again = client.post(url, data).content.decode()
    assert "0 assignments will be made" in again and "5 assignments already exist" in again
    client.post(url, {**data, "confirm": "1"})
    assert JurorAssignment.objects.count() == 5


def test_a_translated_category_means_the_canonical_one(client, desk, index_page):
    fr = translate(desk["programme"], index_page)
    fr_champions = fr.categories.get(translation_key=desk["champions"].translation_key)
    client.force_login(desk["staff"])
    url = f"/admin/award-results/{fr.pk}/assign/"  # a translation's id: its edition
    response = client.post(
        url,
        {
            "judging_round": desk["round"].pk,
            "jurors": [desk["roles"][0].pk],
            "categories": [fr_champions.pk],
            "confirm": "1",
        },
    )
    assert response.status_code == 302
    assert list(JurorAssignment.objects.values_list("category_id", flat=True)) == [
        desk["champions"].pk
    ]
    page = client.get(url).content.decode()
    assert page.count('name="categories"') == 2  # two categories, not four


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "This field is required."),
        ({"judging_round": "nonsense", "jurors": ["x"]}, "Select a valid choice."),
        (
            {"judging_round": "ROUND", "jurors": ["ROLE"]},
            "Choose at least one category or nomination.",
        ),
        (
            {"judging_round": "999999", "jurors": ["ROLE"], "categories": ["1"]},
            "Select a valid choice.",
        ),
    ],
)
def test_bulk_assignment_answers_nonsense_with_a_message(client, desk, data, message):
    data = {
        k: (
            [str(desk["roles"][0].pk)]
            if v == ["ROLE"]
            else str(desk["round"].pk)
            if v == "ROUND"
            else v
        )
        for k, v in data.items()
    }
    client.force_login(desk["staff"])
    response = client.post(f"/admin/award-results/{desk['programme'].pk}/assign/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not JurorAssignment.objects.exists()


@pytest.mark.parametrize(
    "actor, allowed", [("anonymous", False), ("member", False), ("juror", False), ("staff", True)]
)
def test_jury_desk_screens_as_a_table(client, desk, actor, allowed):
    user = {"member": UserFactory(), "juror": desk["clear"], "staff": desk["staff"]}.get(actor)
    if user:
        client.force_login(user)
    pk = desk["programme"].pk
    for url in (
        f"/admin/award-results/{pk}/assign/",
        f"/admin/award-results/{pk}/progress/",
        f"/admin/award-results/{pk}/rounds/",
        f"/admin/award-results/nominations/{desk['grace'].pk}/citation/",
    ):
        status = client.get(url).status_code
        assert (status == 200) == allowed, (url, status)


# --------------------------------------------------------------------------------------
# One entry per translation group
# --------------------------------------------------------------------------------------


def test_staff_lists_show_each_edition_and_category_once(client, programme, index_page):
    fr = translate(programme, index_page)
    translate(programme, index_page, code="es", title="Premios de gobierno abierto 2026")
    nominate(programme, UserFactory())
    staff = StaffFactory()
    client.force_login(staff)
    body = client.get("/admin/nomination/").content.decode()
    assert body.count(f'<option value="{programme.pk}"') == 1
    assert f'<option value="{fr.pk}"' not in body
    import re

    options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", body)
    assert len([o for o in options if o.startswith("Champions of civic space · ")]) == 1
    assert "[fr] Champions" not in body
    # A translation's id in the address filters on the canonical edition.
    by_fr = client.get(f"/admin/nomination/?programme={fr.pk}").content.decode()
    assert "Grace Mwangi" in by_fr
    assert client.get("/admin/nomination/?programme=nonsense").status_code == 200
    # The results desk lists the edition once.
    desk = client.get("/admin/award-results/").content.decode()
    assert desk.count(f'href="/admin/award-results/{programme.pk}/"') == 1
    assert f"/admin/award-results/{fr.pk}/" not in desk
    # The juror form: one choice per edition; a translation picked stores the canonical one.
    form = client.get("/admin/jurorrole/new/").content.decode()
    assert f'value="{fr.pk}"' not in form and f'value="{programme.pk}"' in form
    member = UserFactory()
    response = client.post("/admin/jurorrole/new/", {"programme": fr.pk, "user": member.pk})
    assert response.status_code == 302
    assert JurorRole.objects.get(user=member).programme_id == programme.pk


def test_lists_are_labelled_in_the_staff_language(client, programme, index_page):
    translate(programme, index_page)
    staff = StaffFactory()
    client.force_login(staff)
    from django.utils import translation

    with translation.override("fr"):
        from awards.canonical import category_labels, programme_labels

        assert list(programme_labels([programme]).values()) == ["Prix du gouvernement ouvert 2026"]
        assert all(
            v.startswith("[fr] ") for v in category_labels(programme.categories.all()).values()
        )


# --------------------------------------------------------------------------------------
# Feedback and the results table
# --------------------------------------------------------------------------------------


def test_feedback_reaches_the_nominee_once_after_publication_in_their_language(client, programme):
    staff = StaffFactory()
    nominee = UserFactory(preferred_language="fr")
    winner = nominate(programme, UserFactory(), nominee_user=nominee, contact_email=nominee.email)
    other = nominate(
        programme, UserFactory(), nominee_name="By email", contact_email="e@example.net"
    )
    set_phase(programme, "after")
    services.result_set(nomination=winner, by=staff, award="winner")
    services.feedback_set(nomination=winner, text="Un dossier remarquable.", by=staff)
    services.feedback_set(nomination=other, text="Keep going.", by=staff)
    assert not Notification.objects.filter(kind="awards.feedback").exists()  # not before
    client.force_login(nominee)
    assert client.get(f"/en/award/nominations/{winner.pk}/").status_code == 404
    services.results_publish(programme=programme, by=staff)
    emails = OutboxEmail.objects.filter(reason="awards.feedback")
    assert sorted(emails.values_list("to", "language")) == sorted(
        [(nominee.email, "fr"), ("e@example.net", "en")]
    )
    assert "Un dossier remarquable." in emails.get(to=nominee.email).body_text
    # An edit later is shown on the page but not sent again.
    services.feedback_set(nomination=winner, text="Un dossier remarquable, vraiment.", by=staff)
    assert OutboxEmail.objects.filter(reason="awards.feedback", to=nominee.email).count() == 1
    page = client.get(f"/en/award/nominations/{winner.pk}/")
    assert page.status_code == 200 and "vraiment" in page.content.decode()
    assert "Statement on" not in page.content.decode()  # the nominee sees feedback only
    client.force_login(winner.nominator)
    assert "vraiment" in client.get(f"/en/award/nominations/{winner.pk}/").content.decode()
    client.force_login(UserFactory())
    assert client.get(f"/en/award/nominations/{winner.pk}/").status_code == 404


def test_results_desk_is_a_readable_table_and_citations_have_their_own_form(client, programme):
    staff = StaffFactory()
    winner = nominate(programme, UserFactory(), nominee_name="Grace Mwangi")
    set_phase(programme, "after")
    services.result_set(nomination=winner, by=staff, award="winner")
    client.force_login(staff)
    body = client.get(f"/admin/award-results/{programme.pk}/").content.decode()
    for heading in ("Rank", "Nominee", "Weighted mean", "Spread", "Scores", "Flags", "Shortlist"):
        assert f">{heading}</th>" in body
    assert "<textarea" not in body
    assert "No citation yet" in body
    url = f"/admin/award-results/nominations/{winner.pk}/citation/"
    assert body.count(url) == 1
    response = client.post(
        url,
        {
            "citation_en": "For opening the budget.",
            "citation_fr": "Pour avoir ouvert le budget.",
            "citation_es": "",
            "story_url": "not a url",
        },
    )
    assert response.status_code == 200 and "Enter a valid URL." in response.content.decode()
    response = client.post(
        url,
        {
            "citation_en": "For opening the budget.",
            "citation_fr": "Pour avoir ouvert le budget.",
            "citation_es": "Por abrir el presupuesto.",
            "feedback": "Bravo.",
        },
    )
    assert response.status_code == 302
    winner.refresh_from_db()
    assert winner.citation == {
        "en": "For opening the budget.",
        "fr": "Pour avoir ouvert le budget.",
        "es": "Por abrir el presupuesto.",
    }
    assert winner.feedback == "Bravo."
    # (under /en/: Django's locale middleware sends a 404 without a prefix to the prefixed one)
    assert client.get(f"/en/admin/award-results/{programme.pk}/?round=nonsense").status_code == 404
    bad = client.post(
        f"/en/admin/award-results/{programme.pk}/", {"action": "result", "nomination": "x"}
    )
    assert bad.status_code == 404


def test_staff_see_progress_per_juror_and_export_it(client, programme):
    staff = StaffFactory()
    juror = UserFactory(name="Juror One")
    role = services.juror_appoint(programme=programme, user=juror)
    services.juror_assign(role=role, category=programme.categories.first())
    a = nominate(programme, UserFactory(), nominee_name="A")
    nominate(programme, UserFactory(), nominee_name="B")
    judging = set_phase(programme, "judging")
    services.scores_submit(
        juror=juror,
        nomination=Nomination.objects.get(pk=a.pk),
        values={c.pk: (5, "") for c in judging.localized_criteria()},
    )
    client.force_login(staff)
    body = client.get(f"/admin/award-results/{programme.pk}/progress/").content.decode()
    assert "Juror One" in body and "1 of 2 scored" in body
    export = client.get(f"/admin/award-results/{programme.pk}/progress/?export=csv")
    text = b"".join(export.streaming_content).decode()
    assert "Juror One" in text and juror.email in text


# --------------------------------------------------------------------------------------
# Bounded queries up to 1,000 nominations
# --------------------------------------------------------------------------------------


def _bulk(programme, judging_round, juror, n, start):
    category = programme.categories.first()
    criteria = programme.localized_criteria()
    rows = Nomination.objects.bulk_create(
        [
            Nomination(
                programme=programme,
                category=category,
                nominee_name=f"Nominee {start + i}",
                match_key=f"nominee {start + i}|",
                status=Nomination.Status.SUBMITTED,
                submitted_at=timezone.now(),
            )
            for i in range(n)
        ]
    )
    if connection_vendor() == "sqlite":  # bulk_create returns no ids on old SQLite
        rows = list(
            Nomination.objects.filter(nominee_name__startswith="Nominee ").order_by("-pk")[:n]
        )
    Score.objects.bulk_create(
        [
            Score(juror=juror, round=judging_round, nomination=row, criterion=c, value=5)
            for row in rows[: n // 2]
            for c in criteria
        ]
    )


def connection_vendor():
    from django.db import connection

    return connection.vendor


def test_dashboard_and_results_desk_queries_are_bounded_up_to_1000(
    client, programme, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = StaffFactory()
    juror = UserFactory()
    role = services.juror_appoint(programme=programme, user=juror)
    services.juror_assign(role=role, category=programme.categories.first())
    programme = set_phase(programme, "judging")
    judging_round = JudgingRound.objects.get(programme=programme)
    counts = {"dashboard": [], "desk": [], "progress": []}
    client.force_login(juror)
    staff_client = client.__class__()
    staff_client.force_login(staff)
    total = 0
    client.get("/en/award/jury/")  # warm: the session, the site and the locales are read once
    staff_client.get(f"/admin/award-results/{programme.pk}/")
    for size in (10, 1000):
        _bulk(programme, judging_round, juror, size - total, total)
        total = size
        for key, who, url in (
            ("dashboard", client, "/en/award/jury/"),
            ("desk", staff_client, f"/admin/award-results/{programme.pk}/"),
            ("progress", staff_client, f"/admin/award-results/{programme.pk}/progress/"),
        ):
            with CaptureQueriesContext(connection) as ctx:
                response = who.get(url)
            assert response.status_code == 200
            counts[key].append(len(ctx.captured_queries))
    body = client.get("/en/award/jury/").content.decode()
    assert "500 of 1000 scored" in body
    for key, (small, large) in counts.items():
        assert small == large, (key, counts)


def test_scale_seed_adds_a_jury_with_scores_once(programme):
    from awards.demo.scale import JURY_SIZE, seed_jury
    from awards.permissions import is_juror
    from home.demo.scale.members import EMAIL_DOMAIN

    people = [UserFactory(email=f"scale-{i:05d}@{EMAIL_DOMAIN}") for i in range(12)]
    for i in range(6):
        nominate(programme, UserFactory(), nominee_name=f"Scale {i}")
    created = seed_jury(seed=2026, now=timezone.now())
    assert created > 0
    assert JurorRole.objects.filter(programme=programme).count() == JURY_SIZE
    assert Score.objects.filter(round__programme=programme).exists()
    assert seed_jury(seed=2026, now=timezone.now()) == 0  # idempotent
    juror = JurorRole.objects.filter(programme=programme).first().user
    assert is_juror(juror)
    [block] = selectors.juror_dashboard(juror)
    assert block["rounds"][0]["total"] == 6
    assert people  # the members the jury is drawn from
