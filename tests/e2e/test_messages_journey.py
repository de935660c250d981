"""Two reformers meet, talk across languages, share a file, and a moderator steps in.

Nadia (she reads the site in French) asks Grace to connect with a note; Grace (in
Spanish) reads it and accepts. Nadia writes to Grace in French and attaches a PDF; Grace
sees the unread count in the header, downloads the file and answers in Spanish. Grace
reports one of Nadia's messages; a community moderator removes it, and both see it
gone. A second pass, with JavaScript off, sends and reads messages with forms alone.
axe-core checks every page.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.members import sign_in_as as sign_in
from tests.e2e.members import sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def people(seeded_site, settings, tmp_path):
    from django.contrib.auth.models import Group

    from community.factories import UserFactory
    from home.permissions import ensure_groups

    settings.MESSAGES_PRIVATE_ROOT = str(tmp_path / "messages")
    nadia = UserFactory(name="Nadia Benali", preferred_language="fr")
    grace = UserFactory(name="Grace Wanjiru", preferred_language="es")
    for user, headline in [
        (nadia, "Budgets ouverts dans les communes tunisiennes"),
        (grace, "Monitoreo parlamentario en Kenia"),
    ]:
        user.profile.display_name = user.name
        user.profile.headline = headline
        user.profile.save()
    moderator = UserFactory(name="Moderator Mo")
    ensure_groups()
    moderator.groups.add(Group.objects.get(name="Community moderators"))
    return {"nadia": nadia, "grace": grace, "moderator": moderator}


def test_two_members_talk_across_languages_and_a_moderator_removes_a_message(
    page, browser, live_server, people, tmp_path
):
    nadia, grace, moderator = people["nadia"], people["grace"], people["moderator"]

    # Nadia asks Grace to connect, with a note.
    sign_in(page, nadia, "fr")
    page.goto(f"/fr/community/members/{grace.profile.pk}/")
    assert_accessible(page)
    page.get_by_label("Ajouter un court message (facultatif)").fill(
        "J’ai vu votre travail sur la transparence parlementaire."
    )
    page.get_by_role("button", name="Envoyer une demande de mise en relation").click()
    expect(page.get_by_text("Demande envoyée à Grace Wanjiru.")).to_be_visible()
    sign_out(page, "fr")

    # Grace reads the note before accepting.
    sign_in(page, grace, "es")
    page.goto("/es/community/network/")
    expect(page.get_by_text("J’ai vu votre travail sur la transparence")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Aceptar Nadia Benali").click()
    sign_out(page, "es")

    # Nadia writes in French, with a PDF attached, from Grace's profile.
    pdf = tmp_path / "plan-d-action.pdf"
    pdf.write_bytes(PDF)
    sign_in(page, nadia, "fr")
    page.goto(f"/fr/community/members/{grace.profile.pk}/")
    page.get_by_role("link", name="Écrire Grace Wanjiru").click()
    assert_accessible(page)
    page.get_by_label("Message", exact=True).fill(
        "Bonjour Grace ! Voici notre **plan d’action** : https://example.org/plan"
    )
    page.get_by_label("Joindre des fichiers").set_input_files(str(pdf))
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator(".message__body strong")).to_have_text("plan d’action")
    link = page.locator(".message__body a")
    expect(link).to_have_attribute("rel", "nofollow ugc noopener noreferrer")
    assert_accessible(page)
    page.get_by_label("Message", exact=True).fill("Et un second message, à retirer.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Et un second message, à retirer.")).to_be_visible()
    sign_out(page, "fr")

    # Grace sees the count in the header, reads, downloads the file, answers in Spanish.
    sign_in(page, grace, "es")
    page.get_by_role("link", name="Mensajes 1 sin leer").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Nadia Benali")).first.click()
    expect(page.locator(".message__body[lang=fr]").first).to_contain_text("Bonjour Grace")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="plan-d-action.pdf").click()
    assert download.value.suggested_filename == "plan-d-action.pdf"
    page.get_by_label("Mensaje", exact=True).fill("¡Gracias, Nadia! Lo leo esta semana.")
    page.get_by_role("button", name="Enviar").click()
    expect(page.locator(".message__body[lang=es]")).to_contain_text("Lo leo esta semana")

    # Grace reports Nadia's second message.
    page.locator(".message", has_text="second message").get_by_role(
        "link", name=re.compile("^Denunciar")
    ).click()
    assert_accessible(page)
    page.get_by_label("Spam o promoción no solicitada").check()
    page.get_by_role("button", name="Enviar la denuncia").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gracias")
    assert_accessible(page)
    sign_out(page, "es")

    # A community moderator sees only what was reported, and removes it.
    sign_in(page, moderator)
    page.goto("/admin/reported-messages/")
    assert_accessible(page)
    row = page.locator("tbody tr", has_text="Nadia Benali")
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()
    expect(page.get_by_text("Et un second message, à retirer.")).to_be_visible()
    expect(page.get_by_text("Bonjour Grace")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Remove the message").click()
    assert_accessible(page)
    page.get_by_label("Note to the member").fill("Merci de rester sur le sujet.")
    page.get_by_label("I have read what was reported and confirm this action").check()
    page.get_by_role("button", name="Remove the message").click()
    expect(page.get_by_text(re.compile("removed", re.I)).first).to_be_visible()
    sign_out(page)

    # Nadia sees her message removed, and was told.
    sign_in(page, nadia, "fr")
    page.goto("/fr/messages/")
    page.get_by_role("link", name=re.compile("Grace Wanjiru")).first.click()
    expect(page.get_by_text("Retiré par un·e modérateur·rice")).to_be_visible()
    expect(page.get_by_text("Et un second message, à retirer.")).to_have_count(0)

    # The second pass: with JavaScript off, Grace and Nadia send and read with forms alone.
    # (axe-core cannot run where scripts are off; these pages were checked above.)
    sign_out(page, "fr")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    quiet = context.new_page()
    try:
        sign_in(quiet, grace, "es")
        quiet.goto("/es/messages/")
        quiet.get_by_role("link", name=re.compile("Nadia Benali")).first.click()
        conversation_url = quiet.url.split("#")[0]
        quiet.get_by_label("Mensaje", exact=True).fill("Hola otra vez, sin JavaScript.")
        quiet.get_by_role("button", name="Enviar").click()
        expect(quiet.get_by_text("Hola otra vez, sin JavaScript.")).to_be_visible()
        assert quiet.url.split("#")[0] == conversation_url
        sign_out(quiet, "es")
        sign_in(quiet, nadia, "fr")
        quiet.get_by_role("link", name=re.compile("^Messages 1")).click()
        quiet.get_by_role("link", name=re.compile("Grace Wanjiru")).first.click()
        expect(quiet.get_by_text("Hola otra vez, sin JavaScript.")).to_be_visible()
        quiet.get_by_label("Message", exact=True).fill("Merci, bien reçu sans JavaScript.")
        quiet.get_by_role("button", name="Envoyer").click()
        expect(quiet.get_by_text("Merci, bien reçu sans JavaScript.")).to_be_visible()
    finally:
        context.close()
