"""Two submissions at the same moment make one answer (PostgreSQL, real threads)."""

import pytest

from surveys import services
from surveys.errors import SurveyError
from surveys.models import Receipt, Response
from tests.parallel import POSTGRES_CONCURRENCY, in_parallel

pytestmark = POSTGRES_CONCURRENCY


def test_two_submissions_at_once_store_one_answer(survey, open_round, invited):
    answers = {survey.question_list()[0]["id"]: 4}

    def submit():
        return services.answer_submit(round=open_round, member=invited, answers=answers)

    results = in_parallel([submit, submit, submit], return_exceptions=True)
    stored = [r for r in results if isinstance(r, Response)]
    refused = [r for r in results if isinstance(r, SurveyError)]
    assert len(stored) == 1
    assert len(refused) == 2 and {e.code for e in refused} == {"already_answered"}
    assert Response.objects.count() == 1
    assert Receipt.objects.filter(round=open_round, user=invited).count() == 1


@pytest.mark.parametrize("attempts", [2])
def test_two_staff_launching_at_once_make_one_round(staff_results, attempts):
    from community.factories import make_member
    from surveys.factories import SurveyFactory
    from surveys.models import SurveyRound

    survey = SurveyFactory()
    make_member(sector="civil_society")

    def launch():
        return services.survey_launch(survey=survey, by=staff_results)

    results = in_parallel([launch] * attempts, return_exceptions=True)
    assert SurveyRound.objects.filter(survey=survey).count() == 1
    assert sorted(type(r).__name__ for r in results) == ["SurveyError", "SurveyRound"]
