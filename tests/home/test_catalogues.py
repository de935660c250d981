"""The compiled French and Spanish catalogues speak one voice (shared/GLOSSARY.md).

Each test reads the ``.mo`` files Django serves and names every msgid whose translation
uses a banned form, so a new string in the wrong register fails here, not in review.
"""

import gettext
import re
from pathlib import Path

from django.conf import settings

import pytest

#: Spanish is *usted* throughout: any of these words is a *tú* (or *vosotros*) form.
SPANISH_TU = re.compile(
    r"\b(tu|tus|tú|ti|te|contigo|tuy[oa]s?|tienes|puedes|quieres|necesitas|estás|eres|"
    r"has|recibes|podrás|verás|vosotr[oa]s|estáis|vuestr[oa]s?|elige|sube|añade|regístrate)\b",
    re.IGNORECASE,
)
#: One word for a place at an event or in a cohort: « cupo », never « plaza ».
SPANISH_PLAZA = re.compile(r"\bplazas?\b", re.IGNORECASE)
#: Inclusive through wording, never with a slash, @, x or e ("inscrito/a").
SPANISH_MARKED = re.compile(r"\w/[ao]s?\b|\w@s?\b")
#: French typography: the apostrophe is ’ (outside HTML markup).
HTML_TAG = re.compile(r"<[^>]*>")


def catalogue(language: str) -> dict[str, str]:
    """msgid (with ``context\\x04`` when it has one) -> every translated form, joined."""
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as handle:
        raw = gettext.GNUTranslations(handle)._catalog
    entries: dict[str, str] = {}
    for key, value in raw.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid and value:
            entries[msgid] = f"{entries[msgid]} | {value}" if msgid in entries else value
    assert len(entries) > 500, "the catalogue looks empty: run `make messages`"
    return entries


def offending(entries: dict[str, str], pattern: re.Pattern, *, where=None) -> list[str]:
    return sorted(
        f"{msgid!r} -> {text!r}"
        for msgid, text in entries.items()
        if (where is None or where(msgid)) and pattern.search(HTML_TAG.sub("", text))
    )


def assert_none(found: list[str]) -> None:
    assert not found, "Banned forms in these translations:\n" + "\n".join(found)


def english(msgid: str) -> str:
    return msgid.split("\x04", 1)[-1]


@pytest.fixture(scope="module")
def spanish():
    return catalogue("es")


@pytest.fixture(scope="module")
def french():
    return catalogue("fr")


def test_spanish_says_usted_everywhere(spanish):
    assert_none(offending(spanish, SPANISH_TU))


def test_spanish_says_cupo_never_plaza(spanish):
    assert_none(offending(spanish, SPANISH_PLAZA))


def test_spanish_inclusive_through_wording(spanish):
    assert_none(offending(spanish, SPANISH_MARKED))


def test_spanish_connections_are_conexiones(spanish):
    def about_connections(msgid):
        return re.search(r"connect", english(msgid), re.I)

    assert_none(offending(spanish, re.compile(r"\bcontactos?\b", re.I), where=about_connections))


def test_french_uses_the_typographic_apostrophe(french):
    assert_none(offending(french, re.compile("'")))


def test_french_editorial_team_not_editeurs(french):
    assert_none(offending(french, re.compile(r"\béditeur", re.I)))


def test_french_nomination_is_not_candidature(french):
    def about_nominations(msgid):
        text = english(msgid)
        return re.search(r"nominat|nominee", text, re.I) and not re.search(r"appli", text, re.I)

    assert_none(offending(french, re.compile(r"candidature", re.I), where=about_nominations))


def test_french_connection_is_relation_not_contact(french):
    def about_connections(msgid):
        return re.search(r"connect", english(msgid), re.I)

    assert_none(offending(french, re.compile(r"\bcontacts?\b", re.I), where=about_connections))


def test_french_agenda_is_not_programme(french):
    def about_agendas(msgid):
        return re.search(r"\bagenda\b", english(msgid), re.I)

    assert_none(offending(french, re.compile(r"programme", re.I), where=about_agendas))
    assert french["Agenda"] == "Déroulé"


def test_the_checks_would_catch_a_slip():
    """Guard the guards: each pattern flags the forms it is meant to ban."""
    assert SPANISH_TU.search("Puedes volver a tu perfil")
    assert SPANISH_TU.search("Te escribiremos")
    assert not SPANISH_TU.search("Puede volver a su perfil")
    assert SPANISH_PLAZA.search("Quedan 3 plazas")
    assert SPANISH_MARKED.search("Ya está inscrito/a")
    assert offending({"x": "l'équipe"}, re.compile("'")) == ["'x' -> \"l'équipe\""]
    assert offending({"x": "<a href='/'>lien</a>"}, re.compile("'")) == []


def test_allauth_pages_we_keep_say_usted_too():
    """allauth's own Spanish says *tú*; ours, loaded first, says *usted*."""
    from django.utils import translation

    from community.allauth_strings import ALLAUTH_STRINGS

    with translation.override("es"):
        shown = [str(text) for text in ALLAUTH_STRINGS[:-1]]
        shown.append(ALLAUTH_STRINGS[-1] % {"count": 2})
    assert "Espere un momento: está enviando demasiadas solicitudes." in shown
    assert_none([text for text in shown if SPANISH_TU.search(HTML_TAG.sub("", text))])
