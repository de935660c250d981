from django.utils.translation import gettext_lazy as _

from home.notify import Kind, register

register(Kind("surveys.invitation", _("An invitation to answer a survey")))
