"""Wagtail hooks of the private spaces: the admin screens, the log actions,
404 for non-members before Wagtail's own restriction check (which would
send a signed-in non-member to a login page, revealing the space), and
guards that stop a space page from being deleted or copied on its own."""
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from . import invitations
from .pages import SpaceIndexPage, SpacePage
from .space_views import REMINDED
from .viewsets import SpacesViewSetGroup


@hooks.register("register_admin_viewset")
def register_viewsets():
    return SpacesViewSetGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(invitations.INVITED, gettext_lazy("Invite"), gettext_lazy("Invitation sent"))
    actions.register_action(
        invitations.ACCEPTED, gettext_lazy("Accept invitation"), gettext_lazy("Invitation accepted")
    )
    actions.register_action(invitations.REVOKED, gettext_lazy("Revoke invitation"), gettext_lazy("Invitation revoked"))
    actions.register_action(REMINDED, gettext_lazy("Remind"), gettext_lazy("Reminder sent to the non-readers"))


@hooks.register("before_serve_page")
def keep_spaces_private(page, request, serve_args, serve_kwargs):
    """Signed out: sign in first (for any address under the spaces, so that
    their names cannot be probed). Signed in without access: 404."""
    if not isinstance(page, (SpaceIndexPage, SpacePage)):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("commissions:login"))
    if isinstance(page, SpacePage):
        page.access_for(request)  # raises Http404
    return None


def _holds_a_space(page):
    return SpacePage.objects.descendant_of(page, inclusive=True).filter(space__isnull=False).exists()


@hooks.register("before_delete_page")
def refuse_to_delete_space_pages(request, page):
    if _holds_a_space(page):
        messages.error(request, _(
            "This page holds a private space: delete the space itself in Private spaces › Spaces, "
            "which also deletes its group and documents."
        ))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_copy_page")
def refuse_to_copy_space_pages(request, page):
    if _holds_a_space(page):
        messages.error(request, _("A private space cannot be copied: create a new space instead."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


