"""Every refusal the content services can give, declared once (see ``home.errors``)."""

from django.utils.translation import gettext_lazy as _

from home.errors import ServiceError


class StoryError(ServiceError):
    """A member's story proposal was refused."""

    status = 409
    messages = {
        "too_many_pending": _(
            "You already have several stories waiting for our editors. "
            "Please wait until they have been reviewed before sending another."
        ),
    }
