from .jury import ConflictOfInterest, JurorAssignment, JurorRole
from .nominations import Attachment, Nomination, NominationCredit
from .pages import AwardCategory, AwardCriterion, AwardIndexPage, AwardProgrammePage, Phase
from .results import ProgrammeRound
from .scores import Score

__all__ = [
    "Attachment",
    "AwardCategory",
    "AwardCriterion",
    "AwardIndexPage",
    "AwardProgrammePage",
    "ConflictOfInterest",
    "JurorAssignment",
    "JurorRole",
    "Nomination",
    "NominationCredit",
    "Phase",
    "ProgrammeRound",
    "Score",
]
