"""The secretary's console and the screens after the séance, in the Wagtail
admin (usable on a tablet: one column, large touch targets), plus the public
« demander une copie papier » handler of act pages. Staff who may hold
meetings (extensions.meetings.access.can_manage) see them; anyone else gets
403. Every refusal is a French message and changes nothing."""
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.clients import client_address
from core.ratelimit import within_limit
from extensions.meetings.access import can_manage
from extensions.meetings.pages import MeetingPage

from . import deadlines, epci, listing, minutes, publication, register, rules, seance as seance_service
from .connector import act_status
from .forms import (
    AdoptForm, ClosingForm, CopyRequestForm, ItemForm, OpeningForm, PublicTextForm, SignedFileForm, VoteForm,
)
from .models import CopyRequest, Deliberation, Movement, ProcesVerbal, Vote
from .pages import ActPage
from .seance import SeanceError, Tally

COPY_REQUESTS_PER_HOUR = 5


def _staff(request):
    if not can_manage(request.user):
        raise PermissionDenied


def _seance(request, meeting_id):
    _staff(request)
    meeting = get_object_or_404(MeetingPage, pk=meeting_id)
    return seance_service.seance_for(meeting)


def _to_console(seance):
    return redirect("deliberations:console", seance.meeting_id)


def _pdf(data, filename):
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def console(request, meeting_id):
    """The séance at a glance, in its real order: the appel (émargement,
    pouvoirs) with the live quorum, then the opening or the failed quorum,
    the items, the close."""
    seance = _seance(request, meeting_id)
    presence = seance_service.attendance(seance)
    rows = seance_service.roll_call(seance, presence)
    context = {"seance": seance, "meeting": seance.meeting, "presence": presence, "rows": rows,
               # Who may receive a pouvoir handed in: present, holding none yet (L2121-20).
               "holders": [row.member for row in rows if row.present and row.giver is None],
               "deliberations": seance.deliberations.all()}
    if seance.in_roll_call:
        context["opening_form"] = OpeningForm(members=presence.members, deliberations=seance.deliberations.all(),
                                              urgency=bool(seance.urgency_reason))
    if seance.quorum_failed_at:
        context["reconvene_url"] = reverse("wagtailadmin_pages:add", args=(
            "meetings", "meetingpage", seance.meeting.get_parent().pk))
    return TemplateResponse(request, "deliberations/admin/console.html", context)


def _refusing(request, step):
    """Runs `step`; a refusal becomes a French error message."""
    try:
        return step()
    except SeanceError as exc:
        messages.error(request, str(exc))


@require_POST
def open_seance(request, meeting_id):
    seance = _seance(request, meeting_id)
    presence = seance_service.attendance(seance)
    form = OpeningForm(request.POST, members=presence.members, deliberations=seance.deliberations.all(),
                       urgency=bool(seance.urgency_reason))
    if not form.is_valid():
        messages.error(request, _("Check the opening: %(errors)s") % {
            "errors": " ".join(str(e) for errors in form.errors.values() for e in errors)})
        return _to_console(seance)
    data = form.cleaned_data
    _refusing(request, lambda: seance_service.open_seance(
        seance, request.user, data["president"], list(data["secretaries"]), data.get("urgency_accepted"),
        list(data.get("urgency_rejected") or [])))
    if seance.is_open:
        messages.success(request, _("The séance is open."))
    return _to_console(seance)


@require_POST
def failed_quorum(request, meeting_id):
    seance = _seance(request, meeting_id)
    _refusing(request, lambda: seance_service.record_failed_quorum(seance))
    return _to_console(seance)


def _member(seance, value):
    return next((m for m in seance_service.members(seance) if str(m.pk) == value), None)


@require_POST
def movement(request, meeting_id):
    """An arrival or a departure, now (the console's toggles post here,
    with or without JavaScript)."""
    seance = _seance(request, meeting_id)
    kind = request.POST.get("kind")
    member = _member(seance, request.POST.get("member"))
    if kind not in Movement.Kind.values or member is None:
        messages.error(request, _("Unknown member or movement: nothing was recorded."))
    else:
        _refusing(request, lambda: seance_service.record_movement(seance, member, kind))
    return _to_console(seance)


@require_POST
def all_present(request, meeting_id):
    seance = _seance(request, meeting_id)
    _refusing(request, lambda: seance_service.all_present(seance))
    return _to_console(seance)


