"""The open-data contract with the API (extensions.api): each published
deliberation as a row of the SCDL « Délibérations » schema (2.1.5), keyed
exactly by its columns; the API owns the CSV format and the endpoint. Also
the queryset of the deliberations a user may see, for the API and search.
Items examined in a closed sitting never leave through these functions."""
from django.utils import timezone
from wagtail.models import Site

from extensions.meetings.access import can_manage

from .models import Deliberation
from .nomenclature import scdl_name
from .pages import ActPage

SCDL_COLUMNS = (
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET",
    "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR",
    "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
)


def published_deliberations(user=None):
    """Deliberations `user` may see: the published acts for everyone;
    every voted deliberation, closed sittings included, for the staff who
    hold séances."""
    voted = Deliberation.objects.filter(status=Deliberation.Status.VOTED)
    if user is not None and can_manage(user):
        return voted
    acts = ActPage.objects.live().public().values("deliberation")
    return voted.filter(huis_clos=False, pk__in=acts)


def _site_of(page):
    return Site.objects.filter(root_page__in=page.get_ancestors(inclusive=True)).first()


def _identity(site, cache):
    from pages.models import SiteIdentity

    if site.pk not in cache:
        identity = SiteIdentity.for_site(site)
        cache[site.pk] = (identity.name or site.site_name, identity.siret, identity.legality_office)
    return cache[site.pk]


def scdl_rows(site=None, year=None):
    """One dict per published deliberation (of `site` and `year` when
    given), in register order; dates are date objects. The matière is named
    from its code by the nomenclature (« finances locales/décisions
    budgétaires »); PREF_ID is the office of the contrôle de légalité (the
    site's, e.g. PREF038) once the act was transmitted; VOTE_EFFECTIF are
    the members in office, VOTE_REEL those who voted for, against or
    abstained (members present who took no part are in neither count)."""
    acts = ActPage.objects.live().public().filter(deliberation__huis_clos=False).select_related(
        "deliberation__seance__meeting", "document")
    if site is not None:
        acts = acts.descendant_of(site.root_page)
    if year is not None:
        acts = acts.filter(deliberation__year=year)
    identities, rows = {}, []
    for act in acts.order_by("deliberation__year", "deliberation__number_in_year"):
        d = act.deliberation
        act_site = site or _site_of(act)
        name, siret, legality_office = _identity(act_site, identities)
        rows.append({
            "COLL_NOM": name, "COLL_SIRET": siret, "DELIB_ID": d.reference, "DELIB_DATE": d.seance.day,
            "DELIB_MATIERE_CODE": d.matiere_code, "DELIB_MATIERE_NOM": scdl_name(d.matiere_code),
            "DELIB_OBJET": d.title, "BUDGET_ANNEE": d.budget_year, "BUDGET_NOM": d.budget_name,
            "PREF_ID": legality_office if d.transmitted_at else "",
            "PREF_DATE": timezone.localdate(d.transmitted_at) if d.transmitted_at else None,
            "VOTE_EFFECTIF": d.in_office, "VOTE_REEL": d.voters, "VOTE_POUR": d.pour, "VOTE_CONTRE": d.contre,
            "VOTE_ABSTENTION": d.abstention, "DELIB_URL": act_site.root_url + act.document.url,
        })
    return rows
