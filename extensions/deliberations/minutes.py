"""The procès-verbal (L2121-15): drafted from what the console recorded,
with every mandatory part; the secretary writes the substance of the
discussions. Workflow: draft → adopted at the next séance → signed (the
signed PDF is uploaded) → published within a week of its adoption. Each
step is one conditional UPDATE, refused with a French message.

Two documents come out of it (issue 13): the complete procès-verbal, kept
for the members and the register in the instance's private collection,
and the public version, where an item examined in a closed sitting (huis
clos) shows only its title, its decision and that mention: the law asks
the minutes to record the sitting, not to publish its debates."""
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from extensions.meetings import workflow
from extensions.meetings.documents import members_collection

from . import rules
from .files import seance_pdf, store_document, validate_pdf
from .models import Deliberation, InformationCopy, Movement, ProcesVerbal, Vote
from .seance import SeanceError

PART_LABELS = {
    "date_and_hour": gettext_lazy("Date and hour"),
    "president": gettext_lazy("President"),
    "members_present_and_represented": gettext_lazy("Members present and represented"),
    "secretaries": gettext_lazy("Secretaries"),
    "quorum": gettext_lazy("Quorum"),
    "agenda": gettext_lazy("Ordre du jour"),
    "deliberations_and_reports": gettext_lazy("Deliberations and the reports they were adopted on"),
    "ballot_requests": gettext_lazy("Requests for particular ballots"),
    "ballot_results": gettext_lazy("Ballot results"),
    "discussions": gettext_lazy("Substance of the discussions"),
}


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def _time(moment):
    return formats.time_format(timezone.localtime(moment), "H \\h i")


def _voted(seance):
    return seance.deliberations.filter(status=Deliberation.Status.VOTED).order_by("number_in_seance")


def parts(seance, public=False):
    """Each mandatory part (rules.PV_MANDATORY_PARTS) as a list of lines;
    an empty list is a missing part. `public`: the version for everyone,
    without the report, the names and the debate of a huis clos item."""
    deliberations = list(seance.deliberations.order_by("position"))
    voted = list(_voted(seance).prefetch_related("votes__member", "votes__holder"))
    pv = getattr(seance, "proces_verbal", None)
    return {
        "date_and_hour": _date_and_hour(seance),
        "president": [_name(seance.president)] if seance.president else [],
        "members_present_and_represented": _attendance_lines(seance),
        "secretaries": [_name(s) for s in seance.secretaries.all()],
        "quorum": [_quorum_line(d) for d in voted] or _no_vote_lines(deliberations),
        "agenda": [f"{d.position}. {d.title}" for d in deliberations],
        "deliberations_and_reports": [_deliberation_line(d, public) for d in deliberations],
        "ballot_requests": _ballot_requests(deliberations),
        "ballot_results": [_result_line(d, public) for d in voted] or _no_vote_lines(deliberations),
        "discussions": _discussions(pv, deliberations, public),
    }


def missing_parts(seance):
    """French labels of the mandatory parts still missing."""
    return [str(PART_LABELS[name]) for name in rules.missing_pv_parts(parts(seance))]


def _date_and_hour(seance):
    if not (seance.opened_at and seance.closed_at):
        return []
    return [_("Séance of %(day)s, opened at %(opened)s, closed at %(closed)s.") % {
        "day": formats.date_format(seance.day, "l j F Y"), "opened": _time(seance.opened_at),
        "closed": _time(seance.closed_at)}]


def _attendance_lines(seance):
    movements = list(seance.movements.select_related("member"))
    if not movements:
        return []
    lines = [
        (_("%(time)s: arrival of %(name)s") if m.kind == Movement.Kind.ARRIVAL
         else _("%(time)s: departure of %(name)s")) % {"time": _time(m.at), "name": _name(m.member)}
        for m in movements
    ]
    for pouvoir in workflow.pouvoirs_in_force(seance.meeting):
        lines.append(_("%(giver)s gave a pouvoir to %(holder)s") % {
            "giver": _name(pouvoir.giver), "holder": _name(pouvoir.holder)})
    return lines


def _quorum_line(d):
    return _("No. %(number)s: %(present)d present of %(in_office)d in office, %(represented)d represented") % {
        "number": d.number_in_seance, "present": d.present, "in_office": d.in_office,
        "represented": d.represented}


def _no_vote_lines(deliberations):
    """A séance where nothing was voted still has a quorum part: the
    items not voted and why."""
    return [f"{d.position}. {d.title} : {d.get_status_display()}" for d in deliberations
            if d.status != Deliberation.Status.PENDING]


def _deliberation_line(d, public=False):
    line = f"{d.position}. {d.title}"
    outcome = d.get_outcome_display() if d.outcome else d.get_status_display()
    if public and d.huis_clos:
        return f"{line} — {outcome}\n" + _("Examined in a closed sitting (huis clos).")
    if d.rapporteur:
        line += " — " + _("rapporteur: %(name)s") % {"name": d.rapporteur}
    line += " — " + outcome
    if d.report:
        line += "\n" + d.report
    if d.huis_clos:
        line += "\n" + _("Examined in a closed sitting (huis clos).")
    return line


def _ballot_requests(deliberations):
    lines = []
    for d in deliberations:
        if d.public_requests or d.secret_requests or d.huis_clos_requested_by:
            lines.append(_("No. %(position)d: public ballot asked by %(public)d, secret ballot by %(secret)d%(huis)s") % {
                "position": d.position, "public": d.public_requests, "secret": d.secret_requests,
                "huis": (", " + _("closed sitting asked by %(who)s") % {"who": d.huis_clos_requested_by})
                if d.huis_clos_requested_by else ""})
    return lines or [_("None.")]


