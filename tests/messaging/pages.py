"""Helpers for the inbox and conversation page tests."""

from datetime import timedelta

from django.utils import timezone

from community.factories import make_member
from community.models import Connection


def connect(a, b):
    low, high = Connection.ordered(a.pk, b.pk)
    Connection.objects.get_or_create(user_low_id=low, user_high_id=high)


def member(name, **fields):
    return make_member(display_name=name, **fields)


def friend_of(user, name):
    other = member(name)
    connect(user, other)
    return other


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def png(name="chart.png"):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name="plan.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def fake_pdf(name="invoice.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
