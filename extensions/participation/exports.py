"""CSV exports for staff: entries and aggregated votes, with authors
pseudonymised (a keyed hash of their address: the same author gets the
same code in every export, and nobody can read the address back)."""
import csv
import io

from django.db.models import Count
from django.utils import timezone

from .core.identity import email_key
from .results import jury_scores

ENTRY_COLUMNS = ["id", "category", "title", "status", "shortlisted", "submitted_at", "author", "age_group",
                 "licence_uses", "licence_media", "licence_territory", "licence_years", "votes"]
VOTE_COLUMNS = ["entry_id", "category", "title", "votes", "voters_connections", "jury_score"]


def author_code(entry):
    return f"A-{email_key(entry.email)[:10]}" if entry.email else "—"


def age_group(age):
    if age is None:
        return ""
    return "<15" if age < 15 else "15-17" if age < 18 else "18+"


def _csv(columns, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def entries_csv(contest):
    entries = contest.entries.select_related("category").annotate(vote_count=Count("votes")).order_by("pk")
    return _csv(ENTRY_COLUMNS, (
        [e.pk, e.category.name, e.title, e.status, int(e.shortlisted),
         timezone.localtime(e.submitted_at).isoformat(timespec="minutes"), author_code(e), age_group(e.age),
         "+".join(e.licence.get("uses", [])), "+".join(e.licence.get("media", [])),
         e.licence.get("territory", ""), e.licence.get("years", ""), e.vote_count]
        for e in entries
    ))


def votes_csv(contest):
    entries = list(
        contest.approved_entries().select_related("category")
        .annotate(vote_count=Count("votes"), connections=Count("votes__ip_key", distinct=True)).order_by("pk")
    )
    jury = jury_scores(entries)
    return _csv(VOTE_COLUMNS, (
        [e.pk, e.category.name, e.title, e.vote_count, e.connections,
         f"{float(jury[e.pk]):.3f}" if e.pk in jury else ""]
        for e in entries
    ))
