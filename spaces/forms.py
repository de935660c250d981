"""Forms of the group pages: the list's filters, a request to join, an invitation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import StatedLimitsMixin
from home.models import Theme
from home.taxonomy import Region
from spaces.models import Kind
from spaces.page_selectors import MAX_QUERY
from spaces.services.membership import MAX_NOTE


class FilterForm(forms.Form):
    """The group list's GET form: search words, kind, theme (in the reader's language),
    region. An unknown value is ignored, never an error page."""

    q = forms.CharField(max_length=MAX_QUERY, required=False, label=_("Search groups"))
    kind = forms.ChoiceField(required=False, label=_("Kind"))
    theme = forms.ChoiceField(required=False, label=_("Theme"))
    region = forms.ChoiceField(required=False, label=_("Region"))
    mine = forms.BooleanField(required=False, label=_("Only my groups"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = Theme.for_locale()
        self.fields["kind"].choices = [("", _("All kinds")), *Kind.choices]
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (t.slug, t.name) for t in self.themes
        ]
        self.fields["region"].choices = [("", _("All regions")), *Region.choices]

    def cleaned(self) -> dict:
        """The valid filters; an invalid one is dropped (``ignored`` says so)."""
        data = {
            "q": "",
            "kind": "",
            "theme": "",
            "region": "",
            "mine": False,
            "ignored": False,
            "theme_obj": None,
        }
        if not self.is_bound:
            return data
        self.is_valid()
        for name in ("q", "kind", "theme", "region", "mine"):
            if name in self.cleaned_data:
                data[name] = self.cleaned_data[name] or data[name]
            elif self.data.get(name):
                data["ignored"] = True
        data["q"] = data["q"].strip()
        theme = next((t for t in self.themes if t.slug == data["theme"]), None)
        data["theme_obj"] = theme
        return data


class NoteForm(StatedLimitsMixin, forms.Form):
    """A request to join (or an invitation) with an optional note to the other side."""

    note = forms.CharField(
        max_length=MAX_NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Note to the hosts (optional)"),
        help_text=_("Say who you are and why you would like to join."),
    )


class InviteForm(StatedLimitsMixin, forms.Form):
    """Invite one of ``candidates`` (profiles the host may see who are not in the group)."""

    member = forms.TypedChoiceField(
        coerce=int, widget=forms.RadioSelect, label=_("Member to invite")
    )
    note = forms.CharField(
        max_length=MAX_NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Note with the invitation (optional)"),
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(p.user_id, p.display_name) for p in candidates]


class InviteSearchForm(forms.Form):
    q = forms.CharField(max_length=MAX_QUERY, required=False, label=_("Find members by name"))
