from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import Scope
from cohorts.models import PartnerOrganisation
from home.forms import state_limits


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=120,
        label=_("Name"),
        help_text=_("What the token is for, for example “Partner CRM”."),
    )
    partner = forms.ModelChoiceField(
        queryset=PartnerOrganisation.objects.none(), label=_("Partner organisation")
    )
    scopes = forms.MultipleChoiceField(
        choices=Scope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Scopes"),
        help_text=_("Without a scope, the token reads only what everyone may read."),
    )
    expires_at = forms.DateTimeField(
        required=False,
        label=_("Expires"),
        help_text=_("Empty: the token works until it is revoked. For example 2027-06-30 18:00."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One entry per organisation (its first language's record).
        self.fields["partner"].queryset = (
            PartnerOrganisation.objects.filter(locale__language_code="en")
            or PartnerOrganisation.objects.all()
        )
        state_limits(self)


class ScopesForm(forms.Form):
    scopes = forms.MultipleChoiceField(
        choices=Scope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Scopes"),
    )
