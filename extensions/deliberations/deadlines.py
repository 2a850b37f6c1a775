"""The legal deadlines after a séance, as alerts for the staff: the list of
deliberations online within a week (L2121-25), the procès-verbal published
within a week of its adoption (L2121-15), the EPCI copies within a month
(L5211-40-2). Shown on the admin dashboard and the séances screen."""
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from . import listing, minutes, rules
from .models import ProcesVerbal, Seance


@dataclass(frozen=True)
class Alert:
    seance: Seance
    what: str
    deadline: object
    days_left: int

    @property
    def late(self):
        return self.days_left < 0

    @property
    def days_late(self):
        return -self.days_left


def alerts(today=None):
    """Every deadline still running or missed, soonest first."""
    today = today or timezone.localdate()
    found = []
    for seance in Seance.objects.filter(closed_at__isnull=False, list_published_at__isnull=True).select_related(
            "meeting"):
        deadline = listing.deadline(seance)
        found.append(Alert(seance, _("List of deliberations to put online"), deadline,
                           rules.days_left(deadline, today)))
    for pv in ProcesVerbal.objects.filter(adopted_on__isnull=False).exclude(
            status=ProcesVerbal.Status.PUBLISHED).select_related("seance__meeting"):
        deadline = minutes.deadline(pv)
        found.append(Alert(pv.seance, _("Procès-verbal to publish"), deadline, rules.days_left(deadline, today)))
    for copy, days_left in listing.copies_due(today):
        found.append(Alert(copy.seance, _("Copy for the member communes: %(what)s") % {
            "what": copy.get_kind_display()}, copy.due_on, days_left))
    return sorted(found, key=lambda alert: alert.deadline)
