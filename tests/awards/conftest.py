from datetime import timedelta
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest
from PIL import Image

from awards import services
from awards.factories import (
    AwardCategoryFactory,
    AwardCriterionFactory,
    AwardIndexPageFactory,
    AwardProgrammePageFactory,
)
from awards.models import AwardProgrammePage
from community.factories import StaffFactory, UserFactory


def png_bytes(size=(4, 4)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (10, 80, 99)).save(buffer, format="PNG")
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_upload(name="photo.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf_upload(name="letter.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.AWARDS_PRIVATE_ROOT = tmp_path / "private"
    return settings.AWARDS_PRIVATE_ROOT


@pytest.fixture
def index_page(site):
    return AwardIndexPageFactory(parent=site.root_page, slug="awards")


@pytest.fixture
def programme(index_page):
    page = AwardProgrammePageFactory(parent=index_page, slug="ogawards-2026")
    AwardCategoryFactory(page=page, name="Champions of civic space")
    AwardCategoryFactory(page=page, name="Open data in action")
    AwardCriterionFactory(page=page, name="Impact", weight=Decimal("2"))
    AwardCriterionFactory(page=page, name="Innovation", weight=Decimal("1"))
    return AwardProgrammePage.objects.get(pk=page.pk)


def set_phase(programme, phase: str) -> AwardProgrammePage:
    """Move an edition's timeline so that now is in ``phase``."""
    now = timezone.now()
    day = timedelta(days=1)
    dates = {
        "before": (now + day, now + 2 * day, now + 3 * day, now + 4 * day),
        "nominations": (now - day, now + day, now + 2 * day, now + 3 * day),
        "judging": (now - 2 * day, now - day, now + day, now + 2 * day),
        "after": (now - 4 * day, now - 3 * day, now - 2 * day, now - day),
    }[phase]
    AwardProgrammePage.objects.filter(pk=programme.pk).update(
        nominations_open=dates[0],
        nominations_close=dates[1],
        judging_close=dates[2],
        announcement_at=dates[3],
    )
    return AwardProgrammePage.objects.get(pk=programme.pk)


def nominate(programme, nominator, *, category=None, nominee_user=None, files=(), **data):
    category = category or programme.categories.first()
    criteria = programme.localized_criteria()
    payload = {
        "kind": "person",
        "nominee_name": "Grace Mwangi",
        "organisation": "Open Budget Kenya",
        "country": "KE",
        "sector": "civil_society",
        "contact_email": "grace@example.net",
        "nominee_user": nominee_user,
        "statements": {str(c.pk): f"Statement on {c.name}" for c in criteria},
        "links": ["https://example.net/budget"],
    }
    payload.update(data)
    return services.nomination_save(
        programme=programme,
        nominator=nominator,
        category=category,
        data=payload,
        submit=True,
        files=list(files),
    )


class World:
    """Everyone in the permission table, around one submitted nomination with an attachment."""

    def __init__(self, programme):
        self.programme = programme
        self.nominator = UserFactory()
        self.nominee = UserFactory()
        self.juror_assigned = UserFactory()
        self.juror_unassigned = UserFactory()
        self.juror_conflicted = UserFactory()
        self.staff = StaffFactory()
        self.other = UserFactory()
        self.nomination = nominate(
            programme, self.nominator, nominee_user=self.nominee, files=[png_upload()]
        )
        self.attachment = self.nomination.attachments.get()
        category = self.nomination.category
        for user in (self.juror_assigned, self.juror_conflicted):
            role = services.juror_appoint(programme=programme, user=user)
            services.juror_assign(role=role, category=category)
        services.juror_appoint(programme=programme, user=self.juror_unassigned)
        services.conflict_declare(juror=self.juror_conflicted, nomination=self.nomination)

    def user(self, actor):
        return None if actor == "anonymous" else getattr(self, actor)


@pytest.fixture
def world(programme):
    return World(programme)
