from .applications import (
    DECISIONS,
    Application,
    ApplicationFile,
    ApplicationStatus,
    Gender,
    ReviewNote,
    Scope,
)
from .pages import CohortPage, CohortStatus, ProgrammePage
from .participants import Certificate, Participant
from .snippets import PartnerOrganisation

__all__ = [
    "DECISIONS",
    "Application",
    "ApplicationFile",
    "ApplicationStatus",
    "Certificate",
    "CohortPage",
    "CohortStatus",
    "Gender",
    "Participant",
    "PartnerOrganisation",
    "ProgrammePage",
    "ReviewNote",
    "Scope",
]
