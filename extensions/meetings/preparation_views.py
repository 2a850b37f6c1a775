"""The agent's journey in the admin « Séances » menu: « Nouvelle séance »,
« Modifier la séance » (the same screen, while in préparation or prête)
and the one confirmation screen before sending, whose « Envoyer » locks
the recipients if needed and sends through convocations.send().

Every view requires the send_convocation permission (Agents); creating
also needs Wagtail's permission to add a page to the meetings index of
the instance's site, editing to edit and publish the meeting."""
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import convocations, deadline, rules, workflow
from .admin_views import _meeting, _require
from .models import Mandate, Recipient
from .pages import MeetingPage
from .preparation import EDITABLE_STATES, MeetingEditor, attached_documents, can_edit, display_name

State = MeetingPage.State
Channel = Recipient.Channel


def _form_page(request, editor, meeting=None):
    if request.method == "POST" and editor.is_valid():
        saved = editor.save()
        messages.success(request, _("The meeting « %(title)s » is saved. Check it, then send the convocation.") % {
            "title": saved.title})
        return redirect("meetings_admin:dashboard", saved.pk)
    if request.method == "POST":
        messages.error(request, _("The meeting is not saved: correct the fields marked in red. Files you had "
                                  "chosen must be chosen again."))
    return TemplateResponse(request, "meetings/admin/meeting_form.html", {
        "editor": editor, "meeting": meeting, "form": editor.form, "items": editor.items,
        "media": editor.form.media + editor.items.media,
    })


def new_meeting(request):
    _require(request)
    editor = MeetingEditor(request.user, request.POST or None, request.FILES or None)
    return _form_page(request, editor)


def edit_meeting(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    if not can_edit(request.user, meeting):
        if meeting.state not in EDITABLE_STATES:
            messages.error(request, _("This meeting is « %(state)s »: its ordre du jour can no longer be changed "
                                      "here.") % {"state": meeting.get_state_display()})
            return redirect("meetings_admin:dashboard", meeting.pk)
        raise PermissionDenied
    editor = MeetingEditor(request.user, request.POST or None, request.FILES or None, meeting=meeting)
    return _form_page(request, editor, meeting)


class ConfirmSendForm(forms.Form):
    posting_on = forms.DateField(
        label=gettext_lazy("Date the paper convocations will be posted or handed in"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("For the members convened on paper, the délai counts from this date."),
    )

    def __init__(self, *args, paper, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posting_on"].required = paper
        if not paper:
            self.fields["posting_on"].widget = forms.HiddenInput()

    def clean_posting_on(self):
        day = self.cleaned_data.get("posting_on")
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("This date is past: give the day the letters will actually leave."))
        return day


def recipients_preview(meeting):
    """Who will be convened, and how: the locked list once prête, else the
    members in office on the day of the meeting (and the EPCI's copies)."""
    if meeting.state == State.READY:
        return [(r.name, r.channel) for r in meeting.recipients.all()]
    mandates = workflow.members_in_office(meeting.instance, workflow.meeting_day(meeting))
    people = [(display_name(m.member), Channel.PAPER if m.channel == Mandate.Channel.PAPER else Channel.EMAIL)
              for m in mandates]
    if rules.epci_information_copies(meeting.instance.body):
        people += [(r.name, Channel.INFORMATION) for r in meeting.instance.information_recipients.all()]
    return sorted(people)


def missing(meeting):
    """What the convocation will go without (the law's requirements are in
    the refusals; these only inform)."""
    items = list(meeting.agenda_items.all())
    required = rules.needs_note_de_synthese(meeting.instance.body)
    lines = []
    without_note = [item.title for item in items if not item.has_note]
    if without_note and not required:
        lines.append(_("No note de synthèse (not required for this instance) for: %(items)s.") % {
            "items": ", ".join(f"«\u00a0{title}\u00a0»" for title in without_note)})
    without_documents = [item.title for item in items if not attached_documents(item)]
    if without_documents:
        lines.append(_("No document for: %(items)s.") % {
            "items": ", ".join(f"«\u00a0{title}\u00a0»" for title in without_documents)})
    return lines


def send_now(meeting, user, posting_on):
    """The one click: publishes what the agent saved last, locks the
    recipients if needed and sends; all or nothing (a refusal rolls the
    lock back). A second click finds the meeting convened: TransitionError."""
    with transaction.atomic():
        revision = meeting.get_latest_revision()
        if revision is not None and (meeting.has_unpublished_changes or not meeting.live):
            revision.publish(user=user)
        meeting = MeetingPage.objects.get(pk=meeting.pk)
        if meeting.state == State.PREPARATION:
            workflow.lock_recipients(meeting, user)
        return convocations.send(meeting, user, posting_on)


def confirm_send(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    if meeting.state not in EDITABLE_STATES:
        messages.info(request, _("This meeting is « %(state)s »: there is nothing to send.") % {
            "state": meeting.get_state_display()})
        return redirect("meetings_admin:dashboard", meeting.pk)
    # What the agent saved last is what leaves (send_now publishes it).
    draft = meeting.get_latest_revision_as_object()
    draft.live = True
    recipients = recipients_preview(draft)
    paper = [name for name, channel in recipients if channel == Channel.PAPER]
    form = ConfirmSendForm(request.POST or None, paper=bool(paper))
    errors = []
    # Refused today, it is refused on any later posting date too.
    blocking = workflow.convocation_refusals(draft)
    if request.method == "POST" and form.is_valid():
        try:
            convocation = send_now(meeting, request.user, form.cleaned_data.get("posting_on"))
        except convocations.SendRefused as refused:
            errors = refused.messages
        except workflow.TransitionError as error:
            meeting.refresh_from_db(fields=["state"])
            if meeting.state == State.CONVOKED:
                messages.info(request, _("The convocation has already left: nothing was sent twice."))
                return redirect("meetings_admin:dashboard", meeting.pk)
            errors = [str(error)]
        else:
            messages.success(request, _("The convocation is leaving (version %(version)d): follow the receipts "
                                        "below.") % {"version": convocation.version})
            return redirect("meetings_admin:dashboard", meeting.pk)
    return TemplateResponse(request, "meetings/admin/confirm_send.html", {
        "meeting": draft, "form": form, "statement": deadline.statement(draft),
        "refusals": errors or blocking, "blocked": bool(blocking), "missing": missing(draft),
        "by_email": [name for name, channel in recipients if channel == Channel.EMAIL],
        "on_paper": paper,
        "information": [name for name, channel in recipients if channel == Channel.INFORMATION],
        "items": list(draft.agenda_items.all()),
    })
