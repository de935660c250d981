"""Open data: every published edition, complete (criteria and weights, the named jury,
shortlist and winners with aggregate scores), valid against its own published schemas
(JSON Schema for the JSON files, a Frictionless data package for the CSV tables), and
never one juror's own score."""

import csv
import io
import json
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale, PageViewRestriction

import frictionless
import jsonschema
import pytest

from awards import opendata, services
from awards.factories import (
    AwardCategoryFactory,
    AwardCriterionFactory,
    AwardProgrammePageFactory,
    NominationFactory,
)
from awards.models import (
    AwardProgrammePage,
    ConflictOfInterest,
    JudgingRound,
    ProgrammeRound,
    RoundNomination,
    Score,
)
from awards.models.rounds import first_round
from community.factories import StaffFactory, UserFactory

from .conftest import nominate, set_phase
from .test_results import translate as translate_edition

pytestmark = pytest.mark.django_db


def score(juror, nomination, criterion, value, judging_round=None):
    Score.objects.create(
        juror=juror,
        nomination=nomination,
        criterion=criterion,
        round=judging_round or first_round(nomination.programme),
        value=value,
    )


def publish(programme, staff):
    services.results_publish(programme=programme, by=staff)


class Edition:
    """One decided edition: a winner scored by two jurors (and a conflicted third), an
    initiative with an honourable mention scored by one juror only, a shortlisted
    nominee, and one not chosen."""

    def __init__(self, programme, index_page, *, translate=True):
        self.staff = StaffFactory()
        self.programme = programme
        self.impact = programme.criteria.get(name="Impact")  # weight 2
        self.innovation = programme.criteria.get(name="Innovation")  # weight 1
        self.named = UserFactory(name="Named Juror")
        self.unnamed = UserFactory(name="Quiet Juror")
        self.conflicted = UserFactory(name="Conflicted Juror")
        services.juror_appoint(
            programme=programme, user=self.named, publish_name=True, public_name="Dr Named"
        )
        services.juror_appoint(programme=programme, user=self.unnamed)
        services.juror_appoint(programme=programme, user=self.conflicted, publish_name=True)
        self.winner = nominate(programme, UserFactory(), nominee_name="Grace Mwangi")
        self.mention = nominate(
            programme,
            UserFactory(),
            kind="initiative",
            nominee_name="Radio La Voz",
            organisation="La Voz",
            category=programme.categories.last(),
        )
        self.shortlisted = nominate(programme, UserFactory(), nominee_name="Ana Souza")
        self.not_chosen = nominate(programme, UserFactory(), nominee_name="Not Chosen")
        # Grace: (2·8 + 5)/3 = 7.00 and (2·9 + 6)/3 = 8.00 → 7.50; the conflicted zeros
        # are left out.
        for juror, impact, innovation in ((self.named, 8, 5), (self.unnamed, 9, 6)):
            score(juror, self.winner, self.impact, impact)
            score(juror, self.winner, self.innovation, innovation)
        score(self.conflicted, self.winner, self.impact, 0)
        score(self.conflicted, self.winner, self.innovation, 0)
        ConflictOfInterest.objects.create(
            juror=self.conflicted,
            nomination=self.winner,
            reason=ConflictOfInterest.Reason.DECLARED,
            status=ConflictOfInterest.Status.CONFIRMED,
        )
        # Radio La Voz: one juror only, so no score may be published.
        score(self.named, self.mention, self.impact, 10)
        score(self.named, self.mention, self.innovation, 4)
        for juror in (self.named, self.unnamed):
            score(juror, self.shortlisted, self.impact, 6)
            score(juror, self.shortlisted, self.innovation, 6)
            score(juror, self.not_chosen, self.impact, 1)
        if translate:
            self.fr = translate_edition(programme, index_page, title=f"{programme.title} (fr)")
        self.programme = set_phase(programme, "after")
        services.result_set(
            nomination=self.winner,
            by=self.staff,
            award="winner",
            citation={"en": "For opening the budget.", "fr": "Pour avoir ouvert le budget."},
        )
        services.result_set(
            nomination=self.mention, by=self.staff, award="honourable_mention", citation={}
        )
        services.result_set(nomination=self.shortlisted, by=self.staff, shortlisted=True)


@pytest.fixture
def edition(programme, index_page):
    return Edition(programme, index_page)