@require_POST
def pouvoir(request, meeting_id):
    """A pouvoir handed in at the séance (giver and holder) or revoked
    (giver and « revoke »)."""
    seance = _seance(request, meeting_id)
    giver = _member(seance, request.POST.get("giver"))
    holder = _member(seance, request.POST.get("holder"))
    if giver is None or (holder is None and "revoke" not in request.POST):
        messages.error(request, _("Choose the member who gives the pouvoir and the one who holds it."))
    elif "revoke" in request.POST:
        _refusing(request, lambda: seance_service.revoke_pouvoir(seance, giver, request.user))
    else:
        _refusing(request, lambda: seance_service.hand_in_pouvoir(seance, giver, holder, request.user))
    return _to_console(seance)


def _deliberation(request, meeting_id, deliberation_id):
    seance = _seance(request, meeting_id)
    return get_object_or_404(seance.deliberations, pk=deliberation_id)


def _vote_form(deliberation, presence, data=None, fill=None):
    """The grid for a vote to record, or for the correction of a recorded
    one (the voices it was recorded with, pre-filled)."""
    if deliberation.status == Deliberation.Status.VOTED:
        secret = deliberation.ballot == rules.Ballot.SECRET
        votes = list(deliberation.votes.select_related("member", "holder"))
        initial = {f"voice_{v.member_id}": v.choice for v in votes}
        initial.update(pour=deliberation.pour, contre=deliberation.contre, abstention=deliberation.abstention)
        voices = [(v.member, v.holder) for v in votes] or [None] * deliberation.voices
        return VoteForm(data, voices=voices, secret=secret, initial=initial, correction=True)
    voices = presence.voters()
    initial = {f"voice_{member.pk}": fill for member, _holder in voices} if fill in Vote.Choice.values else {}
    secret = seance_service.ballot_for(deliberation, presence) == rules.Ballot.SECRET
    return VoteForm(data, voices=voices, secret=secret, initial=initial)


def item(request, meeting_id, deliberation_id):
    """One item: the live quorum with the withdrawals, the vote grid (or
    why it is blocked), the result and its corrections, the item's text."""
    deliberation = _deliberation(request, meeting_id, deliberation_id)
    seance = deliberation.seance
    presence = seance_service.attendance(seance, deliberation)
    form = ItemForm(request.POST or None, instance=deliberation,
                    present_or_represented=len(presence.counted) + len(presence.represented),
                    epci=seance.meeting.instance.kind == rules.EPCI)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Item saved."))
        return redirect("deliberations:item", meeting_id, deliberation.pk)
    vote_form = _vote_form(deliberation, presence, fill=request.GET.get("remplir"))
    return TemplateResponse(request, "deliberations/admin/item.html", {
        "seance": seance, "meeting": seance.meeting, "deliberation": deliberation, "form": form,
        "presence": presence, "ballot": seance_service.ballot_for(deliberation, presence),
        "refusal": seance_service.vote_refusal(deliberation, presence), "vote_form": vote_form,
        "tally": vote_form.preview(seance.president_id),
        "votes": deliberation.votes.select_related("member", "holder"),
        "corrections": deliberation.corrections.select_related("by"),
    })


@require_POST
def withdrawal(request, meeting_id, deliberation_id):
    """A member leaves the room for a personal interest in the item
    (L2131-11), or comes back: the item's quorum follows."""
    deliberation = _deliberation(request, meeting_id, deliberation_id)
    member = _member(deliberation.seance, request.POST.get("member"))
    if member is None:
        messages.error(request, _("Unknown member or movement: nothing was recorded."))
    else:
        _refusing(request, lambda: seance_service.toggle_withdrawal(deliberation, member))
    return redirect("deliberations:item", meeting_id, deliberation.pk)


def _tally(form):
    if form.secret:
        return Tally(pour=form.cleaned_data["pour"], contre=form.cleaned_data["contre"],
                     abstention=form.cleaned_data["abstention"])
    return Tally(choices=form.choices())


