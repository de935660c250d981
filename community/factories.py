import factory
import wagtail_factories
from allauth.account.models import EmailAddress

from community.models import DirectoryPage, User

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a verified email address (so they can sign in) and a profile."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    name = factory.Sequence(lambda n: f"Member {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            if extracted is not False:
                EmailAddress.objects.create(
                    user=self, email=self.email, verified=True, primary=True
                )


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class DirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Members"
    slug = factory.Sequence(lambda n: f"members-{n}")

    class Meta:
        model = DirectoryPage


def make_member(**profile_fields):
    """A verified member whose profile has ``profile_fields`` (themes: a list)."""
    themes = profile_fields.pop("themes", None)
    user = UserFactory(**profile_fields.pop("user", {}))
    profile = user.profile
    for name, value in profile_fields.items():
        setattr(profile, name, value)
    profile.save()
    if themes:
        profile.themes.set(themes)
    return user
