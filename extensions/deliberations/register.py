"""The register of deliberations (L2121-23, R2121-9) as PDFs: the closing
sheet of a séance (numbers, members present, signature blocks) and the
yearly tables of a register by date and by subject. Numbers are given when
an item is voted (seance._register_numbers)."""
from django.utils import formats
from django.utils.translation import gettext as _

from core.pdf import Document

from .models import Deliberation
from .seance import members


def _name(user):
    return user.get_full_name() or user.get_username()


def closing_sheet(seance):
    """The feuillet de clôture of a séance."""
    day = formats.date_format(seance.day, "l j F Y")
    doc = Document(_("Closing sheet"), _("%(instance)s — séance of %(day)s") % {
        "instance": seance.meeting.instance, "day": day})
    voted = seance.deliberations.filter(status=Deliberation.Status.VOTED).order_by("number_in_seance")
    doc.table([_("No."), _("Register"), _("Subject")], [(d.number_in_seance, d.reference, d.title) for d in voted],
              widths=[12, 25, 143])
    attended = set(seance.movements.values_list("member_id", flat=True))
    doc.heading(_("Members present"))
    doc.table([_("Member"), _("Signature")], [(_name(m), "") for m in members(seance) if m.pk in attended],
              widths=[90, 90])
    doc.heading(_("Signatures"))
    doc.paragraph(_("The president: %(president)s\n\n\nThe secretary(ies): %(secretaries)s") % {
        "president": _name(seance.president) if seance.president else "",
        "secretaries": ", ".join(_name(s) for s in seance.secretaries.all())})
    return doc.output()


def year_deliberations(register, year):
    return Deliberation.objects.filter(register=register, year=year, number_in_year__isnull=False).select_related(
        "seance")


def yearly_tables(register, year):
    """Two tables of every deliberation of the year: by date (register
    order) and by subject (matière, then title)."""
    deliberations = list(year_deliberations(register, year).order_by("number_in_year"))
    doc = Document(_("Register of deliberations %(year)d") % {"year": year}, str(register))
    doc.heading(_("Table by date"))
    doc.table([_("No."), _("Date"), _("Subject"), _("Result")],
              [(d.reference, formats.date_format(d.seance.day, "d/m/Y"), d.title, d.get_outcome_display())
               for d in deliberations], widths=[22, 22, 111, 25])
    doc.heading(_("Table by subject"))
    by_subject = sorted(deliberations, key=lambda d: (d.matiere_code or "~", d.title.lower()))
    doc.table([_("Subject (nomenclature)"), _("Deliberation"), _("No."), _("Date")],
              [(f"{d.matiere_code} {d.matiere_name}".strip() or _("not classified"), d.title, d.reference,
                formats.date_format(d.seance.day, "d/m/Y")) for d in by_subject], widths=[45, 91, 22, 22])
    return doc.output()

