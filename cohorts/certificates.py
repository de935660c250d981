"""Certificates as a PDF (fpdf2); the signed Open Badges 3.0 credential is in
``cohorts.credentials``."""

from pathlib import Path

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from cohorts.models import Certificate

_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def render_pdf(certificate: Certificate, *, language: str = "en") -> bytes:
    """A one-page A4 landscape certificate with its verification address."""
    from fpdf import FPDF  # imported here: only this download needs it

    with translation.override(language):
        pdf = FPDF(orientation="L", unit="mm", format="A4")
        pdf.set_title(_("Certificate of completion"))
        pdf.set_author(settings.WAGTAIL_SITE_NAME)
        pdf.add_page()
        regular, bold = "Helvetica", "Helvetica"
        unicode_ok = (_FONT_DIR / "DejaVuSans.ttf").exists()
        if unicode_ok:
            pdf.add_font("DejaVu", "", str(_FONT_DIR / "DejaVuSans.ttf"))
            pdf.add_font("DejaVu", "B", str(_FONT_DIR / "DejaVuSans-Bold.ttf"))
            regular = bold = "DejaVu"

        def text(value: str) -> str:
            value = str(value)
            return value if unicode_ok else value.encode("latin-1", "replace").decode("latin-1")

        pdf.set_draw_color(11, 85, 99)
        pdf.set_line_width(1.5)
        pdf.rect(10, 10, 277, 190)
        pdf.set_text_color(27, 36, 48)
        pdf.set_y(35)
        pdf.set_font(bold, "B", 16)
        pdf.cell(0, 10, text(settings.WAGTAIL_SITE_NAME), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(regular, "", 28)
        pdf.cell(
            0, 18, text(_("Certificate of completion")), align="C", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(6)
        pdf.set_font(regular, "", 14)
        pdf.cell(0, 10, text(_("This certifies that")), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(bold, "B", 24)
        pdf.cell(0, 14, text(certificate.holder_name), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(regular, "", 14)
        pdf.cell(0, 10, text(_("completed the cohort")), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(bold, "B", 18)
        pdf.multi_cell(0, 10, text(certificate.cohort_title), align="C")
        if certificate.programme_title:
            pdf.set_font(regular, "", 14)
            pdf.cell(
                0, 9, text(certificate.programme_title), align="C", new_x="LMARGIN", new_y="NEXT"
            )
        pdf.set_font(regular, "", 13)
        pdf.cell(
            0,
            10,
            text(formats.date_format(certificate.issued_on, "DATE_FORMAT")),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_y(170)
        pdf.set_font(regular, "", 10)
        pdf.cell(
            0, 6, text(_("Verify this certificate at")), align="C", new_x="LMARGIN", new_y="NEXT"
        )
        url = certificate.verification_url(language)
        pdf.cell(0, 6, text(url), align="C", link=url, new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())


def open_badge(certificate: Certificate) -> dict:
    """The Open Badges 3.0 credential's contents, unsigned: only where no issuer key is
    configured yet (``cohorts.credentials`` signs it; the signed file is what verifies)."""
    from cohorts import credentials

    return credentials.build(certificate)
