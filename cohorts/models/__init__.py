from .applications import (
    DECISIONS,
    Application,
    ApplicationFile,
    ApplicationStatus,
    ApplicationSubmission,
    Gender,
    ReviewNote,
    Scope,
    unreleased_decisions,
)
from .pages import CohortPage, CohortStatus, ProgrammePage
from .participants import Certificate, Participant
from .snippets import PartnerOrganisation

__all__ = [
    "DECISIONS",
    "Application",
    "ApplicationFile",
    "ApplicationStatus",
    "ApplicationSubmission",
    "Certificate",
    "CohortPage",
    "CohortStatus",
    "Gender",
    "Participant",
    "PartnerOrganisation",
    "ProgrammePage",
    "ReviewNote",
    "Scope",
    "unreleased_decisions",
]
