"""The community pages in French and Spanish."""

from wagtail.models import Locale

import pytest

from community import services
from community.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Afficher les membres"), ("es", "Mostrar miembros")],
)
def test_directory_in_other_languages(client, directory, language, expected):
    translated = directory.copy_for_translation(Locale.objects.get(language_code=language))
    translated.save_revision().publish()
    response = client.get(translated.url)
    assert response.status_code == 200
    assert expected in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Demandes qui vous sont adressées"), ("es", "Solicitudes para usted")],
)
def test_network_in_other_languages(client, site, member, other_member, language, expected):
    services.connection_request(sender=other_member, recipient=member)
    client.force_login(member)
    html = client.get(f"/{language}/community/network/").content.decode()
    assert expected in html


def test_acceptance_email_in_the_senders_language(site):
    from home.models import OutboxEmail

    sender = make_member(user={"preferred_language": "es"})
    recipient = make_member(display_name="Fatou Ndiaye")
    _, request = services.connection_request(sender=sender, recipient=recipient)
    services.connection_accept(request_id=request.pk, user=recipient)
    email = OutboxEmail.objects.get(to=sender.email)
    assert email.language == "es"
    assert "Fatou Ndiaye aceptó su solicitud de conexión" in email.subject
    assert "/es/community/network/" in email.body_text