def _result_line(d, public=False):
    if public and d.huis_clos:
        return _("No. %(number)s: %(outcome)s — examined in a closed sitting (huis clos).") % {
            "number": d.number_in_seance, "outcome": d.get_outcome_display()}
    line = _("No. %(number)s, %(ballot)s: %(pour)d for, %(contre)d against, %(abstention)d abstentions, "
             "%(nppp)d not taking part — %(outcome)s") % {
        "number": d.number_in_seance, "ballot": d.get_ballot_display(), "pour": d.pour, "contre": d.contre,
        "abstention": d.abstention, "nppp": d.not_voting, "outcome": d.get_outcome_display()}
    if d.casting_vote:
        line += " " + _("(the president's vote prevailed)")
    if d.ballot == "public":
        for choice, label in Vote.Choice.choices:
            names = [_name(v.member) + (" (" + _("by pouvoir to %(holder)s") % {"holder": _name(v.holder)} + ")"
                                        if v.holder else "")
                     for v in d.votes.all() if v.choice == choice]
            if names:
                line += "\n" + _("%(choice)s: %(names)s") % {"choice": str(label).capitalize(),
                                                             "names": ", ".join(names)}
    return line


def _discussions(pv, deliberations, public=False):
    lines = [f"{d.position}. {d.title} : {d.discussion}" for d in deliberations
             if d.discussion.strip() and not (public and d.huis_clos)]
    if pv and pv.discussions.strip():
        lines.insert(0, pv.discussions)
    return lines


def draft_pdf(seance, public=False):
    """The procès-verbal as a PDF, for signature and reading; `public`: its
    version for publication (see parts())."""
    return seance_pdf("deliberations/pdf/proces_verbal.html", seance, {
        "parts": [(PART_LABELS[name], "\n".join(lines)) for name, lines in parts(seance, public).items()],
        "public_version": public and has_huis_clos(seance),
    }, title=_("Procès-verbal"), subtitle=f"{seance.meeting.instance} — {formats.date_format(seance.day, 'l j F Y')}")


def _step(pv, from_status, **fields):
    moved = ProcesVerbal.objects.filter(pk=pv.pk, status=from_status).update(**fields)
    if not moved:
        pv.refresh_from_db()
        raise SeanceError(_("This procès-verbal is now « %(status)s »: nothing was changed.") % {
            "status": pv.get_status_display()})
    pv.refresh_from_db()


def _refuse_if_incomplete(seance):
    missing = missing_parts(seance)
    if missing:
        raise SeanceError(_("Mandatory parts are missing: %(parts)s.") % {"parts": ", ".join(missing)})


def adopt(pv, meeting):
    """Adopted by the council at a later meeting of the same instance."""
    seance = pv.seance
    if meeting.instance_id != seance.meeting.instance_id or meeting.start <= seance.meeting.start:
        raise SeanceError(_("A procès-verbal is adopted at a later meeting of the same instance."))
    _refuse_if_incomplete(seance)
    _step(pv, ProcesVerbal.Status.DRAFT, status=ProcesVerbal.Status.ADOPTED, adopted_at=meeting,
          adopted_on=workflow.meeting_day(meeting))


def sign(pv, uploaded):
    """Stores the PDF signed by the president and the secretary."""
    validate_pdf(uploaded)
    if pv.status != ProcesVerbal.Status.ADOPTED:
        raise SeanceError(_("Only an adopted procès-verbal can be signed."))
    with transaction.atomic():
        pv.signed_file.save(f"pv-{pv.seance.pk}.pdf", uploaded, save=False)
        _step(pv, ProcesVerbal.Status.ADOPTED, status=ProcesVerbal.Status.SIGNED, signed_file=pv.signed_file.name)


def has_huis_clos(seance):
    return seance.deliberations.filter(huis_clos=True).exists()


def publish(pv):
    """Puts the procès-verbal online as a document of the library, refused
    while a mandatory part is missing. The signed PDF goes to the
    instance's private collection (members, Agents: the register); the
    public one is that same file when nothing was examined in a closed
    sitting, else the public version drawn from the records."""
    seance = pv.seance
    _refuse_if_incomplete(seance)
    if pv.status != ProcesVerbal.Status.SIGNED:
        raise SeanceError(_("Only a signed procès-verbal can be published."))
    with transaction.atomic():
        with pv.signed_file.open("rb") as fh:
            signed = fh.read()
        title = _("Procès-verbal of the séance of %(day)s") % {"day": formats.date_format(seance.day, "j F Y")}
        common = {"kind": "proces_verbal", "act_date": seance.day}
        complete = store_document(
            title=_("%(title)s (complete, for the members)") % {"title": title}, data=signed,
            filename=f"proces-verbal-complet-{seance.day:%Y-%m-%d}.pdf", reference=f"PV-{seance.day:%Y-%m-%d}-C",
            collection=members_collection(seance.meeting.instance), **common)
        document = store_document(
            title=title, data=draft_pdf(seance, public=True) if has_huis_clos(seance) else signed,
            filename=f"proces-verbal-{seance.day:%Y-%m-%d}.pdf", reference=f"PV-{seance.day:%Y-%m-%d}", **common)
        _step(pv, ProcesVerbal.Status.SIGNED, status=ProcesVerbal.Status.PUBLISHED, document=document,
              complete_document=complete, published_at=timezone.now())
        if rules.epci_information_copies(seance.meeting.instance.body):
            InformationCopy.objects.get_or_create(seance=seance, kind=InformationCopy.Kind.MINUTES, defaults={
                "due_on": rules.epci_pv_copy_deadline(pv.adopted_on)})
    return document


def deadline(pv):
    """The legal date to publish by, once adopted (a week, L2121-15)."""
    return rules.pv_publication_deadline(pv.adopted_on) if pv.adopted_on else None
