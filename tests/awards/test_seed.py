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
