import pytest

from cohorts.models import Application, Certificate, CohortPage, Participant, ProgrammePage

pytestmark = pytest.mark.django_db


def _counts():
    return (
        ProgrammePage.objects.count(),
        CohortPage.objects.count(),
        Application.objects.count(),
        Participant.objects.count(),
        Certificate.objects.count(),
    )


def test_seed_is_idempotent_and_renders(client, site):
    from cohorts.demo.seed import seed

    seed(lambda message: None)
    first = _counts()
    seed(lambda message: None)
    assert _counts() == first
    assert first[0] == 3 and first[1] == 9  # three languages
    statuses = {c.slug: c.status() for c in CohortPage.objects.filter(locale__language_code="en")}
    assert statuses == {
        "africa-middle-east-2027": "open",
        "open-contracting-2026": "running",
        "americas-2025": "completed",
    }
    for page in ProgrammePage.objects.all():
        assert client.get(page.url).status_code == 200
        assert client.get(page.url + "alumni/").status_code == 200
    for page in CohortPage.objects.all():
        assert client.get(page.url).status_code == 200
    certificate = Certificate.objects.first()
    response = client.get(f"/fr/cohorts/verify/{certificate.identifier}/")
    assert response.status_code == 200 and "Valide" in response.content.decode()
    # The demo's certificates are signed credentials, once (a second seed signs nothing).
    tokens = set(Certificate.objects.values_list("credential", flat=True))
    assert len(tokens) == Certificate.objects.count() and "" not in tokens
