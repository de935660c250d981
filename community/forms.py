from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """Extra fields on allauth's signup form (allauth calls ``signup``)."""

    name = forms.CharField(
        max_length=150,
        label=_("Your name"),
        help_text=_("As you would like other members to see it. You can change it later."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        from community.models import Profile

        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])
        Profile.objects.filter(user=user).update(display_name=user.name)
