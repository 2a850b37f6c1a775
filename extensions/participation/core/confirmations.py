"""Actions confirmed by an e-mail link. A purpose (submission, parental
consent, vote...) registers a handler and how long its links live; the link
carries a signed, expiring reference to a Confirmation, which can be used
once. A handler that refuses raises LinkError: its transaction is rolled
back, so a refused link changes nothing."""
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import mail
from core.links import INVALID, USED, LinkError, make_token, read_token

from .identity import ip_key, normalise_email
from .models import Confirmation

TOKEN_PURPOSE = "confirm"
EXPIRED = _("This link has expired. Start again from the contest page to receive a new one.")


def sign(purpose, value):
    """The token of a contest link (core.links, salted per purpose)."""
    return make_token(f"parvis.participation.{purpose}", value)


def unsign(purpose, token, max_age=None):
    """The value of a contest link, or LinkError in the contest's words."""
    return read_token(f"parvis.participation.{purpose}", token, max_age, expired=EXPIRED)


@dataclass
class Outcome:
    """What the visitor reads once a link has done its work."""

    title: str
    message: str
    page: object = None
    links: list = field(default_factory=list)  # (label, url) pairs


@dataclass
class Purpose:
    handler: object
    max_age: timedelta
    button: str  # the label of the button that confirms


PURPOSES = {}


def register(name, max_age, button):
    """Decorator: handler(confirmation, request) -> Outcome, called once."""

    def decorator(handler):
        PURPOSES[name] = Purpose(handler=handler, max_age=max_age, button=button)
        return handler

    return decorator


def create(purpose, email, *, page=None, payload=None, request=None):
    return Confirmation.objects.create(
        purpose=purpose, email=normalise_email(email), page=page, payload=payload or {},
        ip_key=ip_key(request) if request else "",
    )


def link(confirmation):
    """The absolute link to put in the e-mail."""
    token = sign(TOKEN_PURPOSE, {"c": confirmation.pk, "p": confirmation.purpose})
    return mail.absolute_url(reverse("participation:confirm", args=[token]), mail.site_of(confirmation.page))


def expires_at(confirmation):
    return confirmation.created_at + PURPOSES[confirmation.purpose].max_age


def load(token):
    """The Confirmation a link points to, still unused and in time; or
    LinkError with the reason (tampered, expired, already used)."""
    value = unsign(TOKEN_PURPOSE, token)
    purpose = PURPOSES.get(value.get("p")) if isinstance(value, dict) else None
    if purpose is None:
        raise LinkError(INVALID)
    unsign(TOKEN_PURPOSE, token, max_age=purpose.max_age)
    confirmation = Confirmation.objects.filter(pk=value.get("c"), purpose=value["p"]).first()
    if confirmation is None:  # erased or purged since
        raise LinkError(INVALID)
    if confirmation.used_at:
        raise LinkError(USED)
    return confirmation


def button_label(confirmation):
    return PURPOSES[confirmation.purpose].button


def consume(confirmation, request):
    """Marks the confirmation used and runs its handler, atomically: of two
    simultaneous clicks, one acts and the other is told the link was used."""
    with transaction.atomic():
        claimed = Confirmation.objects.filter(pk=confirmation.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if not claimed:
            raise LinkError(USED)
        return PURPOSES[confirmation.purpose].handler(confirmation, request)
