import factory
from allauth.account.models import EmailAddress

from community.models import User

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
