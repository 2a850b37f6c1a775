"""The register of deliberations (L2121-23, R2121-9) as PDFs: the closing
sheet of a séance (numbers, members present, signature blocks) and the
yearly tables of a register by date and by subject. Numbers are given when
an item is voted (seance._register_numbers)."""
from django.utils import formats
from django.utils.translation import gettext as _

from core.pdf import render_pdf

from .files import collectivity, seance_pdf
from .models import Deliberation
from .seance import members


def closing_sheet(seance):
    """The feuillet de clôture of a séance: its numbers, the members
    present (a line to sign each) and the signatures of L2121-23."""
    voted = seance.deliberations.filter(status=Deliberation.Status.VOTED).order_by("number_in_seance")
    attended = set(seance.movements.values_list("member_id", flat=True))
    return seance_pdf("deliberations/pdf/table.html", seance, {"signatures": True, "sections": [
        {"headings": [_("No."), _("Register"), _("Subject")],
         "rows": [(d.number_in_seance, d.reference, d.title) for d in voted]},
        {"heading": _("Members present"), "headings": [_("Member"), _("Signature")],
         "rows": [(m.get_full_name() or m.get_username(), "") for m in members(seance) if m.pk in attended]},
    ]}, title=_("Closing sheet"), subtitle=_("%(instance)s — séance of %(day)s") % {
        "instance": seance.meeting.instance, "day": formats.date_format(seance.day, "l j F Y")})


def year_deliberations(register, year):
    return Deliberation.objects.filter(register=register, year=year, number_in_year__isnull=False).select_related(
        "seance__meeting")


def yearly_tables(register, year):
    """Two tables of every deliberation of the year: by date (register
    order) and by subject (matière, then title)."""
    deliberations = list(year_deliberations(register, year).order_by("number_in_year"))
    by_subject = sorted(deliberations, key=lambda d: (d.matiere_code or "~", d.title.lower()))
    return render_pdf("deliberations/pdf/table.html", {"sections": [
        {"heading": _("Table by date"), "headings": [_("No."), _("Date"), _("Subject"), _("Result")],
         "rows": [(d.reference, formats.date_format(d.seance.day, "d/m/Y"), d.title, d.get_outcome_display())
                  for d in deliberations]},
        {"heading": _("Table by subject"), "headings": [_("Subject (nomenclature)"), _("Deliberation"), _("No."),
                                                        _("Date")],
         "rows": [(f"{d.matiere_code} {d.matiere_name}".strip() or _("not classified"), d.title, d.reference,
                   formats.date_format(d.seance.day, "d/m/Y")) for d in by_subject]},
    ]}, title=_("Register of deliberations %(year)d") % {"year": year}, subtitle=str(register),
        author=collectivity(deliberations[0].seance.meeting) if deliberations else str(register))
