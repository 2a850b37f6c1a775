"""Bot protection without any third party: a honeypot field, rate limits
per connection and per e-mail address (core.ratelimit), and a
proof-of-work challenge in the manner of ALTCHA (same payload format): the browser must find the number behind a
SHA-256 hash, which costs a person a second and a spam run a fortune."""
import base64
import hashlib
import hmac
import json
import secrets
import time

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from core.ratelimit import within_limit

ALGORITHM = "SHA-256"
CHALLENGE_LIFETIME = 20 * 60  # seconds to solve and send the form

REFUSED = _("Your message could not be accepted. If you are not a robot, please try again.")
POW_MISSING = _(
    "The anti-robot check has not finished. Wait for the message “Check done” under the form, "
    "then send it again (JavaScript must be enabled)."
)


def max_number():
    """The difficulty: the secret number is drawn below this."""
    return getattr(settings, "PARTICIPATION_POW_MAX_NUMBER", 50_000)


def _signature(challenge):
    return salted_hmac("parvis.participation.pow", challenge, algorithm="sha256").hexdigest()


def _hash(salt, number):
    return hashlib.sha256(f"{salt}{number}".encode()).hexdigest()


def new_challenge():
    """A challenge for the browser (JSON-ready, ALTCHA's field names)."""
    salt = f"{secrets.token_hex(12)}?expires={int(time.time()) + CHALLENGE_LIFETIME}"
    challenge = _hash(salt, secrets.randbelow(max_number() + 1))
    return {
        "algorithm": ALGORITHM, "challenge": challenge, "maxnumber": max_number(),
        "salt": salt, "signature": _signature(challenge),
    }


def solve(challenge):
    """The payload a browser would send back (for tests and tools)."""
    for number in range(challenge["maxnumber"] + 1):
        if _hash(challenge["salt"], number) == challenge["challenge"]:
            fields = {k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")}
            return base64.b64encode(json.dumps({**fields, "number": number}).encode()).decode()
    raise ValueError("unsolvable challenge")


def verify(payload):
    """True when `payload` solves a challenge we issued, in time, for the
    first time (a solution cannot be replayed)."""
    try:
        data = json.loads(base64.b64decode(payload, validate=True))
        challenge, salt, number = data["challenge"], data["salt"], int(data["number"])
        expires = int(salt.rsplit("?expires=", 1)[1])
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return False
    valid = (
        data.get("algorithm") == ALGORITHM
        and hmac.compare_digest(str(data.get("signature", "")), _signature(challenge))
        and _hash(salt, number) == challenge
        and expires > time.time()
    )
    return valid and cache.add(f"participation:pow:{challenge}", 1, CHALLENGE_LIFETIME)


def rate_limits():
    """(limit, window in seconds) per scope; PARTICIPATION_RATE_LIMITS
    overrides any of them."""
    limits = {
        "submit-ip": (10, 3600), "submit-email": (5, 24 * 3600),
        "vote-ip": (30, 3600), "vote-email": (20, 3600),
    }
    limits.update(getattr(settings, "PARTICIPATION_RATE_LIMITS", {}))
    return limits


def allowed(scope, key):
    limit, window = rate_limits()[scope]
    return within_limit(scope, key, limit, window)


class BotProtectedForm(forms.Form):
    """A form with a honeypot (a field people never see, so never fill) and
    the proof-of-work solution written by participation/js/contest.js."""

    website = forms.CharField(label=_("Leave this field empty"), required=False)
    altcha = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(REFUSED, code="honeypot")
        if not verify(cleaned.get("altcha", "")):
            raise forms.ValidationError(POW_MISSING, code="pow")
        return cleaned
