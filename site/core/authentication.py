"""Signing in, once for every login path: which account an identifier
names, and the throttle against password guessing.

Sign-in forms are throttled by django-axes at the authentication layer
(AxesStandaloneBackend first in AUTHENTICATION_BACKENDS, its
user_login_failed handler): every view that calls authenticate(), today's
(/connexion/, /admin/login/, Wagtail's /_util/login/) and any added later,
is covered without being named. Failures are counted per (account,
client address): the account as resolved from what was typed (the
username in any case, or the account's e-mail address), so spelling it
another way does not start a new count, and per address, so a stranger
cannot lock an élu out from elsewhere.

Wagtail's password forms (a page or a collection of documents restricted
by a shared password) call no authenticate(): throttle_password_form
counts their failures per (client address, restriction) with the same
limit, cool-off and French 429 page."""
from functools import wraps

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.response import TemplateResponse

from . import ratelimit
from .clients import client_address


def account_username(identifier):
    """The username of the one account `identifier` names (its username,
    exactly or in another case, or its e-mail address), or None when it
    names no account or several."""
    value = (identifier or "").strip()
    if not value:
        return None
    user_model = get_user_model()
    field = user_model.USERNAME_FIELD
    names = user_model.objects.values_list(field, flat=True)
    if names.filter(**{field: value}).exists():
        return value
    matches = list(names.filter(Q(**{f"{field}__iexact": value}) | Q(email__iexact=value)).distinct()[:2])
    return matches[0] if len(matches) == 1 else None


def throttled_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the account the attempt is about, so that
    "ELU", "elu" and elu's e-mail address share one failure count."""
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    return account_username(typed) or typed.strip().lower()


def cooloff_seconds():
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_response(request, original_response=None, credentials=None, kind="account"):
    """AXES_LOCKOUT_CALLABLE, and the password forms' refusal: a French
    page, 429, that says when to come back."""
    seconds = cooloff_seconds()
    response = TemplateResponse(
        request, "core/too_many_attempts.html", {"minutes": seconds // 60, "kind": kind}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response.render()  # a middleware's response is not rendered for it


def throttle_password_form(view, restriction_kwarg):
    """Wraps a Wagtail password form view: at AXES_FAILURE_LIMIT wrong
    passwords from one address for one restriction (whatever the page
    named in the URL), it answers 429, then refuses without checking the
    password until the cool-off (from the first failure) has passed."""

    @wraps(view)
    def throttled(request, *args, **kwargs):
        key = f"{kwargs[restriction_kwarg]}\n{client_address(request)}"
        if ratelimit.exceeded("password-form", key, settings.AXES_FAILURE_LIMIT):
            return lockout_response(request, kind="password")
        response = view(request, *args, **kwargs)
        # A right password redirects; a wrong one shows the form again. Like
        # axes, the failure that reaches the limit already answers 429.
        if request.method == "POST" and response.status_code == 200:
            if ratelimit.count("password-form", key, cooloff_seconds()) >= settings.AXES_FAILURE_LIMIT:
                return lockout_response(request, kind="password")
        return response

    return throttled
