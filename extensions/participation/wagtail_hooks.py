"""The admin of contests: the moderation listing of entries (a Wagtail
snippet viewset: filters, inspect view with the photo, history of logged
actions, bulk approve / reject / shortlist), the jury, contest and personal
data screens under one "Participation" menu, and the log actions."""
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.choosers import PermissionCheckedChooserViewSet

from . import admin_urls, moderation
from .forms import RejectionForm
from .models import Entry


class EntryPermissionPolicy(ModelPermissionPolicy):
    """Nobody, superusers included, creates an entry by hand."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Entry, EntryPermissionPolicy(Entry))


def thumbnail(entry):
    return format_html(
        '<img src="{}" alt="{}" width="96" loading="lazy">',
        reverse("participation_admin:preview", args=[entry.pk, 480]), entry.description,
    )


class EntryViewSet(SnippetViewSet):
    model = Entry
    icon = "image"
    menu_label = _("Contest entries")
    add_to_admin_menu = False
    list_display = [
        Column("thumbnail", label=_("Photo"), accessor=thumbnail),
        "title", "contest", "category",
        Column("status", label=_("Status"), accessor="get_status_display"),
        "shortlisted", DateColumn("submitted_at", label=_("Submitted at")),
    ]
    list_filter = ["status", "contest", "category", "shortlisted"]
    search_fields = ["title", "description", "author_name"]
    search_backend_name = None  # plain database search on search_fields
    list_per_page = 50
    ordering = ["-submitted_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_template_name = "participation/admin/entry_inspect.html"
    inspect_view_fields = [
        "contest", "category", "title", "description", "author_name", "email", "age", "commune",
        "parent_name", "parent_email", "people", "status", "rejection_reason", "shortlisted", "submitted_at",
        "rules_version",
    ]
    panels = ["title", "description"]
    # Pending and rejected entries: the chooser is for the moderators only.
    chooser_viewset_class = PermissionCheckedChooserViewSet

    def get_queryset(self, request):
        return Entry.objects.select_related("contest", "category")


entry_viewset = EntryViewSet()
register_snippet(entry_viewset)


class EntryBulkAction(SnippetBulkAction):
    models = [Entry]
    template_name = "participation/admin/bulk_confirm.html"
    success_message = ""

    def check_perm(self, entry):
        return self.request.user.has_perm("participation.change_entry")

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class ApproveBulkAction(EntryBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected entries")
    success_message = _("%(count)s entries approved.")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderation.approve(objects, user), 0


@hooks.register("register_bulk_action")
class RejectBulkAction(EntryBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected entries")
    form_class = RejectionForm
    classes = {"serious"}
    success_message = _("%(count)s entries rejected; their authors are told why.")

    def get_execution_context(self):
        return {**super().get_execution_context(), "reason": self.cleaned_form.cleaned_data["reason"]}

    @classmethod
    def execute_action(cls, objects, user=None, reason="", **kwargs):
        return moderation.reject(objects, user, reason), 0


@hooks.register("register_bulk_action")
class ShortlistBulkAction(EntryBulkAction):
    display_name = _("Shortlist")
    action_type = "shortlist"
    aria_label = _("Add the selected entries to the shortlist")
    success_message = _("%(count)s entries shortlisted.")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderation.set_shortlisted(objects, user, True), 0


@hooks.register("register_bulk_action")
class UnshortlistBulkAction(EntryBulkAction):
    display_name = _("Remove from shortlist")
    action_type = "unshortlist"
    aria_label = _("Remove the selected entries from the shortlist")
    success_message = _("%(count)s entries removed from the shortlist.")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderation.set_shortlisted(objects, user, False), 0


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("participation/", include(admin_urls, namespace="participation_admin"))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class JuryMenuItem(MenuItem):
    """Staff who also sit on a jury find its screens (on the front end)."""

    def is_shown(self, request):
        return request.user.juried_contests.exists()


@hooks.register("register_admin_menu_item")
def participation_menu():
    moderate = "participation.change_entry"
    return SubmenuMenuItem(_("Participation"), Menu(items=[
        PermissionMenuItem(_("Entries"), reverse(entry_viewset.get_url_name("list")), icon_name="image",
                           order=100, permission="participation.view_entry"),
        PermissionMenuItem(_("Contests"), reverse("participation_admin:contests"), icon_name="calendar-check",
                           order=200, permission=moderate),
        JuryMenuItem(_("Jury"), reverse("participation:jury"), icon_name="glasses", order=300),
        PermissionMenuItem(_("Personal data requests"), reverse("participation_admin:data_request"),
                           icon_name="user", order=400, permission=moderate),
    ]), icon_name="group", order=450)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label, message in [
        ("participation.submit", _("Submit"), _("Entry submitted and confirmed")),
        ("participation.approve", _("Approve"), _("Entry approved")),
        ("participation.reject", _("Reject"), _("Entry rejected")),
        ("participation.shortlist", _("Shortlist"), _("Entry shortlisted")),
        ("participation.unshortlist", _("Remove from shortlist"), _("Entry removed from the shortlist")),
        ("participation.author_edit", _("Edit by the author"), _("Entry edited by its author, back to moderation")),
        ("participation.author_withdraw", _("Withdrawal"), _("Entry withdrawn by its author")),
        ("participation.winner_notified", _("Winner notified"), _("Winner notified by e-mail")),
        ("participation.to_library", _("Copy to the library"), _("Photo copied to the image library")),
        ("participation.export", _("Export"), _("Contest data exported")),
        ("participation.purge", _("Purge"), _("Personal data purged")),
        ("participation.erasure", _("Erasure"), _("Personal data erased on request")),
    ]:
        actions.register_action(action, label, message)
