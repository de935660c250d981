import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_single_round_for_existing_data")]

    operations = [
        migrations.AlterField(
            model_name="jurorassignment",
            name="round",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="assignments",
                to="awards.judginground",
                verbose_name="Judging round",
            ),
        ),
        migrations.AlterField(
            model_name="score",
            name="round",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="scores",
                to="awards.judginground",
                verbose_name="Judging round",
            ),
        ),
    ]
