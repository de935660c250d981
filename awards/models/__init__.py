from .jury import ConflictOfInterest, JurorAssignment, JurorRole
from .nominations import Attachment, Nomination, NominationCredit
from .pages import AwardCategory, AwardCriterion, AwardIndexPage, AwardProgrammePage, Phase
from .results import ProgrammeRound
from .rounds import JudgingRound, RoundNomination
from .scores import Score

__all__ = [
    "Attachment",
    "AwardCategory",
    "AwardCriterion",
    "AwardIndexPage",
    "AwardProgrammePage",
    "ConflictOfInterest",
    "JudgingRound",
    "JurorAssignment",
    "JurorRole",
    "Nomination",
    "NominationCredit",
    "Phase",
    "ProgrammeRound",
    "RoundNomination",
    "Score",
]
