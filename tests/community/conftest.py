import pytest

from community.factories import DirectoryPageFactory


@pytest.fixture
def directory(site):
    """The member directory under the English home page: /en/members/."""
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    page = DirectoryPageFactory(parent=home, title="Members", slug="members")
    page.save_revision().publish()
    return page


@pytest.fixture
def theme(site):
    from home.models import Theme

    return Theme.objects.get(locale__language_code="en", slug="anti-corruption")
