"""The list of deliberations of a séance (L2121-25): the date and subject of
every deliberation examined, adopted or rejected, generated at the close,
printable for posting at the mairie and put online within a week. Items
examined in a closed sitting never appear on a public channel."""
from django.db import transaction
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from extensions.meetings.access import is_publicly_visible
from extensions.operations.page_cache import flush_site_of

from . import rules
from .files import seance_pdf
from .models import Deliberation, InformationCopy, Seance
from .seance import SeanceError


def rows(seance, public=False):
    """The deliberations of the list, by number in the séance."""
    deliberations = seance.deliberations.filter(status=Deliberation.Status.VOTED).order_by("number_in_seance")
    return deliberations.filter(huis_clos=False) if public else deliberations


def deadline(seance):
    return rules.deliberation_list_deadline(seance.day)


def publish_list(seance):
    """Puts the list online (once; a second click changes nothing)."""
    if not seance.closed_at:
        raise SeanceError(_("The list of deliberations is published once the séance is closed."))
    with transaction.atomic():
        published = Seance.objects.filter(pk=seance.pk, list_published_at__isnull=True).update(
            list_published_at=timezone.now())
    if published:  # the acts page lists it: anonymous visitors' cached copies are stale
        flush_site_of(seance.meeting)
    seance.refresh_from_db()


def _online(index_page):
    """Séances whose list is online, held by meetings of the index page's site."""
    site_root = index_page.get_site().root_page
    return Seance.objects.filter(
        list_published_at__isnull=False,
        meeting__path__startswith=site_root.path,
        meeting__live=True,
        meeting__is_public=True,
    ).select_related("meeting", "meeting__instance")


def published_lists(index_page):
    """Séances with their list online, with their procès-verbal when published."""
    return _online(index_page).select_related("proces_verbal__document").order_by("-meeting__start")


def public_list(index_page, seance_id):
    """The séance and its public rows; the same 404 whether the séance does
    not exist, is private or its list is not online yet."""
    seance = _online(index_page).filter(pk=seance_id).first()
    if seance is None or not is_publicly_visible(seance.meeting):
        raise Http404
    return seance, rows(seance, public=True).select_related("act")


def list_pdf(seance):
    """The list as a PDF, for posting at the mairie."""
    return seance_pdf("deliberations/pdf/table.html", seance, {"sections": [{
        "text": _("Posted and put online pursuant to article L2121-25 of the CGCT."),
        "headings": [_("No."), _("Register"), _("Subject"), _("Result")],
        "rows": [(d.number_in_seance, d.reference, d.title, d.get_outcome_display())
                 for d in rows(seance, public=True)],
    }]}, title=_("List of deliberations"), subtitle=_("%(instance)s — séance of %(day)s") % {
        "instance": seance.meeting.instance, "day": formats.date_format(seance.day, "l j F Y")})


def copies_due(today=None):
    """EPCI information copies not sent yet, soonest first, with their
    days left (L5211-40-2: within a month)."""
    today = today or timezone.localdate()
    copies = InformationCopy.objects.filter(sent_at__isnull=True).select_related("seance__meeting")
    return [(copy, rules.days_left(copy.due_on, today)) for copy in copies]
