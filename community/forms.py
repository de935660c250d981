from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import PendingUploadsMixin, StatedLimitsMixin, state_limits


class SignupForm(StatedLimitsMixin, forms.Form):
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


class ProfileForm(PendingUploadsMixin, forms.ModelForm):
    """A member's own profile. Field audiences wider than the profile's are narrowed
    on save (community.services.profile_update)."""

    languages = forms.MultipleChoiceField(
        required=False, label=_("Languages you speak"), widget=forms.CheckboxSelectMultiple
    )
    open_to = forms.MultipleChoiceField(
        required=False, label=_("Open to"), widget=forms.CheckboxSelectMultiple
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Themes you work on"),
        widget=forms.CheckboxSelectMultiple,
    )
    links_text = forms.CharField(
        required=False,
        label=_("Links"),
        help_text=_("Up to 5 web addresses, one per line, each starting with https:// or http://."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photo_upload = forms.FileField(
        required=False,
        label=_("Photo"),
        help_text=_(
            "A JPEG, PNG or WebP image under 5 MB. We re-save it without its metadata "
            "(such as location)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(required=False, label=_("Remove my photo"))
    preferred_language = forms.ChoiceField(label=_("Language for emails"))

    class Meta:
        from community.models import Profile

        model = Profile
        fields = [
            "display_name",
            "headline",
            "organisation",
            "sector",
            "country",
            "city",
            "bio",
            "visibility",
            "allow_search_engines",
            "organisation_visibility",
            "location_visibility",
            "photo_visibility",
            "links_visibility",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "bio": _(
                "Plain text. You may use <strong>, <em>, lists and links; anything else is removed."
            ),
            "visibility": _(
                "Hidden means nobody but you (and the platform's staff) can find or see you."
            ),
            "organisation_visibility": _("Never wider than who can see your profile."),
        }

    def __init__(self, *args, user=None, **kwargs):
        from django.conf import settings

        from wagtail.models import Locale

        from community.models import OpenTo
        from community.models.profile import SPOKEN_LANGUAGES
        from home.models import Theme

        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["languages"].choices = SPOKEN_LANGUAGES
        self.fields["open_to"].choices = OpenTo.choices
        locale = Locale.get_active()
        themes = Theme.objects.filter(locale=locale)
        if not themes.exists():
            themes = Theme.objects.filter(locale=Locale.get_default())
        self.fields["themes"].queryset = themes
        self.fields["preferred_language"].choices = settings.LANGUAGES
        profile = self.instance
        if profile.pk and not self.is_bound:
            self.initial["languages"] = profile.languages
            self.initial["open_to"] = profile.open_to
            keys = profile.themes.values_list("translation_key", flat=True)
            self.initial["themes"] = list(themes.filter(translation_key__in=keys))
            self.initial["links_text"] = "\n".join(link["url"] for link in profile.links)
            self.initial["preferred_language"] = user.preferred_language if user else ""
        self.photo_file = None
        state_limits(self)
        self.keep_uploads_for(user)

    def clean_links_text(self):
        from community.text import MAX_LINKS, safe_url

        lines = [line.strip() for line in self.cleaned_data["links_text"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_LINKS:
            raise forms.ValidationError(_("Please give at most 5 links."))
        for line in lines:
            if safe_url(line) is None:
                raise forms.ValidationError(
                    _("“%(url)s” is not allowed: links must start with https:// or http://."),
                    params={"url": line[:80]},
                )
        return [{"label": "", "url": line} for line in lines]

    def clean_photo_upload(self):
        from community.photos import process_photo

        upload = self.cleaned_data.get("photo_upload")
        if upload:
            self.photo_file = process_photo(upload)
        return upload

    def save_profile(self):
        from community.services import profile_update

        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["languages"] = self.cleaned_data["languages"]
        data["open_to"] = self.cleaned_data["open_to"]
        data["links"] = self.cleaned_data["links_text"]
        if self.user is not None:
            language = self.cleaned_data["preferred_language"]
            if language != self.user.preferred_language:
                self.user.preferred_language = language
                self.user.save(update_fields=["preferred_language"])
        return profile_update(
            profile=self.instance,
            data=data,
            themes=list(self.cleaned_data["themes"]),
            photo=self.photo_file,
            remove_photo=self.cleaned_data.get("remove_photo") and not self.photo_file,
        )

    def _post_clean(self):
        # The service does the saving; skip ModelForm writing cleaned data onto the instance
        # (an invalid form must not leave a half-edited profile behind for the preview).
        pass


class ConnectForm(StatedLimitsMixin, forms.Form):
    note = forms.CharField(
        required=False,
        max_length=300,
        label=_("Add a short note (optional)"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("To make sure it is you."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password
