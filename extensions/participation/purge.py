"""Personal data of participants and voters: purged at the end of each
contest's retention period, and shown or erased for one address on request
(RGPD articles 15 and 17). What a purge keeps: approved photos with their
author's name (the licence requires the credit), the consents' wording and
the vote counts, no longer tied to anyone."""
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from core.storage import delete_quietly

from .core.identity import email_key, normalise_email
from .core.models import Confirmation
from .models import ContestPage, EligibleVoter, Entry, Vote

# Used links are kept a while to tell a second click that they were used.
USED_LINKS_KEPT = timedelta(days=30)
UNUSED_LINKS_KEPT = timedelta(days=8)  # longer than any link lives


def _delete_confirmations(confirmations):
    """Deletes confirmations and the photos only they were keeping."""
    confirmations = list(confirmations)
    photos = {c.payload.get("photo") for c in confirmations} - {None}
    ids = [c.pk for c in confirmations]
    Confirmation.objects.filter(pk__in=ids).delete()
    kept = set(Entry.objects.filter(photo__in=photos).values_list("photo", flat=True))
    for name in photos - kept:
        if not Confirmation.objects.filter(payload__photo=name).exists():
            transaction.on_commit(lambda name=name: delete_quietly(name))
    return len(ids)


def purge_contest(contest, now=None):
    """Removes the personal data of one contest; returns what was done."""
    now = now or timezone.now()
    entries = contest.entries.all()
    counts = {
        "entries_deleted": entries.exclude(status=Entry.Status.APPROVED).delete()[1].get(Entry._meta.label, 0),
        "entries_anonymised": entries.filter(personal_data_purged_at__isnull=True).update(
            email="", age=None, commune="", parent_name="", parent_email="", ip_key="",
            personal_data_purged_at=now,
        ),
        "votes_anonymised": Vote.objects.filter(contest=contest).filter(
            Q(voter_key__isnull=False) | ~Q(ip_key="")
        ).update(voter_key=None, ip_key=""),
        "links_deleted": _delete_confirmations(Confirmation.objects.filter(page=contest)),
        "voters_deleted": contest.eligible_voters.all().delete()[0],
    }
    if any(counts.values()):
        log(contest, "participation.purge", data=counts)
    return counts


def purge_stale_links(now=None):
    """Links nobody followed in time, and used links past their use."""
    now = now or timezone.now()
    stale = Confirmation.objects.filter(
        Q(used_at__isnull=True, created_at__lt=now - UNUSED_LINKS_KEPT) | Q(used_at__lt=now - USED_LINKS_KEPT)
    )
    return _delete_confirmations(stale)


def due_contests(now=None):
    now = now or timezone.now()
    return [
        contest for contest in ContestPage.objects.all()
        if contest.results_date + timedelta(days=contest.retention_days) <= now
    ]


def purge_due(now=None):
    """The scheduled purge: every contest past its retention period, and
    stale links. Returns totals by kind."""
    totals = {"contests": 0, "links_deleted": purge_stale_links(now)}
    for contest in due_contests(now):
        with transaction.atomic():
            counts = purge_contest(contest, now)
        totals["contests"] += 1
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
    return totals


# ----- requests from one person -----

def held_for(email):
    """Everything held about an address (RGPD access request)."""
    email = normalise_email(email)
    return {
        "entries": list(Entry.objects.filter(Q(email=email) | Q(parent_email=email))
                        .select_related("contest", "category").prefetch_related("consents")),
        "votes": list(Vote.objects.filter(voter_key=email_key(email)).select_related("contest", "entry")),
        "links": list(Confirmation.objects.filter(email=email)),
        "voter_lists": list(EligibleVoter.objects.filter(email=email).select_related("contest")),
    }


def as_export(data):
    """held_for() as plain JSON-ready data, for the person."""
    return {
        "entries": [{
            "contest": e.contest.title, "category": e.category.name, "title": e.title,
            "description": e.description, "author_name": e.author_name, "email": e.email, "age": e.age,
            "commune": e.commune, "parent_name": e.parent_name, "parent_email": e.parent_email,
            "status": e.status, "submitted_at": e.submitted_at.isoformat(), "licence": e.licence,
            "consents": [{"kind": c.kind, "wording": c.wording, "given_by": c.given_by,
                          "accepted_at": c.accepted_at.isoformat()} for c in e.consents.all()],
        } for e in data["entries"]],
        "votes": [{"contest": v.contest.title, "photo": v.entry.title, "confirmed_at": v.confirmed_at.isoformat()}
                  for v in data["votes"]],
        "pending_links": [{"purpose": c.purpose, "created_at": c.created_at.isoformat(),
                           "used_at": c.used_at.isoformat() if c.used_at else None} for c in data["links"]],
        "voter_lists": [v.contest.title for v in data["voter_lists"]],
    }


def erase(email, user=None):
    """Deletes everything held about an address (RGPD erasure request):
    its entries (as author or parent, with their files), votes, links and
    places on voter lists. Logged on each contest, without the address."""
    data = held_for(email)
    contests = {e.contest for e in data["entries"]} | {v.contest for v in data["votes"]} | {
        v.contest for v in data["voter_lists"]}
    with transaction.atomic():
        counts = {
            "entries": Entry.objects.filter(pk__in=[e.pk for e in data["entries"]]).delete()[1].get(
                Entry._meta.label, 0),
            "votes": Vote.objects.filter(pk__in=[v.pk for v in data["votes"]]).delete()[0],
            "links": _delete_confirmations(data["links"]),
            "voter_lists": EligibleVoter.objects.filter(pk__in=[v.pk for v in data["voter_lists"]]).delete()[0],
        }
        for contest in contests:
            log(contest, "participation.erasure", user=user, data=counts)
    return counts
