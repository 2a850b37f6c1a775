"""Signed links and hashed tokens, once for every app.

A signed link carries a small value (django.core.signing, salted per use,
optionally expiring): nothing is stored and any change breaks it. A secret
that must be revocable (an invitation, a private calendar feed) is stored
only as its SHA-256, so a database leak gives no usable link. Whatever
goes wrong, the visitor gets a LinkError with a plain reason, never a 500."""
import hashlib
import secrets

from django.core import signing
from django.utils.translation import gettext_lazy as _

EXPIRED = _("This link has expired.")
INVALID = _("This link is not valid: it may have been cut or altered. Copy the whole link from the e-mail.")
USED = _("This link has already been used: there is nothing more to do.")


class LinkError(Exception):
    """A link that cannot be followed. `message` is the reason for the
    visitor; `expired` and `status` (404 unknown, 410 withdrawn) let a view
    word its own page."""

    def __init__(self, message=INVALID, *, expired=False, status=404):
        super().__init__(str(message))
        self.message = message
        self.expired = expired
        self.status = status


def make_token(salt, value):
    """A URL-safe token carrying `value` (anything JSON), signed for `salt`."""
    return signing.dumps(value, salt=salt, compress=True)


def read_token(salt, token, max_age=None, expired=EXPIRED):
    """The value signed for `salt`, or LinkError (`expired`: the message of
    a link past its max_age, in seconds or a timedelta)."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkError(expired, expired=True) from exc
    except signing.BadSignature as exc:
        raise LinkError(INVALID) from exc


def hash_token(raw_token):
    """What is stored of a secret token: its SHA-256, in hexadecimal."""
    return hashlib.sha256(raw_token.encode()).hexdigest()


def new_secret():
    """(raw, hash) of a fresh secret: the raw one goes into the link only."""
    raw = secrets.token_urlsafe(32)
    return raw, hash_token(raw)
