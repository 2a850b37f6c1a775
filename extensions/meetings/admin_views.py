"""The staff dashboard of meetings in the Wagtail admin: the list of
meetings, and per meeting its state and the actions that move it (lock
the recipients, send with the checks, cancel, open the séance, close), the
live table of receipts and answers with expected presence and quorum, the
one-click re-send, the paper batch and its posting date, each version's
manifest, attestation (PDF, CSV) and file check, and the audit trail.

Every view requires the send_convocation permission (Agents)."""
import base64

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import attestation, convocations, workflow
from .access import can_manage
from .audit import trail
from .forms import PostingForm, SendForm
from .models import Convocation, Delivery, Recipient
from .pages import MeetingPage

State = MeetingPage.State


def _require(request):
    if not can_manage(request.user):
        raise PermissionDenied


def _meeting(request, meeting_id):
    _require(request)
    return get_object_or_404(MeetingPage.objects.select_related("instance"), pk=meeting_id)


def meeting_index(request):
    _require(request)
    now = timezone.now()
    meetings = MeetingPage.objects.select_related("instance").order_by("start")
    return TemplateResponse(request, "meetings/admin/meeting_index.html", {
        "upcoming": meetings.filter(start__gte=now - timezone.timedelta(days=1)),
        "past": meetings.filter(start__lt=now - timezone.timedelta(days=1)).order_by("-start")[:30],
    })


def recipient_rows(meeting):
    """The recipients with their delivery of the latest version (three
    queries whatever their number)."""
    latest = convocations.latest(meeting)
    deliveries = Delivery.objects.filter(convocation=latest) if latest else Delivery.objects.none()
    return list(
        meeting.recipients.select_related("user").prefetch_related(
            Prefetch("deliveries", queryset=deliveries, to_attr="latest_deliveries")
        )
    )


def _status_context(meeting):
    rows = recipient_rows(meeting)
    for row in rows:
        row.delivery = row.latest_deliveries[0] if row.latest_deliveries else None
    return {
        "meeting": meeting, "rows": rows, "presence": workflow.expected_presence(meeting),
        "pouvoirs": list(workflow.pouvoirs_in_force(meeting)),
        "failed": sum(1 for row in rows if row.delivery and row.delivery.status == Delivery.Status.FAILED),
    }


def dashboard(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    versions = list(meeting.convocations.order_by("-version"))
    latest = versions[0] if versions else None
    context = {
        **_status_context(meeting),
        "versions": versions,
        "paper": list(convocations.paper_batch(latest)) if latest else [],
        "refusals": workflow.convocation_refusals(meeting) if meeting.state == State.READY else [],
        "send_form": SendForm(), "posting_form": PostingForm(initial={"posted_on": timezone.localdate()}),
        "events": trail(meeting).order_by("-at", "-pk")[:200],
        "has_paper": meeting.recipients.filter(channel=Recipient.Channel.PAPER).exists(),
        "console_url": workflow.seance_console_url(meeting),
    }
    return TemplateResponse(request, "meetings/admin/dashboard.html", context)


def status_fragment(request, meeting_id):
    """The live part of the dashboard, fetched again every few seconds."""
    meeting = _meeting(request, meeting_id)
    return TemplateResponse(request, "meetings/admin/status.html", _status_context(meeting))


ACTIONS = {
    "lock": (workflow.lock_recipients, _("The recipient list is locked: the meeting is ready to be convened.")),
    "unlock": (workflow.unlock_recipients, _("The recipient list is unlocked.")),
    "cancel": (convocations.cancel, _("The meeting is cancelled; the members convened are told.")),
    "open": (workflow.open_seance, _("The séance is open: no more convocations nor answers.")),
    "close": (workflow.close_meeting, _("The meeting is closed.")),
}
# Done in the séance console when an app provides one (workflow.register_seance_console).
SEANCE_ACTIONS = {"open", "close"}


@require_POST
def action(request, meeting_id, name):
    meeting = _meeting(request, meeting_id)
    if name == "send":
        return _send(request, meeting)
    if name not in ACTIONS:
        raise Http404
    if name in SEANCE_ACTIONS and workflow.seance_console_url(meeting):
        messages.error(request, _("Open and close the séance from the séance console: the quorum is checked there."))
        return redirect("meetings_admin:dashboard", meeting.pk)
    function, success = ACTIONS[name]
    try:
        function(meeting, request.user)
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("meetings_admin:dashboard", meeting.pk)


def _send(request, meeting):
    form = SendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The planned posting date is not a valid date."))
        return redirect("meetings_admin:dashboard", meeting.pk)
    try:
        convocation = convocations.send(meeting, request.user, form.cleaned_data.get("posting_on"))
    except convocations.SendRefused as refused:
        for message in refused.messages:
            messages.error(request, message)
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Convocation version %(version)d is being sent.") % {
            "version": convocation.version})
    return redirect("meetings_admin:dashboard", meeting.pk)


