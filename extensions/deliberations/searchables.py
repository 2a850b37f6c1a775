"""Published acts in the site's search (extensions.search registry): the
act pages of the current site that the visitor may see. Items examined in
a closed sitting are never published, so never found."""
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from extensions.search.registry import Result, SearchableType, indexed_text, register
from pages.privacy import visible_site_pages

from .pages import ActPage


def visible_acts(request):
    """Live acts of the current site the visitor may see, by page path (as
    for meetings: a search server's count ignores a filter on the id; a
    subquery, run within the database backends' statements)."""
    paths = visible_site_pages(request, ActPage.objects.all()).values_list("path", flat=True)
    # With their deliberation: present_acts() shows its reference and vote.
    return ActPage.objects.filter(path__in=paths).select_related("deliberation")


def adopted_on(act):
    """The date that matters for an act: its vote (else when it went online)."""
    voted_at = act.deliberation.voted_at
    return timezone.localdate(voted_at) if voted_at else act.online_on


def present_acts(acts, request):
    return [
        Result(
            obj=act, title=act.title, url=act.get_url(request) or "", type_label=str(_("Deliberation")),
            date=adopted_on(act), details=[act.deliberation.reference], text=indexed_text(act),
        )
        for act in acts
    ]


register(
    SearchableType(
        key="deliberations",
        label=_("Deliberations"),
        model=ActPage,
        visible=visible_acts,
        present=present_acts,
        date_field="online_on",
        order=25,
    )
)
