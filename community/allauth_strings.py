"""allauth strings whose own Spanish says *tú*: repeated here so that ``makemessages``
keeps them in our catalogues, where they say *usted* (our LOCALE_PATHS take precedence
over allauth's translations of the same msgids). Never imported for its values.

Pages and emails we override under templates/account/ use our own strings instead;
this list is for allauth pages we keep (email addresses, two-step verification, limits).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

ALLAUTH_STRINGS = (
    _(
        '<strong>Note:</strong> you can still <a href="%(email_url)s">change your email '
        "address</a>."
    ),
    _("Are you sure you want to remove this security key?"),
    _("Be patient, you are sending too many requests."),
    _(
        "If you choose to trust this browser, you will not be asked for a verification code "
        "the next time you sign in."
    ),
    _(
        "You are about to create a passkey for your account. As you can add additional keys "
        "later on, you can use a descriptive name to tell the keys apart."
    ),
    _("You cannot generate recovery codes without having two-factor authentication enabled."),
    _(
        "You currently do not have any email address set up. You should really add an email "
        "address so you can receive notifications, reset your password, etc."
    ),
    ngettext_lazy(
        "You have added %(count)s security key.", "You have added %(count)s security keys.", "count"
    ),
)
