"""Approved contest photos in the site's search (extensions.search registry):
found by their title and description once approved, in contests the visitor
may see; pending and rejected entries never show, not even as a count. The
author's name is not indexed: it is personal data, purged after the contest."""
from django.utils.translation import gettext_lazy as _

from extensions.search.registry import Result, SearchableType, indexed_text, register
from pages.privacy import visible_site_pages

from .models import Entry
from .pages import ContestPage


def visible_entries_for(request):
    """By contest id (the search backends filter on FilterFields, no joins):
    the contests of the visitor's site that they may see, as a subquery
    (run within the database backends' statements)."""
    contests = visible_site_pages(request, ContestPage.objects.all()).values_list("pk", flat=True)
    return Entry.objects.filter(status=Entry.Status.APPROVED, contest__in=contests)


def present_entries(entries, request):
    contests = {page.pk: page for page in ContestPage.objects.filter(pk__in={e.contest_id for e in entries})}
    results = []
    for entry in entries:
        contest = contests[entry.contest_id]
        results.append(
            Result(
                obj=entry,
                title=entry.title,
                url=(contest.get_url(request) or "") + contest.reverse_subpage("entry_page", args=[entry.pk]),
                type_label=str(_("Contest photo")),
                date=entry.submitted_at,
                details=[contest.title],
                text=indexed_text(entry),
            )
        )
    return results


register(
    SearchableType(
        key="contest_entries",
        label=_("Contest photos"),
        model=Entry,
        visible=visible_entries_for,
        present=present_entries,
        date_field="submitted_at",
        order=40,
    )
)
