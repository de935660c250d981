from django import forms
from django.apps import apps
from django.db import transaction

from home.models import Delivery, NotificationPreference
from home.notify import kinds


def _listed_kinds(user):
    """The kinds a member can choose for: not essential, listed, and for staff only
    those addressed to staff when the member can use the admin."""
    from home.permissions import can_access_admin

    staff = can_access_admin(user)
    return [k for k in kinds() if k.listed and not k.essential and (k.audience != "staff" or staff)]


class PreferencesForm(forms.Form):
    """One choice per kind of notification: email at once, daily or weekly digest, site only."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        chosen = dict(
            NotificationPreference.objects.filter(user=user).values_list("kind", "delivery")
        )
        self.sections = []
        current = None
        for kind in _listed_kinds(user):
            name = kind.key.replace(".", "__")
            self.fields[name] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=chosen.get(kind.key, kind.default),
                widget=forms.RadioSelect,
                required=False,
            )
            app_label = apps.get_app_config(kind.app).verbose_name
            if current is None or current[0] != app_label:
                current = (app_label, [])
                self.sections.append(current)
            current[1].append(self[name])
        #: Kinds that always go by email: receipts and account security.
        self.essential = [k for k in kinds() if k.essential and k.listed]

    def save(self) -> None:
        with transaction.atomic():
            for kind in _listed_kinds(self.user):
                value = self.cleaned_data.get(kind.key.replace(".", "__"))
                if value:
                    NotificationPreference.objects.update_or_create(
                        user=self.user, kind=kind.key, defaults={"delivery": value}
                    )
