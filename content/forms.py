from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from content import selectors
from home.forms import PendingUploadsMixin, state_limits
from home.taxonomy import Region
from home.widgets import QuickSelect

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGES = 3


class ListingFilterForm(forms.Form):
    """The filters of an index page: a GET form that works without JavaScript.

    Unknown values make the field invalid; the listing then ignores that filter and
    the form says why.
    """

    theme = forms.ChoiceField(required=False, label=_("Theme"), widget=QuickSelect)
    country = forms.ChoiceField(required=False, label=_("Country"), widget=QuickSelect)
    region = forms.ChoiceField(required=False, label=_("Region"), widget=QuickSelect)
    type = forms.ChoiceField(required=False, label=_("Type"), widget=QuickSelect)

    def __init__(self, *args, index_page, **kwargs):
        super().__init__(*args, **kwargs)
        self.index_page = index_page
        self.themes = selectors.themes_for_reader()
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (t.slug, t.name) for t in self.themes
        ]
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, countries.name(code)) for code in selectors.listing_countries(index_page)
        ]
        self.fields["region"].choices = [("", _("All regions")), *Region.choices]
        self.fields["type"].choices = [("", _("All types")), *index_page.type_choices]
        self.fields["type"].label = index_page.type_label

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        if "theme" in data:
            keys = {t.slug: t.translation_key for t in self.themes}
            data["theme"] = keys[data["theme"]]
        return data

    def querystring(self) -> str:
        if not self.is_bound:
            return ""
        self.is_valid()
        params = {k: v for k, v in self.cleaned_data.items() if v}
        return urlencode(params)

    def chips(self, request) -> list[dict]:
        """Selected filters, each with a link that removes it."""
        if not self.is_bound:
            return []
        self.is_valid()
        chips = []
        for name, value in self.cleaned_data.items():
            if not value:
                continue
            label = dict(self.fields[name].choices).get(value, value)
            rest = {k: v for k, v in self.cleaned_data.items() if v and k != name}
            chips.append({"label": label, "url": "?" + urlencode(rest) if rest else "?"})
        return chips


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.ImageField):
    widget = MultipleImageInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_IMAGES:
            raise forms.ValidationError(
                _("Choose at most %(count)d images.") % {"count": MAX_IMAGES}
            )
        cleaned = []
        for item in files:
            if item.size > MAX_IMAGE_BYTES:
                raise forms.ValidationError(
                    _("%(name)s is larger than 5 MB. Please choose a smaller image.")
                    % {"name": item.name}
                )
            extension = item.name.rsplit(".", 1)[-1].lower() if "." in item.name else ""
            if extension not in settings.WAGTAILIMAGES_EXTENSIONS:
                raise forms.ValidationError(
                    _("%(name)s is not a JPEG, PNG, GIF or WebP image.") % {"name": item.name}
                )
            cleaned.append(super().clean(item, initial))
        return cleaned


class StoryProposalForm(PendingUploadsMixin, forms.Form):
    title = forms.CharField(max_length=120, label=_("Title"))
    summary = forms.CharField(
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Summary"),
        help_text=_("One or two sentences: what changed, and for whom."),
    )
    body = forms.CharField(
        max_length=12000,
        widget=forms.Textarea(attrs={"rows": 14}),
        label=_("Your story"),
        help_text=_(
            "Leave an empty line between paragraphs. Start lines with “- ” for a list or "
            "“1. ” for a numbered one. Write **bold**, *italic* and [a link](https://…). "
            "Choose Preview to see it before you send it. Our editorial team may shorten it."
        ),
    )
    images = MultipleImageField(
        required=False,
        label=_("Images"),
        help_text=_("Up to 3 images (JPEG, PNG, GIF or WebP), 5 MB each. Optional."),
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Themes"),
    )
    country = forms.ChoiceField(
        choices=lambda: [("", _("Choose a country"))] + list(countries),
        required=False,
        label=_("Country"),
    )
    anonymous = forms.BooleanField(
        required=False,
        label=_("Publish my story without my name"),
    )
    agree = forms.BooleanField(
        required=True,
        label=_("I agree that editors may edit my story and publish it on this site"),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from home.models import Theme

        themes = selectors.themes_for_reader()
        self.fields["themes"].queryset = Theme.objects.filter(pk__in=[t.pk for t in themes])
        state_limits(self)
        self.keep_uploads_for(user)
