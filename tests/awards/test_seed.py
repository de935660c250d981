import pytest

from awards.demo.seed import seed
from awards.models import AwardProgrammePage, JurorRole, Nomination, Phase, Score

pytestmark = pytest.mark.django_db


def counts():
    return (
        AwardProgrammePage.objects.count(),
        Nomination.objects.count(),
        Score.objects.count(),
        JurorRole.objects.count(),
    )


def test_seed_builds_an_open_and_a_past_edition_in_three_languages_and_is_idempotent(site, client):
    from home.demo.seed import seed as seed_home

    seed(lambda message: None)
    first = counts()
    seed_home(lambda message: None)
    seed(lambda message: None)
    assert counts() == first
    pages = AwardProgrammePage.objects.all()
    assert sorted({p.locale.language_code for p in pages}) == ["en", "es", "fr"]
    phases = {p.slug: p.phase() for p in pages}
    assert phases["open-government-awards-2026"] == Phase.NOMINATIONS
    assert phases["open-government-awards-2025"] == Phase.ANNOUNCED
    html = client.get("/es/awards/open-government-awards-2025/").content.decode()
    assert "Fatou Ndiaye" in html and "Defensores del espacio cívico" in html


def test_the_demo_tells_initiatives_from_people_and_corrects_an_older_demo(site, client):
    from home.demo.seed import seed as seed_home

    seed_home(lambda message: None)
    seed(lambda message: None)
    kinds = dict(Nomination.objects.values_list("nominee_name", "kind"))
    assert kinds["Radio Comunitaria La Voz"] == kinds["Open Contracting Lagos"] == "initiative"
    assert kinds["Fatou Ndiaye"] == kinds["Marta Bianchi"] == "person"
    # A demo seeded before initiatives were told apart is put right by the next seed.
    Nomination.objects.update(kind=Nomination.Kind.PERSON)
    seed(lambda message: None)
    assert Nomination.objects.get(nominee_name="Open Contracting Lagos").kind == "initiative"
    csv_text = client.get("/en/award/open-data/results.csv").content.decode("utf-8-sig")
    assert "Open Contracting Lagos,initiative," in csv_text
