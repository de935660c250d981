"""allauth's pages and emails speak in the site's voice in English, French and Spanish:
no stock "Please Confirm Your Email Address", "Hello from ...", "Sign Up"."""

import re

from django.core import mail

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-pass-phrase-42"
STOCK_ENGLISH = (
    "Please Confirm Your Email Address",
    "Hello from",
    "Thank you for using",
    "You're receiving this email",
    "Sign Up",
    "Sign In",
)


def signup(client, email, language):
    response = client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "name": "Awa Diallo", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    return next(m for m in reversed(mail.outbox) if email in m.to)


def title_and_heading(html: str) -> tuple[str, str]:
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    return " ".join(title.split()), " ".join(heading.split())


@pytest.mark.parametrize(
    ("language", "subject", "lines"),
    [
        (
            "fr",
            "Bienvenue sur OpenGov Collective : confirmez votre adresse e-mail",
            [
                "Bonjour Awa Diallo,",
                "Pour confirmer votre adresse e-mail et terminer la création de votre compte, "
                "ouvrez ce lien :",
                "L’équipe d’OpenGov Collective",
            ],
        ),
        (
            "es",
            "Le damos la bienvenida a OpenGov Collective: confirme su dirección de correo",
            [
                "Para confirmar su dirección de correo y terminar de crear su cuenta, "
                "abra este enlace:",
                "Si usted no creó una cuenta, puede ignorar este correo: no pasará nada.",
                "El equipo de OpenGov Collective",
            ],
        ),
        (
            "en",
            "Welcome to OpenGov Collective: confirm your email address",
            ["To confirm your email address and finish creating your account, open this link:"],
        ),
    ],
)
def test_confirmation_email_in_the_sites_voice(client, language, subject, lines):
    message = signup(client, f"awa-{language}@example.org", language)
    assert message.subject == subject
    for line in lines:
        assert line in message.body
    assert f"/{language}/accounts/confirm-email/" in message.body
    for stock in STOCK_ENGLISH:
        assert stock not in message.subject and stock not in message.body


@pytest.mark.parametrize(
    ("language", "login", "signup_title", "button"),
    [
        ("fr", "Se connecter", "Créer un compte", "Créer un compte"),
        ("es", "Iniciar sesión", "Crear una cuenta", "Crear una cuenta"),
        ("en", "Sign in", "Create an account", "Sign up"),
    ],
)
def test_sign_in_and_sign_up_pages_in_the_sites_voice(
    client, language, login, signup_title, button
):
    html = client.get(f"/{language}/accounts/login/").content.decode()
    title, heading = title_and_heading(html)
    assert title.startswith(login) and heading == login
    assert f'href="/{language}/accounts/signup/' in html

    html = client.get(f"/{language}/accounts/signup/").content.decode()
    title, heading = title_and_heading(html)
    assert title.startswith(signup_title) and heading == signup_title
    assert re.search(rf"<button[^>]*>\s*{button}\s*</button>", html)
    for stock in ("Sign Up", "Sign In", "Signup"):
        assert f">{stock}<" not in html and f"{stock} |" not in html


@pytest.mark.parametrize(
    ("language", "heading", "sentence"),
    [
        ("fr", "Consultez votre boîte de réception", "Nous vous avons envoyé un e-mail"),
        ("es", "Revise su bandeja de entrada", "Le enviamos un correo con un enlace."),
    ],
)
def test_after_signup_the_page_says_what_to_do_next(client, language, heading, sentence):
    response = client.post(
        f"/{language}/accounts/signup/",
        {
            "email": f"next-{language}@example.org",
            "name": "Awa",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        follow=True,
    )
    html = response.content.decode()
    assert title_and_heading(html)[1] == heading
    assert sentence in html


def test_confirm_page_in_spanish(client):
    message = signup(client, "confirma@example.org", "es")
    link = re.search(r"https?://[^/\s]+(/es/accounts/confirm-email/\S+/)", message.body).group(1)
    html = client.get(link).content.decode()
    assert title_and_heading(html)[1] == "Confirme su dirección de correo electrónico"
    assert "Confirme que confirma@example.org es su dirección" in html
    assert "Confirmar mi dirección" in html


def test_password_reset_email_and_pages_in_french(client):
    from community.factories import UserFactory

    user = UserFactory(preferred_language="fr")
    html = client.get("/fr/accounts/password/reset/").content.decode()
    assert title_and_heading(html)[1] == "Réinitialisez votre mot de passe"
    response = client.post("/fr/accounts/password/reset/", {"email": user.email}, follow=True)
    assert title_and_heading(response.content.decode())[1] == "Consultez votre boîte de réception"
    message = next(m for m in reversed(mail.outbox) if user.email in m.to)
    assert message.subject == "Réinitialisez votre mot de passe"
    assert "Pour choisir un nouveau mot de passe, ouvrez ce lien :" in message.body
    assert "/fr/accounts/password/reset/key/" in message.body
    assert "Password Reset" not in message.body and "Hello from" not in message.body