@require_POST
def vote(request, meeting_id, deliberation_id):
    """Records the vote, or (once recorded) its correction with a reason."""
    deliberation = _deliberation(request, meeting_id, deliberation_id)
    presence = seance_service.attendance(deliberation.seance, deliberation)
    form = _vote_form(deliberation, presence, request.POST)
    if not form.is_valid():
        messages.error(request, _("Record every voice before validating the vote."))
    elif form.correction:
        if _refusing(request, lambda: seance_service.correct_vote(
                deliberation, _tally(form), form.cleaned_data["reason"], request.user)):
            messages.success(request, _("Vote corrected; the deliberation keeps its number."))
    else:
        recorded = _refusing(request, lambda: seance_service.record_vote(deliberation, _tally(form)))
        if recorded:
            messages.success(request, _("Deliberation No. %(number)s: %(outcome)s.") % {
                "number": recorded.reference, "outcome": recorded.get_outcome_display()})
    return redirect("deliberations:item", meeting_id, deliberation.pk)


def close(request, meeting_id):
    """« Clore la séance »: the items not voted, each with the fate the
    secretary gives it, then the close."""
    seance = _seance(request, meeting_id)
    pending = list(seance.deliberations.filter(status=Deliberation.Status.PENDING))
    form = ClosingForm(request.POST or None, deliberations=pending)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("Say what became of each item not voted."))
        else:
            _refusing(request, lambda: seance_service.close_seance(seance, request.user, form.fates()))
        if seance.closed_at:
            messages.success(request, _("The séance is closed; the list of deliberations is ready."))
    if not seance.is_open:
        return _to_console(seance)
    return TemplateResponse(request, "deliberations/admin/close.html", {
        "seance": seance, "meeting": seance.meeting, "form": form, "pending": pending})


def after(request, meeting_id):
    """After the séance: the list of deliberations and its countdown, the
    procès-verbal and its workflow, the register's closing sheet, the acts."""
    seance = _seance(request, meeting_id)
    if not seance.closed_at:
        return _to_console(seance)
    pv, _created = ProcesVerbal.objects.get_or_create(seance=seance)
    today = timezone.localdate()
    pv_deadline = minutes.deadline(pv)
    return TemplateResponse(request, "deliberations/admin/after.html", {
        "seance": seance, "meeting": seance.meeting, "pv": pv, "missing": minutes.missing_parts(seance),
        "parts": [(minutes.PART_LABELS[name], lines) for name, lines in minutes.parts(seance).items()],
        "list_rows": listing.rows(seance), "list_deadline": listing.deadline(seance),
        "list_days_left": rules.days_left(listing.deadline(seance), today),
        "pv_deadline": pv_deadline, "pv_days_left": rules.days_left(pv_deadline, today) if pv_deadline else None,
        "adopt_form": AdoptForm(seance=seance), "sign_form": SignedFileForm(),
        "deliberations": seance.deliberations.filter(status=Deliberation.Status.VOTED).select_related("act"),
        "copies": seance.information_copies.all(),
    })


@require_POST
def save_discussions(request, meeting_id):
    seance = _seance(request, meeting_id)
    updated = ProcesVerbal.objects.filter(seance=seance, status=ProcesVerbal.Status.DRAFT).update(
        discussions=request.POST.get("discussions", "").strip())
    if updated:
        messages.success(request, _("Substance of the discussions saved."))
    else:
        messages.error(request, _("Only a draft procès-verbal can be edited."))
    return redirect("deliberations:after", meeting_id)


