"""Signed links sent by e-mail: they carry a small value, expire, and cannot
be forged; a broken or late link gets a plain reason, never a 500."""
from django.core import signing
from django.utils.translation import gettext_lazy as _

EXPIRED = _("This link has expired. Start again from the contest page to receive a new one.")
INVALID = _("This link is not valid: it may have been cut or altered. Copy the whole link from the e-mail.")
USED = _("This link has already been used: there is nothing more to do.")


class LinkError(Exception):
    """A link that cannot be followed; str() is the message for the visitor."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _salt(purpose):
    return f"parvis.participation.{purpose}"


def make_token(purpose, value):
    return signing.dumps(value, salt=_salt(purpose), compress=True)


def read_token(purpose, token, max_age=None):
    """The value signed for `purpose`, or LinkError (expired or invalid)."""
    try:
        return signing.loads(token, salt=_salt(purpose), max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkError(EXPIRED) from exc
    except signing.BadSignature as exc:
        raise LinkError(INVALID) from exc
