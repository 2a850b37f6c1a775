"""Admin screens of the private spaces, built on Wagtail's own ModelViewSet
(not wagtail-modeladmin, in maintenance mode): spaces with their members
inline, memberships across spaces, publications with their read counts
and readers, and invitations with their status, revocation and history.

The screens use Django model permissions: only superusers and groups
explicitly given the commissions permissions see them, and they see every
space (responsables do their work from the front end, inside their space)."""
from django.contrib import messages
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery
from django.http import HttpResponseRedirect
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import invitations
from .forms import PublicationAdminForm
from .models import Invitation, Membership, Publication, Space
from .notifications import after_commit, notify_publication
from .readings import reading_status, record_reading


class SpaceIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(member_count=Count("memberships"))


class SpaceViewSet(ModelViewSet):
    model = Space
    name = "spaces"
    icon = "group"
    menu_label = gettext_lazy("Spaces")
    index_view_class = SpaceIndexView
    list_display = ["name", "kind", Column("member_count", label=gettext_lazy("members"), sort_key="member_count")]
    list_filter = ["kind"]
    search_fields = ["name"]
    copy_view_enabled = False


class MembershipViewSet(ModelViewSet):
    model = Membership
    name = "space_members"
    icon = "user"
    menu_label = gettext_lazy("Members")
    list_display = ["user", "space", "role", "notify"]
    list_filter = ["space", "role", "notify"]
    panels = [FieldPanel("space"), FieldPanel("user"), FieldPanel("role"), FieldPanel("notify")]
    copy_view_enabled = False


def _members_of_space():
    return Subquery(
        Membership.objects.filter(space=OuterRef("space")).values("space").annotate(n=Count("pk")).values("n"),
        output_field=IntegerField(),
    )


class PublicationIndexView(generic.IndexView):
    """Read statistics: "read by 12 / 19" for each publication (current
    members only)."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("space", "author").annotate(
            read_count=Count("readings", filter=Q(readings__user__space_memberships__space=F("space"))),
            member_count=_members_of_space(),
        )


class ReadCountColumn(Column):
    def get_value(self, instance):
        return _("%(read)s / %(members)s") % {"read": instance.read_count, "members": instance.member_count or 0}


class PublicationCreateView(generic.CreateView):
    def get_initial(self):
        return {**super().get_initial(), "author": self.request.user.pk}

    def save_instance(self):
        publication = super().save_instance()
        if publication.author:
            record_reading(publication, publication.author)
        after_commit(notify_publication, publication.pk)
        return publication


class PublicationInspectView(generic.InspectView):
    """A publication's readers (with the date of their first reading) and
    the members who have not read it."""

    extra_fields = {"readers": gettext_lazy("read by"), "non_readers": gettext_lazy("not read yet by")}

    def get_field_label(self, field_name, field):
        if field_name in self.extra_fields:
            return str(self.extra_fields[field_name]).capitalize()
        return super().get_field_label(field_name, field)

    def get_readers_display_value(self):
        readers = reading_status(self.object).readers
        return "; ".join(
            f"{m.user.get_full_name() or m.user} ({localtime(read_at):%d/%m/%Y %H:%M})" for m, read_at in readers
        ) or "-"

    def get_non_readers_display_value(self):
        return "; ".join(str(m.user.get_full_name() or m.user) for m in reading_status(self.object).non_readers) or "-"


class PublicationViewSet(ModelViewSet):
    model = Publication
    name = "space_publications"
    icon = "doc-full"
    menu_label = gettext_lazy("Publications")
    index_view_class = PublicationIndexView
    add_view_class = PublicationCreateView
    inspect_view_class = PublicationInspectView
    inspect_view_enabled = True
    inspect_view_fields = ["space", "title", "author", "published_at", "readers", "non_readers"]
    list_display = ["title", "space", "author", "published_at",
                    ReadCountColumn("read_count", label=gettext_lazy("read by"), sort_key="read_count")]
    list_filter = ["space"]
    search_fields = ["title"]
    edit_handler = ObjectList(Publication.panels, base_form_class=PublicationAdminForm)
    copy_view_enabled = False


class InvitationCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return invitations.invite(data["space"], data["email"], self.request.user)


class InvitationRevokeView(generic.DeleteView):
    """Revoking keeps the invitation and its history (a deletion would not)."""

    page_title = gettext_lazy("Revoke")

    @property
    def confirmation_message(self):
        if self.object.status != Invitation.Status.PENDING:
            return _("This invitation is %(status)s: there is nothing to revoke.") % {
                "status": self.object.get_status_display()
            }
        return _("Revoke the invitation of %(email)s? Its link will stop working.") % {"email": self.object.email}

    def get_delete_url(self):
        return self.request.path

    def form_valid(self, form):
        if invitations.revoke(self.object, self.request.user):
            messages.success(self.request, _("The invitation of %(email)s is revoked.") % {"email": self.object.email})
        return HttpResponseRedirect(self.get_success_url())


class InvitationViewSet(ModelViewSet):
    model = Invitation
    name = "space_invitations"
    icon = "mail"
    menu_label = gettext_lazy("Invitations")
    add_view_class = InvitationCreateView
    # "Edit" on an invitation means revoking it: its address and space are
    # those the e-mail was sent for, and stay so.
    edit_view_class = InvitationRevokeView
    inspect_view_enabled = True
    inspect_view_fields = ["space", "email", "status", "created_by", "created_at", "expires_at",
                           "accepted_at", "accepted_by", "revoked_at", "revoked_by"]
    list_display = ["email", "space", "status", "created_by", "created_at", "expires_at"]
    list_filter = ["space"]
    search_fields = ["email"]
    copy_view_enabled = False

    def get_edit_view_kwargs(self, **kwargs):
        return {"template_name": "wagtailadmin/generic/confirm_delete.html", "permission_required": "change", **kwargs}


class SpacesViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Private spaces")
    menu_icon = "group"
    menu_order = 250
    items = (SpaceViewSet, MembershipViewSet, PublicationViewSet, InvitationViewSet)
