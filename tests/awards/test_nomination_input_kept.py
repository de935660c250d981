"""A nomination form never loses what people typed: stated limits, errors that keep the text."""

import pytest

from awards.models import Nomination

from .conftest import set_phase
from .test_nominations import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_programme(programme):
    return set_phase(programme, "nominations")


def nominate_url(programme):
    return f"/en/award/programmes/{programme.pk}/nominate/"


def test_the_statement_limit_is_stated_before_it_is_reached(client, member, open_programme):
    client.force_login(member)
    html = client.get(nominate_url(open_programme)).content.decode()
    assert 'maxlength="4000"' in html
    assert "Up to 4,000 characters." in html
    assert 'data-char-count="4000"' in html
    assert "js/char-count.js" in html


def test_an_over_long_statement_is_an_error_that_keeps_the_text(client, member, open_programme):
    client.force_login(member)
    criterion = open_programme.localized_criteria()[0]
    statement = "We opened every contract. " * 160 + "THE VERY END"  # 4,172 characters
    data = form_data(open_programme, **{f"statement_{criterion.pk}": statement})
    response = client.post(nominate_url(open_programme), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "at most 4000 characters (it has 4172)" in html
    assert statement in html  # the whole text, not a cut one
    assert not Nomination.objects.exists()


def test_an_over_long_nominee_name_is_an_error_that_keeps_it(client, member, open_programme):
    client.force_login(member)
    name = "Grace " + "Wanjiru " * 25  # 206 characters, the limit is 160
    response = client.post(
        nominate_url(open_programme), form_data(open_programme, nominee_name=name)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "at most 160 characters" in html
    assert f'value="{name}"' in html
    assert not Nomination.objects.exists()


def test_draft_with_an_over_long_statement_is_refused_too(client, member, open_programme):
    client.force_login(member)
    criterion = open_programme.localized_criteria()[0]
    data = form_data(open_programme, **{f"statement_{criterion.pk}": "x" * 4001})
    data["save_draft"] = "1"
    response = client.post(nominate_url(open_programme), data)
    assert response.status_code == 200
    assert "x" * 4001 in response.content.decode()
    assert not Nomination.objects.exists()
