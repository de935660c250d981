"""The kernel's form helpers: stated limits in every language, kept uploads, no slicing."""

import os
import time

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils import translation
from django.utils.datastructures import MultiValueDict

import pytest

from community.factories import UserFactory
from home.errors import TextTooLong, check_length
from home.forms import PendingUploadsMixin, StatedLimitsMixin
from home.pending_uploads import pending_purge, pending_restore, pending_stash

pytestmark = pytest.mark.django_db


class LetterForm(StatedLimitsMixin, PendingUploadsMixin, forms.Form):
    note = forms.CharField(max_length=4000, widget=forms.Textarea)
    letter = forms.FileField(required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_uploads_for(user)


@pytest.mark.parametrize(
    ("language", "stated"),
    [
        ("en", "Up to 4,000 characters."),
        ("fr", "Jusqu’à 4\xa0000 caractères."),
        ("es", "Hasta 4\xa0000 caracteres."),
    ],
)
def test_the_limit_is_stated_in_the_readers_language(language, stated):
    with translation.override(language):
        html = str(LetterForm()["note"].help_text)
    assert html == stated


def test_a_kept_file_comes_back_once_the_error_is_fixed():
    member = UserFactory()
    letter = SimpleUploadedFile("support.pdf", b"%PDF-1.4 support", "application/pdf")
    first = LetterForm(data={"note": ""}, files=MultiValueDict({"letter": [letter]}), user=member)
    assert not first.is_valid()
    kept = first.fields["letter"].pending
    assert [item["name"] for item in kept] == ["support.pdf"]

    data = QueryDict(mutable=True)
    data.update({"note": "Fixed", "letter__pending": kept[0]["token"]})
    second = LetterForm(data=data, files=MultiValueDict(), user=member)
    assert second.is_valid()
    assert second.cleaned_data["letter"].read() == b"%PDF-1.4 support"


def test_tokens_are_personal_and_files_are_purged_after_a_day(pending_uploads_root):
    member, other = UserFactory(), UserFactory()
    token = pending_stash(SimpleUploadedFile("cv.pdf", b"%PDF cv"), user=member)
    assert pending_restore(token, user=other) is None
    assert pending_restore(token + "x", user=member) is None
    assert pending_restore(token, user=member).read() == b"%PDF cv"
    (stored,) = list(pending_uploads_root.iterdir())
    assert pending_purge() == 0
    day_ago = time.time() - 25 * 60 * 60
    os.utime(stored, (day_ago, day_ago))
    assert pending_purge() == 1
    assert pending_restore(token, user=member) is None


def test_services_refuse_rather_than_cut():
    assert check_length("a" * 300, 300) == "a" * 300
    with pytest.raises(TextTooLong) as refused:
        check_length("a" * 301, 300)
    assert refused.value.code == "too_long"
    with translation.override("fr"):
        assert "301 caractères" in refused.value.message
