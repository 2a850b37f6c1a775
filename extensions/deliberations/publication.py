"""Each adopted deliberation published as an act (L2131-1, R2131-1): after
a pseudonymisation step (personal data the public does not need replaced
in the text to publish), a PDF generated from that text, stored as a
library document of kind « délibération » in the public collection of acts,
and an act page showing the author's name and title, the date it went
online and the file's SHA-256, which never changes afterwards. The act
stays online at least two months; then it may be unpublished."""
from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import rules
from .connector import transmit_act
from .files import file_sha256, seance_pdf, signatory, store_document
from .models import Deliberation
from .pages import ActIndexPage, ActPage
from .seance import SeanceError


def pseudonymise(deliberation, public_text, user):
    """Records the text to publish, checked by `user`."""
    if not public_text.strip():
        raise SeanceError(_("The text to publish cannot be empty."))
    if hasattr(deliberation, "act"):
        raise SeanceError(_("This act is already published: its text can no longer change."))
    Deliberation.objects.filter(pk=deliberation.pk).update(public_text=public_text.strip(), pseudonymised_by=user)
    deliberation.refresh_from_db()


def author(deliberation):
    """The signatory: the president of the séance (the maire), (name, title)."""
    return signatory(deliberation.seance)


def act_pdf(deliberation, author_name, author_title):
    """The act as published: its text, its vote, the signatures of
    L2121-23 and the means of appeal."""
    seance = deliberation.seance
    return seance_pdf("deliberations/pdf/act.html", seance, {
        "deliberation": deliberation, "president_name": author_name, "president_role": author_title,
    }, title=_("Deliberation No. %(reference)s") % {"reference": deliberation.reference},
        subtitle=_("%(instance)s — séance of %(day)s") % {
            "instance": seance.meeting.instance, "day": formats.date_format(seance.day, "j F Y")})


def _refusal(deliberation):
    if deliberation.status != Deliberation.Status.VOTED or not deliberation.is_adopted:
        return _("Only an adopted deliberation is published as an act.")
    if not deliberation.seance.closed_at:
        return _("Acts are published once the séance is closed.")
    if deliberation.huis_clos:
        return _("This item was examined in a closed sitting: it is not published on the site.")
    if not deliberation.pseudonymised_by_id or not deliberation.public_text.strip():
        return _("Check the text to publish first (pseudonymisation step).")
    if index_page_for(deliberation) is None:
        return _("Create the « Acts » page of this site first (page type « acts »).")
    return None


def index_page_for(deliberation):
    """The acts index of the site the meeting belongs to."""
    site = deliberation.seance.meeting.get_site()
    return ActIndexPage.objects.descendant_of(site.root_page).live().first() if site else None


def publish_act(deliberation, user):
    """Publishes the act once and returns its page; a second call returns
    the same page and changes nothing."""
    existing = ActPage.objects.filter(deliberation=deliberation).first()
    if existing:
        return existing
    refusal = _refusal(deliberation)
    if refusal:
        raise SeanceError(refusal)
    author_name, author_title = author(deliberation)
    data = act_pdf(deliberation, author_name, author_title)
    seance = deliberation.seance
    with transaction.atomic():
        document = store_document(
            title=deliberation.title, data=data,
            filename=f"deliberation-{deliberation.reference}-{slugify(deliberation.title)[:60]}.pdf",
            kind="deliberation", act_date=seance.day, reference=deliberation.reference,
        )
        index = index_page_for(deliberation)
        page = index.add_child(instance=ActPage(
            title=deliberation.title, slug=f"{deliberation.reference}-{slugify(deliberation.title)[:40]}",
            deliberation=deliberation, document=document, sha256=file_sha256(data),
            online_on=timezone.localdate(), author_name=author_name, author_title=author_title,
        ))
        # The console's own check (meetings.access.can_manage) allowed this;
        # an act page is the record of a vote, not editorial content.
        page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
        transaction.on_commit(lambda: transmit_act.enqueue(deliberation.pk))
    return page


def unpublish_refusal(act, today=None):
    """R2131-1: the French reason an act may not go offline yet, or None."""
    today = today or timezone.localdate()
    if rules.may_unpublish(act.online_on, today):
        return None
    return _("This act must stay online until %(day)s at least (two months, R2131-1).") % {
        "day": formats.date_format(act.earliest_unpublication, "j F Y")}


def is_act_document(document):
    return ActPage.objects.filter(document=document).exists()
