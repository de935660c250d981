from django import forms
from django.apps import apps
from django.db import transaction
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.models import Delivery, NotificationPreference
from home.notify import kinds


def _limit_text(help_text, limit: int) -> str:
    stated = ngettext("Up to %(limit)s character.", "Up to %(limit)s characters.", limit) % {
        "limit": number_format(limit, force_grouping=True)
    }
    help_text = str(help_text or "").strip()
    return f"{help_text} {stated}" if help_text else stated


_lazy_limit_text = lazy(_limit_text, str)

#: The counter's words (static/js/char-count.js fills in the number).
COUNT_LEFT = _("%(count)s characters left")
COUNT_OVER = _("%(count)s characters too many")
COUNT_LEFT_ONE = _("1 character left")
COUNT_OVER_ONE = _("1 character too many")


def state_limits(form) -> None:
    """Say every text field's limit before it is reached (issue 11: nothing is cut silently).

    Each text input or textarea with a ``max_length`` gets "Up to N characters." in its
    help text (so it is announced with the field) and the attributes that
    static/js/char-count.js reads to show a live counter. Going past the limit stays a
    field error from Django's own ``MaxLengthValidator``: the form comes back with the
    text as typed. Call it at the end of the form's ``__init__``.
    """
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if not limit or not isinstance(field, forms.CharField):
            continue
        widget = field.widget
        # Text inputs and textareas only (not email, URL or password inputs).
        if not isinstance(widget, forms.TextInput | forms.Textarea) or widget.is_hidden:
            continue
        if widget.attrs.get("data-char-count"):
            continue
        field.help_text = _lazy_limit_text(field.help_text, limit)
        widget.attrs.update(
            {
                "maxlength": str(limit),
                "data-char-count": str(limit),
                "data-count-left": COUNT_LEFT,
                "data-count-over": COUNT_OVER,
                "data-count-left-one": COUNT_LEFT_ONE,
                "data-count-over-one": COUNT_OVER_ONE,
            }
        )


class StatedLimitsMixin:
    """``state_limits`` for forms whose fields are all declared on the class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        state_limits(self)


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


#: The name of the tick boxes that bring a kept file back (``<field>__pending``).
PENDING_SUFFIX = "__pending"


class PendingUploadsMixin:
    """A form that keeps its valid uploads when it comes back with an error (issue 11).

    Call ``keep_uploads_for(user)`` at the end of ``__init__``, once every file field
    exists. On a bound form, files kept from the last try (``<field>__pending`` tokens)
    are put back among the uploads: a single-file field takes a newly chosen file
    instead, a multiple-file field adds the new ones. When the form has an error (from
    its own cleaning or ``add_error`` afterwards, e.g. a service's refusal), every file
    of a field without an error is kept (``home.pending_uploads``) and listed on the
    field as ``field.pending``, which the field templates show with a tick box each. A
    field whose file was refused keeps nothing: its error names the file to choose again.
    """

    def keep_uploads_for(self, user) -> None:
        from django.utils.datastructures import MultiValueDict

        from home.pending_uploads import pending_restore

        self._uploads_user = user
        self._uploads_checked = False
        for _name, field in self._file_fields():
            field.pending = []
        if not self.is_bound or not hasattr(self.data, "getlist"):
            return
        files = MultiValueDict()
        for key in self.files:
            files.setlist(key, self.files.getlist(key))
        for name, field in self._file_fields():
            key = self.add_prefix(name)
            kept = [
                pending_restore(token, user=user)
                for token in self.data.getlist(key + PENDING_SUFFIX)
            ]
            kept = [upload for upload in kept if upload is not None]
            if not kept:
                continue
            chosen = [upload for upload in files.getlist(key) if upload]
            if getattr(field.widget, "allow_multiple_selected", False):
                files.setlist(key, kept + chosen)
            elif not chosen:
                files.setlist(key, kept[:1])
        self.files = files

    def _file_fields(self):
        return [(n, f) for n, f in self.fields.items() if isinstance(f, forms.FileField)]

    def full_clean(self):
        self._uploads_checked = False
        super().full_clean()
        self._uploads_checked = True
        if self._errors:
            self.keep_uploads()

    def add_error(self, field, error):
        super().add_error(field, error)
        if getattr(self, "_uploads_checked", False):
            self.keep_uploads()

    def keep_uploads(self) -> None:
        """Keep this bound form's valid uploads and list them on their fields (called on
        an error, and by a view that shows a valid form again, such as a preview)."""
        from home.pending_uploads import pending_stash

        user = getattr(self, "_uploads_user", None)
        for name, field in self._file_fields():
            if name in self._errors:
                field.pending = []
                continue
            key = self.add_prefix(name)
            if getattr(field.widget, "allow_multiple_selected", False):
                uploads = self.files.getlist(key)
            else:
                uploads = [self.files.get(key)]
            pending = []
            for upload in uploads:
                if not upload or not hasattr(upload, "read"):
                    continue
                token = getattr(upload, "pending_token", None) or pending_stash(upload, user=user)
                if token:
                    upload.pending_token = token
                    pending.append({"token": token, "name": upload.name})
            field.pending = pending

    def keep_files(self, name: str, uploads) -> None:
        """Keep ``uploads`` for field ``name`` on a form shown again unbound (a no-JS
        search step, say), so that the next submission brings them back."""
        from home.pending_uploads import pending_stash

        field = self.fields[name]
        user = getattr(self, "_uploads_user", None)
        for upload in uploads:
            token = pending_stash(upload, user=user)
            if token:
                field.pending.append({"token": token, "name": upload.name})
