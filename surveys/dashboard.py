"""The surveys' chart on the network dashboard (network.charts): trust between sectors, as
answered, next to the activity figures.

Each column is a survey round that closed in the period (its closing day and survey); the
series are the mean answer to the questions tagged ``trust``, overall and by the
respondents' sector family. A mean is withheld where fewer than five people gave it
(``surveys.selectors.results_over_time`` applies the rule), so no answer can be told
apart. Three queries whatever the number of rounds.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

#: The tag editors give a question to put it on the dashboard.
TRUST_TAG = "trust"


def trust_chart(filters):
    from network.charts import Chart, Series, family_labels
    from surveys.selectors import results_over_time

    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(filters.start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        filters.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    rows = results_over_time(question_tag=TRUST_TAG, start=start, end=end, region=filters.region)
    rows = [row for row in rows if row["scale"]]
    if not rows:
        return None
    families = family_labels()
    series = [Series(gettext("Everyone who answered"), [row["mean"] for row in rows], mean=True)]
    for key in ("government", "civil_society"):
        series.append(
            Series(
                str(families[key]),
                [row["by_family"].get(key, {}).get("mean") for row in rows],
                mean=True,
            )
        )
    low, high = rows[-1]["scale"]
    return Chart(
        key="trust",
        title=str(_("Trust between sectors, as answered")),
        kind="line",
        column_heading=gettext("Survey"),
        columns=[
            f"{date_format(row['date'], 'SHORT_DATE_FORMAT')} · {row['title']}" for row in rows
        ],
        series=series,
        description=gettext(
            "Mean answer to the survey questions about trust, on a scale from %(low)s to "
            "%(high)s, overall and by the respondent's sector family."
        )
        % {"low": low, "high": high},
        note=gettext("A mean is withheld where fewer than 5 people answered."),
    )
