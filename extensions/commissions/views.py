"""Front-end views outside the spaces: signing in and out, resetting a
password by e-mail (Django's views, with our templates), "Mes espaces",
the invitation link of an outsider and the unsubscription link of the
notifications."""
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import invitations, unsubscribe
from .access import convocations_for, spaces_for, upcoming_meetings
from .forms import InvitationAcceptForm, SignInForm, SitePasswordResetForm
from .readings import unread_publications

LOGIN_URL = reverse_lazy("commissions:login")
UNREAD_SHOWN = 5


class SignInView(auth_views.LoginView):
    template_name = "commissions/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    next_page = reverse_lazy("commissions:my_spaces")


class SignOutView(auth_views.LogoutView):
    next_page = "/"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You are signed out."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "commissions/password_reset_form.html"
    form_class = SitePasswordResetForm
    success_url = reverse_lazy("commissions:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "commissions/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "commissions/password_reset_confirm.html"
    success_url = reverse_lazy("commissions:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "commissions/password_reset_complete.html"


@never_cache
@login_required(login_url=LOGIN_URL)
def my_spaces(request):
    """First the convocations I still have to confirm (soonest first), then
    my other convocations, then each space I belong to with what I have not
    read and what is next."""
    user = request.user
    entries = []
    for space in spaces_for(user).select_related("page"):
        unread = unread_publications(space, user).select_related("space__page")
        entries.append({
            "space": space,
            "url": space.get_url(request),
            "unread_count": unread.count(),
            "unread": [(item, item.get_url(request)) for item in unread[:UNREAD_SHOWN]],
            "meetings": upcoming_meetings(space, user),
        })
    to_confirm, convocations = convocations_for(request)
    return TemplateResponse(request, "commissions/my_spaces.html", {
        "entries": entries, "to_confirm": to_confirm, "convocations": convocations,
    })


INVITATION_PROBLEMS = {
    "accepted": gettext_lazy(
        "This invitation has already been used. If it was you, sign in with your e-mail address and password."
    ),
    "revoked": gettext_lazy("This invitation has been withdrawn. Ask the person who invited you if needed."),
    "expired": gettext_lazy(
        "This invitation has expired (links are valid for 7 days). Ask the person who invited you for a new one."
    ),
}


def _invitation_page(request, context, status=200):
    response = TemplateResponse(request, "commissions/invitation.html", context, status=status)
    response["Referrer-Policy"] = "no-referrer"  # the secret link must not leak to other sites
    return response


@never_cache
def invitation(request, token):
    """An outsider's personal link: create an account (or sign in with an
    existing one), then land in the one space of the invitation."""
    found = invitations.find(token)
    if found is None:
        return _invitation_page(request, {"problem": _("This invitation link is not valid.")}, status=404)
    if found.status != found.Status.PENDING:
        return _invitation_page(request, {"problem": INVITATION_PROBLEMS[found.status]}, status=410)
    account = invitations.existing_account(found)
    if account is None:
        return _accept_with_new_account(request, found)
    return _accept_with_existing_account(request, found, account)


def _accept_with_new_account(request, found):
    user = invitations.create_guest_account(found, "", "")
    form = InvitationAcceptForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        user.first_name, user.last_name = form.cleaned_data["first_name"], form.cleaned_data["last_name"]
        return _finish(request, found, form, user)
    return _invitation_page(request, {"invitation": found, "form": form}, status=400 if form.errors else 200)


def _finish(request, found, form, user):
    """Account and membership together, or neither: a second submission of
    the form (double click, two tabs) finds the invitation used."""
    try:
        with transaction.atomic():
            form.set_password_and_save(user)
            if not invitations.accept(found, user):
                raise IntegrityError("invitation no longer pending")
    except IntegrityError:
        return _invitation_page(request, {"problem": _("This invitation is no longer valid.")}, status=410)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return _welcome(request, found)


def _welcome(request, found):
    messages.success(request, _("Welcome to %(space)s.") % {"space": found.space.name})
    return redirect(found.space.get_url(request) or "commissions:my_spaces")


def _accept_with_existing_account(request, found, account):
    """The address already has an account: its owner signs in, then joins."""
    if request.user.pk != account.pk:
        return _invitation_page(request, {
            "invitation": found, "sign_in_first": True, "other_account": request.user.is_authenticated,
        })
    if request.method == "POST":
        if not invitations.accept(found, account):
            return _invitation_page(request, {"problem": _("This invitation is no longer valid.")}, status=410)
        return _welcome(request, found)
    return _invitation_page(request, {"invitation": found, "join": True})


def _unsubscribe(request, token, status=200, problem=""):
    memberships = unsubscribe.memberships_for(token)
    if not memberships:  # changed, or its memberships are gone
        problem, status = _("This link is not valid."), 404
    if problem:
        return TemplateResponse(request, "commissions/unsubscribe.html", {"problem": problem}, status=status)
    done = request.method == "POST"
    if done:
        unsubscribe.turn_off(memberships)
    response = TemplateResponse(request, "commissions/unsubscribe.html",
                                {"spaces": [membership.space for membership in memberships], "done": done})
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe_notifications(request, token):
    """The link of the message: opening it asks for a click (mail scanners
    fetch links); the click (a form with its CSRF token) turns them off."""
    return _unsubscribe(request, token)


@csrf_exempt  # RFC 8058: the mail client POSTs without cookies; the signed token is the credential
@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe_one_click(request, token):
    """The address of List-Unsubscribe: the mail client's POST (body
    `List-Unsubscribe=One-Click`) turns the e-mails off, once or again; a
    browser opening it is sent to the page that asks."""
    if request.method == "GET":
        return redirect("commissions:unsubscribe", token=token)
    if request.POST.get("List-Unsubscribe") != "One-Click":
        return _unsubscribe(request, token, status=400, problem=_(
            "This address only answers a mail client's one-click unsubscription. "
            "Open the link of the message instead."))
    return _unsubscribe(request, token)
