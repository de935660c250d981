"""Surveys are translated with wagtail-localize: labels are offered to translators, the
question ids and the stable tag are not, so answers in every language add up."""

import pytest

from surveys.factories import SurveyFactory

pytestmark = pytest.mark.django_db


def test_a_translated_survey_keeps_its_question_ids_and_tag(site):
    from wagtail.models import Locale

    from wagtail_localize.models import String, TranslationSource

    survey = SurveyFactory(title="Network survey")
    source, _created = TranslationSource.get_or_create_from_instance(survey)
    offered = set(String.objects.filter(segments__source=source).values_list("data", flat=True))
    assert "How much do you trust people in the other sector family?" in offered
    assert "trust" not in offered  # the tag stays the same in every language

    french, _created = source.create_or_update_translation(
        Locale.objects.get(language_code="fr"), fallback=True
    )
    assert [q["id"] for q in french.question_list()] == [q["id"] for q in survey.question_list()]
    assert french.question_list()[0]["tag"] == "trust"
    assert french.canonical == survey
    assert survey.localized_for("fr") == french
