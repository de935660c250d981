"""Uploads kept across a form error (issue 11): nobody chooses the same file twice.

When a form comes back with an error, the files it received that passed their own
checks are saved to a private pending area (outside MEDIA_ROOT, no URL) and the form
carries a signed token for each. The next submission of the form brings them back as
uploads, as if chosen again; the form says which files it kept, with a tick box to
leave one out. A token names its file, the person who chose it and when: another
member's token, an altered one or one older than a day brings nothing back.
``pending_purge`` deletes what nobody came back for (``home.tasks.pending_uploads_purge``).
"""

import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

SALT = "home.pending_uploads"
#: How long a kept file waits for the form to come back (seconds).
MAX_AGE = 24 * 60 * 60


def _root() -> Path:
    default = Path(settings.BASE_DIR) / "var" / "private" / "pending"
    return Path(getattr(settings, "PENDING_UPLOADS_ROOT", default)).resolve()


def _storage() -> FileSystemStorage:
    return FileSystemStorage(location=str(_root()), base_url=None)


def _owner(user) -> int | None:
    return user.pk if user is not None and getattr(user, "is_authenticated", False) else None


def pending_stash(upload, *, user) -> str | None:
    """Save ``upload`` to the pending area; its token, or None for a visitor."""
    owner = _owner(user)
    if owner is None:
        return None
    stored = _storage().save(uuid.uuid4().hex, upload)
    upload.seek(0)
    return signing.dumps(
        {"f": stored, "n": upload.name, "t": getattr(upload, "content_type", ""), "u": owner},
        salt=SALT,
        compress=True,
    )


def pending_restore(token: str, *, user):
    """The upload ``token`` stands for, as a fresh upload; None if it is not theirs,
    altered, too old or gone."""
    owner = _owner(user)
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if owner is None or data.get("u") != owner:
        return None
    storage = _storage()
    name = str(data.get("f", ""))
    if not name or Path(name).name != name or not storage.exists(name):
        return None
    with storage.open(name, "rb") as handle:
        content = handle.read()
    upload = SimpleUploadedFile(
        str(data.get("n") or "file"), content, content_type=data.get("t") or None
    )
    upload.pending_token = token
    return upload


def pending_purge(*, max_age: int = MAX_AGE, now: float | None = None) -> int:
    """Delete kept files older than ``max_age`` seconds; how many were deleted."""
    root = _root()
    if not root.is_dir():
        return 0
    cutoff = (now or time.time()) - max_age
    deleted = 0
    for path in root.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted
