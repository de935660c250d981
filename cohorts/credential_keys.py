"""The platform's issuer keys for verifiable certificates (Ed25519, as JWKs).

Where the key ring comes from, first match wins:

1. ``settings.CREDENTIAL_KEYS`` (env ``CREDENTIAL_KEYS``): the ring as JSON text,
   ``{"current": "<kid>", "keys": [<private JWK>, ...]}``. Read-only: rotating prints
   the new ring for the operator to store.
2. ``settings.CREDENTIAL_KEYS_FILE`` (default ``PRIVATE_ROOT/credentials/issuer-keys.json``),
   written with mode 0600. Never in the repository, never in the database.
3. Neither, and ``settings.CREDENTIAL_KEYS_AUTOGENERATE`` (on in development and tests):
   a fresh key is generated into that file on first use.

In production with none of these, signing raises ``KeysUnavailable`` and
``check --deploy`` warns (``cohorts.W001``). Each key's ``kid`` is its RFC 7638
thumbprint; every key of the ring (current and retired) stays published, so a
credential signed before a rotation still verifies.
"""

import contextlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from joserfc.jwk import OKPKey


class KeysUnavailable(Exception):
    """No issuer key is configured and none may be generated here."""


@dataclass(frozen=True)
class KeyRing:
    current: str
    keys: dict  # kid -> OKPKey (private)
    source: str  # "env" or a file path

    @property
    def signing_key(self) -> OKPKey:
        return self.keys[self.current]

    def public_jwks(self) -> list[dict]:
        """Every key's public half, newest first (the current one leads)."""
        ordered = [self.current, *(kid for kid in reversed(self.keys) if kid != self.current)]
        return [{**self.keys[kid].as_dict(private=False), "kid": kid} for kid in ordered]


_lock = threading.Lock()
_cache: dict = {}


def keys_file() -> Path:
    configured = getattr(settings, "CREDENTIAL_KEYS_FILE", None)
    if configured:
        return Path(configured)
    root = getattr(settings, "PRIVATE_ROOT", None) or Path(settings.BASE_DIR) / "var" / "private"
    return Path(root) / "credentials" / "issuer-keys.json"


def new_key() -> OKPKey:
    key = OKPKey.generate_key("Ed25519", private=True)
    return OKPKey.import_key({**key.as_dict(private=True), "kid": key.thumbprint()})


def _parse(text: str, source: str) -> KeyRing:
    try:
        data = json.loads(text)
        keys = {}
        for item in data["keys"]:
            key = OKPKey.import_key(item)
            if key.as_dict(private=False).get("crv") != "Ed25519" or not key.is_private:
                raise ValueError("issuer keys must be private Ed25519 keys")
            keys[key.thumbprint()] = key
        current = data.get("current") or next(reversed(keys))
        if current not in keys:
            raise ValueError("the current kid is not in the ring")
    except (ValueError, KeyError, TypeError, StopIteration) as exc:
        raise KeysUnavailable(f"The credential key ring in {source} is not valid: {exc}") from exc
    return KeyRing(current=current, keys=keys, source=source)


def serialise(ring: KeyRing) -> str:
    return json.dumps(
        {
            "current": ring.current,
            "keys": [{**key.as_dict(private=True), "kid": kid} for kid, key in ring.keys.items()],
        },
        indent=2,
    )


def _write(path: Path, ring: KeyRing, *, exclusive: bool = False) -> None:
    """Write atomically, mode 0600. ``exclusive``: keep a ring another process wrote first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".keys-")
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w") as out:
            out.write(serialise(ring))
        if exclusive:
            with contextlib.suppress(FileExistsError):
                os.link(temp, path)
            Path(temp).unlink(missing_ok=True)
        else:
            os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def configured() -> bool:
    """Whether a key ring is configured (not merely generated on demand)."""
    return bool(getattr(settings, "CREDENTIAL_KEYS", "")) or keys_file().exists()


def load() -> KeyRing:
    """The key ring (cached per process, reloaded when its file changes)."""
    env_text = getattr(settings, "CREDENTIAL_KEYS", "") or ""
    if env_text:
        cache_key = ("env", env_text)
        if cache_key not in _cache:
            _cache[cache_key] = _parse(env_text, "CREDENTIAL_KEYS")
        return _cache[cache_key]
    path = keys_file()
    with _lock:
        if not path.exists():
            if not getattr(settings, "CREDENTIAL_KEYS_AUTOGENERATE", False):
                raise KeysUnavailable(
                    "No credential signing key: set CREDENTIAL_KEYS or CREDENTIAL_KEYS_FILE, "
                    "or run `manage.py rotate_credential_key`."
                )
            key = new_key()
            ring = KeyRing(current=key.thumbprint(), keys={key.thumbprint(): key}, source="")
            _write(path, ring, exclusive=True)
        cache_key = (str(path), path.stat().st_mtime_ns, path.stat().st_size)
        if cache_key not in _cache:
            _cache[cache_key] = _parse(path.read_text(), str(path))
        return _cache[cache_key]


def rotate() -> tuple[KeyRing, bool]:
    """Add a new key and make it current; the old ones stay in the ring (and published).

    Returns the new ring and whether it was written (a file ring) or must be stored by
    the operator (``CREDENTIAL_KEYS`` from the environment).
    """
    try:
        ring = load()
        keys = dict(ring.keys)
    except KeysUnavailable:
        if getattr(settings, "CREDENTIAL_KEYS", ""):
            raise
        keys = {}
    key = new_key()
    keys[key.thumbprint()] = key
    new = KeyRing(current=key.thumbprint(), keys=keys, source="")
    if getattr(settings, "CREDENTIAL_KEYS", ""):
        return new, False
    with _lock:
        _write(keys_file(), new)
    return new, True


def generate_ring_text() -> str:
    """A new one-key ring as JSON, e.g. for ``CREDENTIAL_KEYS`` (``python -m`` this)."""
    key = new_key()
    return serialise(KeyRing(current=key.thumbprint(), keys={key.thumbprint(): key}, source=""))


if __name__ == "__main__":
    print(generate_ring_text())  # noqa: T201
