"""Django's abbreviated month names, repeated here so that ``makemessages`` keeps them
in our catalogues, where French and Spanish give them their usual short forms
(« févr. », "dic.") for the ``N`` date format used by SHORT_DATE_FORMAT.

Never imported for its values; our catalogue (LOCALE_PATHS) takes precedence over
Django's own translations of the same strings.
"""

from django.utils.translation import pgettext_lazy

ABBREVIATED_MONTHS = (
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
)
