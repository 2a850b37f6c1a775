"""What members and visitors see of a meeting: its page (ordre du jour,
documents for those allowed), the member's convocation (acknowledgement,
answer, pouvoir) reached signed in or through the personal link, the
documents behind access control, and the .ics of one meeting.

The first opening, each first download and the acknowledgement are
recorded once (conditional UPDATE / unique row), never from a tracking
pixel nor from a plain GET of the personal link (a mail scanner fetches
links): through the link, the opening is recorded by the member's first
gesture on the page (opening.js posts it) or by any of their POSTs."""
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model

from core.links import LinkError
from extensions.operations.sendfile import serve_stored
from library.privacy import visible_documents

from . import ics, links
from .access import can_see_documents
from .audit import Kind, record
from .forms import AnswerForm
from .models import DocumentDownload, Recipient
from .reading_copies import copies_of
from .workflow import State, TransitionError, answer_deadline, give_answer, pouvoirs_in_force, revoke_pouvoir

Answer = Recipient.Answer


def recipient_of(user, meeting):
    """The signed-in user's convocation to `meeting`, once it was sent."""
    if not user.is_authenticated or meeting.state in (State.PREPARATION, State.READY):
        return None
    return (meeting.recipients.select_related("meeting__instance", "mandate", "user")
            .exclude(channel=Recipient.Channel.INFORMATION).filter(user=user).first())


def record_opening(recipient, actor=None):
    """The first opening by the member: signed in on the meeting page, or a
    human action on the personal link's page."""
    now = timezone.now()
    if Recipient.objects.filter(pk=recipient.pk, first_opened_at__isnull=True).update(first_opened_at=now):
        recipient.first_opened_at = now
        record(recipient.meeting, Kind.OPENED, recipient=recipient, actor=actor)


def acknowledge(recipient, actor=None):
    """« J'ai bien reçu », once."""
    now = timezone.now()
    if Recipient.objects.filter(pk=recipient.pk, acknowledged_at__isnull=True).update(acknowledged_at=now):
        recipient.acknowledged_at = now
        record(recipient.meeting, Kind.ACKNOWLEDGED, recipient=recipient, actor=actor)
        return True
    return False


def _same_answer(recipient, data):
    """The answer is already the one recorded (a double submission)."""
    if recipient.answer != data["answer"]:
        return False
    if data["answer"] != Answer.POUVOIR:
        return True
    return pouvoirs_in_force(recipient.meeting).filter(giver=recipient.user_id, holder=data.get("holder")).exists()


def _answer(recipient, data, actor):
    """Records the answer once: the member's row is locked while it is
    compared, so a double submission changes nothing the second time."""
    with transaction.atomic():
        # of=self: the mandate is an outer join, which PostgreSQL cannot lock.
        locked = (Recipient.objects.select_for_update(of=("self",))
                  .select_related("meeting__instance", "mandate", "user").get(pk=recipient.pk))
        if _same_answer(locked, data):
            return
        give_answer(recipient, data["answer"], actor=actor, holder=data.get("holder"),
                    illness=data.get("illness", False))


def _handle_post(request, recipient, actor):
    """One form: « J'ai bien reçu » with the answer if one is chosen (or the
    answer alone once acknowledged), or the revocation of the pouvoir. Bad
    input changes nothing and comes back with its message."""
    action = request.POST.get("action")
    if action == "revoke":
        _revoke(request, recipient)
        return None
    acknowledging = action == "acknowledge"
    form = AnswerForm(request.POST, recipient=recipient, answer_required=not acknowledging)
    if not form.is_valid():
        return form
    try:
        with transaction.atomic():
            if form.cleaned_data.get("answer"):
                _answer(recipient, form.cleaned_data, actor)
            acknowledged = acknowledging and acknowledge(recipient, actor)
    except TransitionError as error:
        form.add_error(None, str(error))
        return form
    if acknowledging:
        messages.success(request, _("Thank you: your acknowledgement of receipt is recorded.") if acknowledged
                         else _("Your acknowledgement of receipt was already recorded."))
    if form.cleaned_data.get("answer"):
        messages.success(request, _("Your answer is recorded."))
    return None


def _revoke(request, recipient):
    """« Le pouvoir est toujours révocable » (L2121-20): until the meeting
    is over, even after the answer deadline (workflow.revoke_pouvoir)."""
    pouvoir = pouvoirs_in_force(recipient.meeting).filter(giver=recipient.user_id).first()
    if pouvoir is None:  # a second click: already revoked
        messages.info(request, _("You have no pouvoir in force for this meeting."))
        return
    try:
        revoke_pouvoir(pouvoir, recipient.user)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your pouvoir is revoked: you may give another answer."))


def agenda(page, document_url):
    """[(item, [(document, url, url of its PDF reading copy or "")])] of the
    ordre du jour, in order."""
    copies = copies_of(page.document_ids())
    return [
        (item, [(document, url, f"{url}pdf/" if url and document.pk in copies else "")
                for document, url in ((block.value["document"], document_url(block.value["document"]))
                                      for block in item.documents if block.value.get("document") is not None)])
        for item in page.agenda_items.select_related("rapporteur")
    ]


