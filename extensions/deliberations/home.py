"""« Dernières délibérations » on a site's home page: its latest published
acts, through the home page's "home_sections" hook. Two queries whatever
the number of acts (the acts with their deliberation, then the index for
the link to all of them)."""
from django.template.loader import render_to_string

from pages.privacy import public_pages

from .pages import ActIndexPage, ActPage

LATEST = 4


def latest_acts(request, home):
    """The latest acts published under `home`, newest first; never an act
    examined in a closed sitting (huis clos), nor one behind a view
    restriction (from the request's one read of them: pages.privacy)."""
    acts = public_pages(request, ActPage.objects.descendant_of(home)).filter(deliberation__huis_clos=False)
    return list(acts.select_related("deliberation").order_by("-online_on", "-pk")[:LATEST])


def home_section(request, home):
    acts = latest_acts(request, home)
    if not acts:
        return ""
    index = ActIndexPage.objects.live().descendant_of(home).first()
    return render_to_string("deliberations/includes/home_section.html", {"acts": acts, "index": index},
                            request=request)