@require_POST
def pv_step(request, meeting_id, step):
    """adopt, sign or publish the procès-verbal."""
    seance = _seance(request, meeting_id)
    pv = get_object_or_404(ProcesVerbal, seance=seance)
    if step not in ("adopt", "sign", "publish"):
        raise Http404
    try:
        if step == "adopt":
            form = AdoptForm(request.POST, seance=seance)
            if not form.is_valid():
                raise SeanceError(_("Choose a later meeting of the same instance."))
            minutes.adopt(pv, form.cleaned_data["meeting"])
        elif step == "sign":
            form = SignedFileForm(request.POST, request.FILES)
            minutes.sign(pv, request.FILES.get("signed_file") if form.is_valid() else None)
        else:
            minutes.publish(pv)
        messages.success(request, _("Procès-verbal: %(status)s.") % {"status": pv.get_status_display()})
    except (SeanceError, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("deliberations:after", meeting_id)


@require_POST
def publish_list(request, meeting_id):
    seance = _seance(request, meeting_id)
    try:
        listing.publish_list(seance)
        messages.success(request, _("The list of deliberations is online."))
    except SeanceError as exc:
        messages.error(request, str(exc))
    return redirect("deliberations:after", meeting_id)


@require_POST
def send_copy(request, meeting_id, copy_id):
    """Hands an EPCI information copy to the task worker (sent once)."""
    seance = _seance(request, meeting_id)
    copy = get_object_or_404(seance.information_copies, pk=copy_id, sent_at__isnull=True)
    epci.send_information_copy.enqueue(copy.pk)
    messages.success(request, _("The copy is being sent."))
    return redirect("deliberations:after", meeting_id)


def pdf(request, meeting_id, what):
    """The draft procès-verbal, the list for posting, the closing sheet."""
    seance = _seance(request, meeting_id)
    makers = {"proces-verbal": minutes.draft_pdf, "liste": listing.list_pdf, "cloture": register.closing_sheet}
    if what not in makers:
        raise Http404
    return _pdf(makers[what](seance), f"{what}-{seance.day:%Y-%m-%d}.pdf")


def yearly_tables(request):
    """The registers' years, and each year's tables by date and subject."""
    _staff(request)
    years = (Deliberation.objects.filter(number_in_year__isnull=False)
             .values("register", "register__name", "year").annotate(count=Count("pk")).order_by("-year"))
    register_id, year = request.GET.get("registre"), request.GET.get("annee")
    if register_id and year:
        row = next((r for r in years if str(r["register"]) == register_id and str(r["year"]) == year), None)
        if row is None:
            messages.error(request, _("No deliberation in this register for this year."))
        else:
            from extensions.meetings.models import Instance

            return _pdf(register.yearly_tables(Instance.objects.get(pk=row["register"]), row["year"]),
                        f"registre-{row['year']}.pdf")
    return TemplateResponse(request, "deliberations/admin/registers.html", {"years": years})


def act(request, meeting_id, deliberation_id):
    """Pseudonymisation, then publication of one adopted deliberation."""
    deliberation = _deliberation(request, meeting_id, deliberation_id)
    form = PublicTextForm(request.POST or None, initial={"public_text": deliberation.public_text or deliberation.text})
    if request.method == "POST":
        try:
            if "publish" in request.POST:
                publication.publish_act(deliberation, request.user)
                messages.success(request, _("The act is online."))
                return redirect("deliberations:act", meeting_id, deliberation.pk)
            if form.is_valid():
                publication.pseudonymise(deliberation, form.cleaned_data["public_text"], request.user)
                messages.success(request, _("Text to publish checked."))
                return redirect("deliberations:act", meeting_id, deliberation.pk)
        except SeanceError as exc:
            messages.error(request, str(exc))
    published = ActPage.objects.filter(deliberation=deliberation).first()
    return TemplateResponse(request, "deliberations/admin/act.html", {
        "seance": deliberation.seance, "meeting": deliberation.seance.meeting, "deliberation": deliberation,
        "form": form, "act": published, "status": act_status(deliberation, published) if published else "",
    })


def request_copy(request, act_page):
    """« Demander une copie papier »: recorded for the staff; limited per
    address of the visitor so that a robot cannot flood the mairie."""
    form = CopyRequestForm(request.POST)
    if form.is_valid() and not within_limit("deliberations-copy", client_address(request),
                                            COPY_REQUESTS_PER_HOUR, 3600):
        form.add_error(None, _("Too many requests from your connection: please try again in an hour."))
    if not form.is_valid():
        context = act_page.get_context(request)
        context["copy_form"] = form
        status = 429 if form.has_error(NON_FIELD_ERRORS) else 400
        return TemplateResponse(request, act_page.get_template(request), context, status=status)
    CopyRequest.objects.create(act=act_page, name=form.cleaned_data["name"], email=form.cleaned_data["email"],
                               postal_address=form.cleaned_data["postal_address"])
    return redirect(act_page.url + "?copie=demandee#copie")


def seances(request):
    """The entry point: meetings that can be held or were held, newest first."""
    _staff(request)
    meetings = (MeetingPage.objects.filter(state__in=[MeetingPage.State.CONVOKED, MeetingPage.State.OPEN,
                                                       MeetingPage.State.CLOSED])
                .select_related("instance").order_by("-start")[:50])
    return TemplateResponse(request, "deliberations/admin/seances.html", {
        "meetings": meetings, "alerts": deadlines.alerts()})