def _convocation_context(meeting, recipient, document_url):
    held = pouvoirs_in_force(meeting)
    return {
        "recipient": recipient,
        "documents_visible": True,
        "agenda": agenda(meeting, document_url),
        "answers_open": meeting.state == State.CONVOKED and timezone.now() <= answer_deadline(meeting),
        "answer_deadline": answer_deadline(meeting),
        "pouvoir_given": next((p for p in held if p.giver_id == recipient.user_id), None),
        "pouvoirs_held": [p for p in held if p.holder_id == recipient.user_id],
    }


def readable_document_ids(request, page):
    """The documents of `page` the visitor may read: the meeting's rule
    (access.can_see_documents), then the library's for each file."""
    if not can_see_documents(request.user, page):
        return set()
    documents = get_document_model().objects.filter(pk__in=page.document_ids())
    return set(visible_documents(request, documents).values_list("pk", flat=True))


def meeting(request, page):
    """The meeting page (access already checked by the page)."""
    recipient = recipient_of(request.user, page)
    visible = can_see_documents(request.user, page)
    readable = readable_document_ids(request, page)
    url = page.get_url(request)
    document_url = (lambda document: url + page.reverse_subpage("document", args=[document.pk])) if visible else None
    context = {"page": page, "self": page, "form": None, "documents_visible": visible,
               "agenda": [(item, [entry for entry in documents if entry[0].pk in readable])
                          for item, documents in agenda(page, document_url or (lambda document: ""))]}
    if recipient is not None:
        record_opening(recipient, request.user)
        if request.method == "POST":
            context["form"] = _handle_post(request, recipient, request.user)
            if context["form"] is None:
                return redirect(url)
        context.update(_convocation_context(page, recipient, document_url))
    context["form"] = context["form"] or (AnswerForm(recipient=recipient) if recipient else None)
    return TemplateResponse(request, "meetings/meeting_page.html", context)


def link_error(request, error):
    """Unknown, tampered, expired or withdrawn personal link: a clear
    message, nothing recorded."""
    return TemplateResponse(request, "meetings/link_error.html", {
        "expired": error.expired, "withdrawn": error.status == 410, "message": error.message,
    }, status=error.status)


def personal(request, token):
    """The convocation through the personal link of the e-mail. A GET shows
    it and records nothing; a POST is the member at work: the first one
    records the opening (opening.js sends `open` on their first gesture)."""
    try:
        recipient = links.recipient_for(token)
    except LinkError as error:
        return link_error(request, error)
    page = recipient.meeting
    actor = recipient.user if request.user == recipient.user else None
    form = None
    if request.method == "POST":
        record_opening(recipient, actor)
        if request.POST.get("action") == "open":
            return HttpResponse(status=204)
        form = _handle_post(request, recipient, actor)
        if form is None:
            return redirect(request.path)
    context = {"page": page, "self": page, "form": form or AnswerForm(recipient=recipient), "personal": True}
    context.update(_convocation_context(
        page, recipient, lambda document: reverse("meetings:personal_document", args=[token, document.pk])
    ))
    return TemplateResponse(request, "meetings/meeting_page.html", context)


def _file_to_serve(found, as_pdf):
    """The document itself, or its PDF reading copy (kept in the same
    collection, so read by the same people: checked again here)."""
    if not as_pdf:
        return found
    pdf = copies_of([found.pk]).get(found.pk)
    if pdf is None or pdf.collection_id != found.collection_id:
        raise Http404
    return pdf


def _serve(request, page, document_id, recipient, as_pdf=False):
    found = next((doc for _item, _kind, doc in page.documents() if doc.pk == document_id), None)
    if found is None:
        raise Http404
    served = _file_to_serve(found, as_pdf)
    if recipient is not None:  # the receipt of the original, whichever form is read
        try:
            with transaction.atomic():
                DocumentDownload.objects.create(recipient=recipient, document=found)
        except IntegrityError:
            pass  # not the first download
        else:
            record(page, Kind.DOWNLOADED, recipient=recipient, detail=found.title)
    # Through the site's one door for private files (nginx when configured).
    response = serve_stored(request, served.file.storage, served.file.name, served.content_type)
    response["Content-Disposition"] = content_disposition_header(not as_pdf, served.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def document(request, page, document_id, as_pdf=False):
    """A document of the ordre du jour, for members and staff only (404 alike
    for others and for a document that is not on this meeting)."""
    if document_id not in readable_document_ids(request, page):
        raise Http404
    return _serve(request, page, document_id, recipient_of(request.user, page), as_pdf)


def personal_document(request, token, document_id, as_pdf=False):
    try:
        recipient = links.recipient_for(token)
    except LinkError as error:
        return link_error(request, error)
    return _serve(request, recipient.meeting, document_id, recipient, as_pdf)


def meeting_ics(request, page):
    sequence = page.convocations.order_by("-version").values_list("version", flat=True).first() or 0
    data = ics.meeting_calendar(page, sequence, page.get_full_url())
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="seance.ics"'
    response["Cache-Control"] = "private, no-store"  # a meeting in préparation is the members' only
    return response
