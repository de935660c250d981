"""What a space shares: links and files. Files are checked by their bytes and stored
privately (``home.private_files``); they are served to the space's members, and to
anyone when the space is public (open or on request)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.private_files import PrivateStorage, generated_name

MAX_TITLE = 150
MAX_DESCRIPTION = 500

private_storage = PrivateStorage(area="groups")


def resource_path(instance, filename):
    return generated_name("resources", instance.content_type)


class Resource(models.Model):
    space = models.ForeignKey("spaces.Space", on_delete=models.CASCADE, related_name="resources")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=MAX_TITLE, verbose_name=_("Title"))
    description = models.TextField(
        max_length=MAX_DESCRIPTION, blank=True, verbose_name=_("Description")
    )
    url = models.URLField(max_length=500, blank=True, verbose_name=_("Link"))
    file = models.FileField(
        storage=private_storage, upload_to=resource_path, max_length=200, blank=True
    )
    original_name = models.CharField(max_length=200, blank=True, verbose_name=_("File name"))
    content_type = models.CharField(max_length=40, blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    #: Removed by a host: kept for the record, shown to nobody.
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Resource")
        verbose_name_plural = _("Resources")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["space", "created_at"], name="resource_order")]

    def __str__(self):
        return self.title

    @property
    def is_file(self) -> bool:
        return bool(self.file)
