"""Every edition with jurors, scores or nominations gets one round (position 1, its
deadline the edition's judging close), and every assignment and score joins it: nothing
is lost and a single-round edition behaves as before."""

from django.db import migrations


def forwards(apps, schema_editor):
    JudgingRound = apps.get_model("awards", "JudgingRound")
    JurorAssignment = apps.get_model("awards", "JurorAssignment")
    JurorRole = apps.get_model("awards", "JurorRole")
    Score = apps.get_model("awards", "Score")
    Nomination = apps.get_model("awards", "Nomination")
    programme_ids = (
        set(JurorRole.objects.values_list("programme_id", flat=True))
        | set(Nomination.objects.values_list("programme_id", flat=True))
    )
    for programme_id in programme_ids:
        judging_round, _created = JudgingRound.objects.get_or_create(
            programme_id=programme_id, position=1, defaults={"kind": "final"}
        )
        JurorAssignment.objects.filter(
            juror__programme_id=programme_id, round__isnull=True
        ).update(round=judging_round)
        Score.objects.filter(nomination__programme_id=programme_id, round__isnull=True).update(
            round=judging_round
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_judging_rounds")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
