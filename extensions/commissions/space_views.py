"""What members do inside a space, served by SpacePage's sub-routes: read
the list and the publications, publish, comment, remind the non-readers,
choose their notifications, invite and revoke outsiders.

Every function receives the SpaceAccess that SpacePage.access_for checked;
an object of another space answers 404 like a missing one."""
import os
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.documents import get_document_model
from wagtail.log_actions import log

from . import invitations
from .access import upcoming_meetings
from .forms import CommentForm, InvitationForm, NotificationForm, PublicationForm, ReminderForm
from .models import Invitation, Membership, Publication, PublicationAttachment, Reminder
from .notifications import after_commit, notify_comment, notify_publication, send_reminder
from .readings import reading_status, record_reading, with_read_flag

PER_PAGE = 20
REMINDED = "commissions.reminder"
ROLE_ORDER = [Membership.Role.PRESIDENT, Membership.Role.REFERENT, Membership.Role.MEMBER, Membership.Role.GUEST]


def _render(request, template, page, access, context, status=200):
    return TemplateResponse(
        request, f"commissions/{template}.html",
        {"page": page, "self": page, "space": access.space, "access": access, **context},
        status=status,
    )


def _members(space):
    """Members by role (chair first), then by name."""
    rank = Case(*(When(role=role, then=Value(i)) for i, role in enumerate(ROLE_ORDER)), output_field=IntegerField())
    return (
        space.memberships.select_related("user")
        .annotate(rank=rank)
        .order_by("rank", "user__last_name", "user__first_name", "user__username")
    )


def _publications(space, user, with_counts):
    publications = with_read_flag(space.publications.select_related("author"), user).annotate(
        comment_count=Count("comments", distinct=True)
    ).order_by("-published_at", "-pk")
    if with_counts:
        # Readings of people who are still members (Reading rows outlive a
        # membership; the counter must not).
        publications = publications.annotate(read_count=Count(
            "readings", distinct=True, filter=Q(readings__user__space_memberships__space=space)
        ))
    return publications


def home(request, page, access, **forms):
    """The space's home: publications (new ones marked), members,
    notification choice and, for those who run it, invitations."""
    space, user = access.space, request.user
    paginator = Paginator(_publications(space, user, access.can_manage), PER_PAGE)
    context = {
        "publications": paginator.get_page(request.GET.get("page")),
        "members": _members(space),
        "member_count": space.memberships.count(),
        "meetings": upcoming_meetings(space, user),
        "notification_form": forms.get("notification_form")
        or (NotificationForm(instance=access.membership) if access.membership else None),
    }
    if access.can_manage:
        context["invitation_form"] = forms.get("invitation_form") or InvitationForm(space=space)
        context["pending_invitations"] = space.invitations.pending().select_related("created_by")
    return _render(request, "space_page", page, access, context, status=400 if forms else 200)


@require_POST
def notifications(request, page, access):
    if access.membership is None:
        raise Http404
    form = NotificationForm(request.POST, instance=access.membership)
    if not form.is_valid():
        return home(request, page, access, notification_form=form)
    form.save()
    messages.success(request, _("Your notification choice is saved."))
    return redirect(page.get_url(request))


@require_POST
def invite(request, page, access):
    if not access.can_manage:
        raise PermissionDenied
    form = InvitationForm(request.POST, space=access.space)
    if not form.is_valid():
        return home(request, page, access, invitation_form=form)
    invitation = invitations.invite(access.space, form.cleaned_data["email"], request.user)
    messages.success(request, _("An invitation valid for 7 days was sent to %(email)s.") % {"email": invitation.email})
    return redirect(page.get_url(request))


@require_POST
def revoke_invitation(request, page, access, invitation_id):
    if not access.can_manage:
        raise PermissionDenied
    invitation = get_object_or_404(Invitation, pk=invitation_id, space=access.space)
    if invitations.revoke(invitation, request.user):
        messages.success(request, _("The invitation of %(email)s is revoked.") % {"email": invitation.email})
    else:
        messages.info(request, _("This invitation was no longer pending."))
    return redirect(page.get_url(request))


def new_publication(request, page, access):
    if not access.can_publish:
        raise PermissionDenied
    form = PublicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        publication = _publish(access, form, request.user)
        messages.success(request, _("Your publication is online; the members are told."))
        return redirect(publication.get_url(request))
    return _render(request, "publication_form", page, access, {"form": form}, status=400 if form.errors else 200)


def _publish(access, form, author):
    """Saves a publication with its files, stored as documents of the
    space's private collection."""
    Document = get_document_model()
    with transaction.atomic():
        publication = Publication.objects.create(
            space=access.space, title=form.cleaned_data["title"], body=form.rich_text(), author=author
        )
        for position, upload in enumerate(form.cleaned_data["files"]):
            document = Document(
                title=os.path.splitext(upload.name)[0][:255] or upload.name,
                file=upload,
                collection=access.space.collection,
                uploaded_by_user=author,
            )
            document._set_document_file_metadata()
            document.save()
            PublicationAttachment.objects.create(publication=publication, document=document, sort_order=position)
        record_reading(publication, author)
        after_commit(notify_publication, publication.pk)
    return publication


def _publication_in(access, publication_id):
    return get_object_or_404(
        Publication.objects.select_related("author", "space__page"), pk=publication_id, space=access.space
    )


def publication(request, page, access, publication_id):
    """A publication: reading it records the member's first reading."""
    item = _publication_in(access, publication_id)
    can_comment = access.membership is not None
    form = CommentForm(request.POST or None)
    if request.method == "POST" and not can_comment:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        comment = form.save(commit=False)
        comment.publication, comment.author = item, request.user
        comment.save()
        after_commit(notify_comment, comment.pk)
        messages.success(request, _("Your comment is posted."))
        return redirect(item.get_url(request) + "#commentaires")
    if request.method == "GET":
        record_reading(item, request.user)
    context = {
        "publication": item,
        "attachments": item.attachments.select_related("document"),
        "comments": item.comments.select_related("author"),
        "comment_form": form,
        "can_comment": can_comment,
    }
    if access.can_see_readings(item):
        context["reading"] = reading_status(item)
        context["reminder_form"] = ReminderForm(initial={"token": uuid.uuid4()})
        context["last_reminder"] = item.reminders.select_related("sent_by").first()
    return _render(request, "publication", page, access, context, status=400 if form.errors else 200)


@require_POST
def remind(request, page, access, publication_id):
    """E-mails the members who have not read the publication, once per
    form: a double click sends nothing more."""
    item = _publication_in(access, publication_id)
    if not access.can_see_readings(item):
        raise PermissionDenied
    form = ReminderForm(request.POST)
    reachable = [m for m in reading_status(item).non_readers if m.user.email and m.user.is_active]
    if not form.is_valid():
        messages.error(request, _("The reminder could not be sent; reload the page and try again."))
    elif not reachable:
        messages.info(request, _("No member left to remind by e-mail."))
    else:
        _send_reminder(request, item, form.cleaned_data["token"], len(reachable))
    return redirect(item.get_url(request))


def _send_reminder(request, item, token, count):
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                publication=item, sent_by=request.user, token=token, recipient_count=count
            )
            log(item, REMINDED, user=request.user, data={"recipients": count})
            after_commit(send_reminder, reminder.pk)
    except IntegrityError:
        messages.info(request, _("This reminder was already sent."))
        return
    messages.success(request, ngettext(
        "A reminder was sent to %(count)d member.", "A reminder was sent to %(count)d members.", count
    ) % {"count": count})
