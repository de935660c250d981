import pytest

from community.models import Connection, DirectoryPage, Profile, Visibility
from home.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_seed_is_complete_and_idempotent(site):
    from community.demo.seed import MEMBERS, seed

    seed(lambda message: None)
    counts = (
        Profile.objects.count(),
        Connection.objects.count(),
        DirectoryPage.objects.count(),
        [len(s.navigation) for s in SiteSettings.objects.order_by("pk")],
    )
    seed(lambda message: None)
    assert counts == (
        Profile.objects.count(),
        Connection.objects.count(),
        DirectoryPage.objects.count(),
        [len(s.navigation) for s in SiteSettings.objects.order_by("pk")],
    )
    assert len(MEMBERS) >= 30
    assert DirectoryPage.objects.count() == 3
    levels = set(Profile.objects.values_list("visibility", flat=True))
    assert levels >= {v.value for v in Visibility}
    assert Connection.objects.count() >= 10
    assert Profile.objects.filter(
        user__email="claire.dubois@example.org", headline__contains="gouvernement ouvert"
    ).exists()