@require_POST
def resend(request, meeting_id, recipient_id):
    meeting = _meeting(request, meeting_id)
    recipient = get_object_or_404(Recipient, pk=recipient_id, meeting=meeting)
    try:
        resent = convocations.resend(recipient, request.user)
    except convocations.SendRefused as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect("meetings_admin:dashboard", meeting.pk)
    if resent:
        messages.success(request, _("The convocation is being sent again to %(name)s.") % {"name": recipient.name})
    else:
        messages.error(request, _("Nothing to send again to %(name)s (already queued, on paper or without "
                                  "address).") % {"name": recipient.name})
    return redirect("meetings_admin:dashboard", meeting.pk)


def _convocation(request, convocation_id):
    _require(request)
    return get_object_or_404(Convocation.objects.select_related("meeting__instance"), pk=convocation_id)


@require_POST
def record_posting(request, convocation_id):
    convocation = _convocation(request, convocation_id)
    form = PostingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the paper convocations were posted."))
    else:
        for warning in convocations.record_posting(convocation, form.cleaned_data["posted_on"], request.user):
            messages.warning(request, warning)
        messages.success(request, _("The posting date is recorded."))
    return redirect("meetings_admin:dashboard", convocation.meeting_id)


def paper_letters(request, convocation_id):
    """The printable batch of paper convocations (one per page)."""
    convocation = _convocation(request, convocation_id)
    from .notices import convocation_text

    return TemplateResponse(request, "meetings/admin/paper_batch.html", {
        "convocation": convocation, "meeting": convocation.meeting,
        "deliveries": convocations.paper_batch(convocation),
        "text": convocation_text(convocation.meeting), "items": list(convocation.meeting.agenda_items.all()),
    })


def _download(data, content_type, filename):
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def attestation_pdf(request, convocation_id):
    convocation = _convocation(request, convocation_id)
    return _download(attestation.as_pdf(convocation), "application/pdf",
                     f"attestation-seance-{convocation.meeting_id}-v{convocation.version}.pdf")


def attestation_csv(request, convocation_id):
    convocation = _convocation(request, convocation_id)
    return _download(attestation.as_csv(convocation), "text/csv; charset=utf-8",
                     f"attestation-seance-{convocation.meeting_id}-v{convocation.version}.csv")


def manifest_json(request, convocation_id):
    convocation = _convocation(request, convocation_id)
    return _download(convocation.manifest.encode(), "application/json",
                     f"manifeste-seance-{convocation.meeting_id}-v{convocation.version}.json")


def timestamp_token(request, convocation_id):
    """The authority's RFC 3161 answer, as received: with the manifest and
    the authority's root certificate, anyone checks it with OpenSSL
    (`openssl ts -verify -data manifeste.json -in horodatage.tsr -CAfile …`)."""
    convocation = _convocation(request, convocation_id)
    if not convocation.timestamp_token:
        raise Http404
    return _download(base64.b64decode(convocation.timestamp_token), "application/timestamp-reply",
                     f"horodatage-seance-{convocation.meeting_id}-v{convocation.version}.tsr")
