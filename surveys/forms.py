from django import forms

from home import questions


class AnswerForm(forms.Form):
    """One field per question of the survey, in the reader's language (home.questions)."""

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = survey.question_list()
        questions.add_fields(self, self.questions)

    def answers(self) -> dict:
        return questions.answers_from(self, self.questions)
