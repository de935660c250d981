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
from .review import Review, ReviewAssignment, ReviewScore
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
    "Review",
    "ReviewAssignment",
    "ReviewNote",
    "ReviewScore",
    "Scope",
    "unreleased_decisions",
]