def new_programme(index_page, slug):
    page = AwardProgrammePageFactory(parent=index_page, slug=slug)
    AwardCategoryFactory(page=page, name="Champions of civic space")
    AwardCategoryFactory(page=page, name="Open data in action")
    AwardCriterionFactory(page=page, name="Impact", weight=Decimal("2"))
    AwardCriterionFactory(page=page, name="Innovation", weight=Decimal("1"))
    return AwardProgrammePage.objects.get(pk=page.pk)


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def assert_valid_json(client, url):
    """The file validates against the JSON Schema it names, fetched from the site."""
    document = get_json(client, url)
    schema = get_json(client, path_of(document["schema"]))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return document


def assert_valid_package(client, url, tmp_path):
    """The data package and every CSV table it lists validate with Frictionless (the
    descriptor against the Data Package profile, each table against its Table Schema,
    foreign keys across tables)."""
    descriptor = get_json(client, url)
    base = url.rsplit("/", 1)[0]
    tables = {}
    for resource in descriptor["resources"]:
        response = client.get(f"{base}/{resource['path']}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        (tmp_path / resource["path"]).write_bytes(response.content)
        tables[resource["name"]] = list(
            csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
        )
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    package = frictionless.Package(str(tmp_path / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    return descriptor, tables


# ------------------------------------------------------------------------------------
# What must show: valid against the published schema; every published edition listed
# ------------------------------------------------------------------------------------


def test_one_editions_json_validates_against_its_own_schema(client, edition):
    publish(edition.programme, edition.staff)
    url = f"/en/award/programmes/{edition.programme.pk}/results.json"
    data = assert_valid_json(client, url)
    assert data["licence"]["id"] == "CC-BY-4.0"
    assert data["id"] == edition.programme.pk
    french = assert_valid_json(client, f"/fr/award/programmes/{edition.fr.pk}/results.json")
    assert french["language"] == "fr"
    assert french["id"] == edition.programme.pk  # one edition whatever the language
    # The schema itself speaks the reader's language.
    schema = get_json(client, path_of(french["schema"]))
    assert "/fr/" in schema["$id"]
    assert schema["description"] != get_json(client, path_of(data["schema"]))["description"]


def test_one_editions_data_package_validates_with_frictionless(client, edition, tmp_path):
    publish(edition.programme, edition.staff)
    descriptor, tables = assert_valid_package(
        client, f"/en/award/programmes/{edition.programme.pk}/datapackage.json", tmp_path
    )
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert [r["name"] for r in descriptor["resources"]] == list(opendata.TABLES)
    assert [row["edition_id"] for row in tables["editions"]] == [str(edition.programme.pk)]
    assert {row["nominee"] for row in tables["results"]} == {
        "Grace Mwangi",
        "Radio La Voz",
        "Ana Souza",
    }


def test_the_all_editions_files_list_every_published_edition_and_only_those(
    client, programme, index_page, tmp_path
):
    first = Edition(programme, index_page)
    publish(first.programme, first.staff)
    second = Edition(new_programme(index_page, "awards-2027"), index_page, translate=False)
    publish(second.programme, second.staff)
    unpublished = Edition(new_programme(index_page, "awards-2028"), index_page, translate=False)
    private = Edition(new_programme(index_page, "awards-private"), index_page, translate=False)
    publish(private.programme, private.staff)
    PageViewRestriction.objects.create(
        page=private.programme, restriction_type=PageViewRestriction.LOGIN
    )
    expected = {first.programme.pk, second.programme.pk}

    for language in ("en", "fr", "es"):
        data = assert_valid_json(client, f"/{language}/award/open-data/editions.json")
        assert {e["id"] for e in data["editions"]} == expected, language
        assert len(data["editions"]) == 2  # one entry per edition, not per language copy
    french = assert_valid_json(client, "/fr/award/open-data/editions.json")
    titles = {e["id"]: e["title"] for e in french["editions"]}
    assert titles[first.programme.pk] == first.fr.title  # its French copy
    assert titles[second.programme.pk] == second.programme.title  # no French copy yet

    _descriptor, tables = assert_valid_package(
        client, "/en/award/open-data/datapackage.json", tmp_path
    )
    assert {int(r["edition_id"]) for r in tables["editions"]} == expected
    assert {int(r["edition_id"]) for r in tables["results"]} == expected
    for hidden in (unpublished, private):
        assert (
            client.get(f"/en/award/programmes/{hidden.programme.pk}/results.json").status_code
            == 404
        )
    page = client.get("/en/award/open-data/")
    assert page.status_code == 200
    body = page.content.decode()
    for edition in (first, second):
        assert f"/en/award/programmes/{edition.programme.pk}/results.json" in body
    assert f"/programmes/{unpublished.programme.pk}/" not in body
    assert f"/programmes/{private.programme.pk}/" not in body


# ------------------------------------------------------------------------------------
# Completeness and what is never published
# ------------------------------------------------------------------------------------


def test_criteria_weights_jury_and_aggregate_scores(client, edition):
    publish(edition.programme, edition.staff)
    data = get_json(client, f"/en/award/programmes/{edition.programme.pk}/results.json")
    assert [(c["name"], c["weight"]) for c in data["criteria"]] == [
        ("Impact", 2.0),
        ("Innovation", 1.0),
    ]
    assert data["jury"]["size"] == 3
    assert [(j["name"]) for j in data["jury"]["named"]] == ["Conflicted Juror", "Dr Named"]
    results = {r["nominee"]: r for r in data["results"]}
    assert set(results) == {"Grace Mwangi", "Radio La Voz", "Ana Souza"}
    grace = results["Grace Mwangi"]
    assert (grace["result"], grace["score"], grace["jurors_scored"]) == ("winner", 7.5, 2)
    assert {c["criterion_id"]: c["score"] for c in grace["criteria_scores"]} == {
        edition.impact.pk: 8.5,
        edition.innovation.pk: 5.5,
    }
    assert grace["citation"] == "For opening the budget."
    # Scored by one juror: publishing a score would publish that juror's own score.
    voz = results["Radio La Voz"]
    assert voz["kind"] == "initiative" and voz["result"] == "honourable_mention"
    assert (voz["score"], voz["jurors_scored"], voz["criteria_scores"]) == (None, 1, [])
    assert voz["rounds"] == [{"round": 1, "score": None, "jurors_scored": 1}]
    assert results["Ana Souza"]["score"] == 6.0
    assert [c["nominations_received"] for c in data["categories"]] == [3, 1]
    assert data["nominations_received"] == 4
    text = json.dumps(data)
    for private in ("Quiet Juror", "grace@example.net", "Not Chosen", "Statement on"):
        assert private not in text


def test_csv_tables_hold_the_same_facts(client, edition):
    publish(edition.programme, edition.staff)
    base = f"/en/award/programmes/{edition.programme.pk}"

    def table(name):
        response = client.get(f"{base}/{name}.csv")
        assert response.status_code == 200
        assert response.content.startswith("\ufeff".encode())  # spreadsheets read UTF-8
        return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))

    results = {r["nominee"]: r for r in table("results")}
    assert (results["Grace Mwangi"]["score"], results["Grace Mwangi"]["jurors_scored"]) == (
        "7.50",
        "2",
    )
    assert results["Radio La Voz"]["score"] == ""
    assert [(r["criterion"], r["weight"], r["round"]) for r in table("criteria")] == [
        ("Impact", "2.00", "1"),
        ("Innovation", "1.00", "1"),
    ]
    assert [(r["juror"], r["juror_title"]) for r in table("jury")] == [
        ("Conflicted Juror", ""),
        ("Dr Named", ""),
    ]
    assert [r["nominations_received"] for r in table("categories")] == ["3", "1"]


def test_a_formula_in_a_name_is_neutralised_in_the_csv(client, programme, index_page):
    data = Edition(programme, index_page, translate=False)
    nomination = data.shortlisted
    nomination.refresh_from_db()
    nomination.nominee_name = '=HYPERLINK("http://evil")'
    nomination.save()
    publish(data.programme, data.staff)
    body = client.get(f"/en/award/programmes/{programme.pk}/results.csv").content.decode()
    assert "'=HYPERLINK" in body
    assert "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body


def test_rounds_each_with_their_own_criteria_and_the_final_score(client, programme, index_page):
    data = Edition(programme, index_page, translate=False)
    qualifying = first_round(programme)
    JudgingRound.objects.filter(pk=qualifying.pk).update(kind=JudgingRound.Kind.QUALIFYING)
    final = services.round_add(programme=programme, criteria=[data.innovation])
    qualifying.criteria.set([data.impact])
    RoundNomination.objects.create(round=qualifying, nomination=data.winner, shortlisted=True)
    RoundNomination.objects.create(round=final, nomination=data.winner)
    score(data.named, data.winner, data.innovation, 9, final)
    score(data.unnamed, data.winner, data.innovation, 10, final)
    publish(data.programme, data.staff)
    document = get_json(client, f"/en/award/programmes/{programme.pk}/results.json")
    assert [(r["round"], r["kind"], r["criteria_ids"]) for r in document["rounds"]] == [
        (1, "qualifying", [data.impact.pk]),
        (2, "final", [data.innovation.pk]),
    ]
    grace = next(r for r in document["results"] if r["nominee"] == "Grace Mwangi")
    # Qualifying: Impact only, (8 + 9)/2 = 8.50; final: Innovation only, (9 + 10)/2 = 9.50.
    assert grace["rounds"] == [
        {"round": 1, "score": 8.5, "jurors_scored": 2},
        {"round": 2, "score": 9.5, "jurors_scored": 2},
    ]
    assert grace["score"] == 9.5
    page = client.get(f"/en/award/programmes/{programme.pk}/results/").content.decode()
    assert "score 9.50 from 2 jurors" in page  # the page shows the final round's, too
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(f"/en/award/programmes/{programme.pk}/criteria.csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert [(r["round"], r["criterion"]) for r in rows] == [("1", "Impact"), ("2", "Innovation")]


def test_each_language_has_its_names_and_descriptions(client, edition):
    publish(edition.programme, edition.staff)
    french = get_json(client, f"/fr/award/programmes/{edition.fr.pk}/results.json")
    assert [c["name"] for c in french["criteria"]] == ["[fr] Impact", "[fr] Innovation"]
    grace = next(r for r in french["results"] if r["nominee"] == "Grace Mwangi")
    assert grace["citation"] == "Pour avoir ouvert le budget."
    assert grace["category"].startswith("[fr]")
    package = get_json(client, f"/es/award/programmes/{edition.programme.pk}/datapackage.json")
    results = next(r for r in package["resources"] if r["name"] == "results")
    assert results["title"] == "Resultados"
    page = client.get("/es/award/open-data/").content.decode()
    assert "datos abiertos" in page


# ------------------------------------------------------------------------------------
# HTTP: caching, CORS, bad input
# ------------------------------------------------------------------------------------


def test_files_are_cacheable_readable_from_anywhere_and_revalidate(client, edition):
    publish(edition.programme, edition.staff)
    for url in (
        f"/en/award/programmes/{edition.programme.pk}/results.json",
        f"/en/award/programmes/{edition.programme.pk}/results.csv",
        "/en/award/open-data/editions.json",
        "/en/award/open-data/results.csv",
        "/en/award/open-data/datapackage.json",
    ):
        response = client.get(url)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' in response.get(
            "Link", ""
        ) or url.endswith("datapackage.json")  # the package holds its licence itself
        assert "public" in response["Cache-Control"]
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304, url
    before = client.get("/en/award/open-data/editions.json")["ETag"]
    services.result_set(nomination=edition.not_chosen, by=edition.staff, shortlisted=True)
    assert client.get("/en/award/open-data/editions.json")["ETag"] != before


@pytest.mark.parametrize(
    "url",
    [
        "/en/award/programmes/{pk}/nonsense.csv",
        "/en/award/programmes/{pk}/results.xml",
        "/en/award/programmes/999999/results.json",
        "/en/award/programmes/999999/datapackage.json",
        "/en/award/programmes/{pk}/criteria.csv/extra",
        "/en/award/open-data/passwords.csv",
        "/en/award/open-data/other.schema.json",
        "/en/award/programmes/abc/results.json",
    ],
)
def test_nonsense_addresses_answer_404(client, edition, url):
    publish(edition.programme, edition.staff)
    assert client.get(url.format(pk=edition.programme.pk)).status_code == 404


def test_before_publication_nothing_but_an_empty_dataset(client, edition):
    pk = edition.programme.pk
    for suffix in ("results.json", "results.csv", "jury.csv", "datapackage.json"):
        assert client.get(f"/en/award/programmes/{pk}/{suffix}").status_code == 404
    data = get_json(client, "/en/award/open-data/editions.json")
    assert data["editions"] == []
    assert "Grace Mwangi" not in client.get("/en/award/open-data/results.csv").content.decode()


# ------------------------------------------------------------------------------------
# Speed: a fixed number of queries whatever the number of editions and nominations
# ------------------------------------------------------------------------------------


def _queries(client, url):
    client.get(url)  # warm up (site root paths, locales)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_all_editions_cost_the_same_queries_at_two_sizes(client, programme, index_page):
    first = Edition(programme, index_page)
    publish(first.programme, first.staff)
    urls = (
        "/en/award/open-data/editions.json",
        "/fr/award/open-data/editions.json",
        "/en/award/open-data/results.csv",
        "/en/award/open-data/",
        f"/en/award/programmes/{programme.pk}/results.json",
    )
    small = {url: _queries(client, url) for url in urls}
    for n in range(3):
        more = Edition(new_programme(index_page, f"awards-more-{n}"), index_page)
        publish(more.programme, more.staff)
        JudgingRound.objects.create(programme=more.programme, kind=JudgingRound.Kind.FINAL)
    for _ in range(5):
        extra = NominationFactory(category=programme.categories.first(), shortlisted=True)
        score(first.named, extra, first.impact, 3)
        score(first.unnamed, extra, first.impact, 4)
    large = {url: _queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= 20, large


def test_the_published_at_time_is_utc(client, edition):
    when = timezone.now().replace(microsecond=0)
    publish(edition.programme, edition.staff)
    ProgrammeRound.objects.filter(programme=edition.programme).update(results_published_at=when)
    data = get_json(client, f"/en/award/programmes/{edition.programme.pk}/results.json")
    assert data["results_published_at"] == when.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_an_initiative_is_drawn_as_an_organisation_not_a_person(client, edition):
    publish(edition.programme, edition.staff)
    html = client.get(f"/en/award/programmes/{edition.programme.pk}/results/").content.decode()
    cards = {
        name: html[html.rindex("<li", 0, html.index(f'aria-label="{name}"')) :][:400]
        for name in ("Grace Mwangi", "Radio La Voz")
    }
    assert "avatar--square" in cards["Radio La Voz"] and "<rect" in cards["Radio La Voz"]
    assert "avatar--square" not in cards["Grace Mwangi"] and "<circle" in cards["Grace Mwangi"]


def test_the_results_page_shows_the_same_aggregate_scores(client, edition):
    publish(edition.programme, edition.staff)
    html = client.get(f"/en/award/programmes/{edition.programme.pk}/results/").content.decode()
    assert "score 7.50 from 2 jurors" in html  # Grace
    assert "score 6.00 from 2 jurors" in html  # Ana
    shortlist = html[html.index('id="results-title"') :]
    voz = shortlist[shortlist.index("Radio La Voz") :].split("</li>", 1)[0]
    assert "score" not in voz  # one juror: nothing to show
    french = client.get(f"/fr/award/programmes/{edition.fr.pk}/results/").content.decode()
    assert "note 7,50, donnée par 2 juré·es" in french


@pytest.mark.parametrize("viewer", ["anonymous", "member", "staff"])
def test_no_file_names_an_unnamed_juror_or_a_contact_whoever_asks(client, edition, viewer):
    publish(edition.programme, edition.staff)
    if viewer != "anonymous":
        client.force_login(edition.staff if viewer == "staff" else UserFactory())
    pk = edition.programme.pk
    urls = [f"/en/award/programmes/{pk}/results.json", "/en/award/open-data/editions.json"]
    urls += [f"/en/award/programmes/{pk}/{t}.csv" for t in opendata.TABLES]
    urls += [f"/fr/award/open-data/{t}.csv" for t in opendata.TABLES]
    bodies = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8-sig")
        bodies[url] = text
        for secret in ("Quiet Juror", "grace@example.net", "Not Chosen", edition.unnamed.email):
            assert secret not in text, (url, secret)
    assert any("Dr Named" in text for text in bodies.values())


def test_the_files_are_read_only(client, edition):
    publish(edition.programme, edition.staff)
    client.force_login(edition.staff)
    for url in (
        f"/en/award/programmes/{edition.programme.pk}/results.json",
        "/en/award/open-data/results.csv",
        "/en/award/open-data/",
    ):
        assert client.post(url).status_code == 405
        assert client.head(url).status_code == 200


def test_a_private_editions_results_page_is_as_private_as_its_page(client, edition):
    publish(edition.programme, edition.staff)
    PageViewRestriction.objects.create(
        page=edition.programme, restriction_type=PageViewRestriction.LOGIN
    )
    url = f"/en/award/programmes/{edition.programme.pk}/results/"
    assert client.get(url).status_code == 404
    assert (
        client.get(f"/en/award/programmes/{edition.programme.pk}/results.json").status_code == 404
    )
    client.force_login(UserFactory())  # the restriction lets members in
    assert "Grace Mwangi" in client.get(url).content.decode()


def test_a_story_link_follows_the_readers_language_and_never_points_at_a_draft(
    client, edition, index_page
):
    from awards.models import Nomination

    Nomination.objects.filter(pk=edition.winner.pk).update(story_page=index_page)
    publish(edition.programme, edition.staff)
    french_index = index_page.get_translation(Locale.objects.get(language_code="fr"))

    def story(language, pk):
        data = get_json(client, f"/{language}/award/programmes/{pk}/results.json")
        return next(r for r in data["results"] if r["nominee"] == "Grace Mwangi")["story_url"]

    assert story("en", edition.programme.pk).endswith(index_page.url)
    assert story("fr", edition.fr.pk).endswith(french_index.url)
    french_index.unpublish()
    assert story("fr", edition.fr.pk).endswith(index_page.url)  # the story itself
    index_page.specific.unpublish()
    assert story("en", edition.programme.pk) == ""  # never a link to an unpublished page
