"""Demo of election night for `manage.py load_demo`, on Saint-Aurèle's site
(localhost): its four bureaux de vote, the municipal election of March 2026
(three lists, 27 seats, every bureau validated: results and seat
allocation), and round 1 of a presidential election « en cours » with two
bureaux of four validated (and a third in draft, which stays private), so
the live page shows partial results. An agent of the « Bureau des
élections » enters the rest. Idempotent: what exists is left alone."""
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Site

from . import rules
from .entry import save_result
from .models import BureauDeVote, Candidature, Scrutin
from .pages import ElectionIndexPage, ElectionResultsPage
from .roles import ensure_election_office

AGENT = ("nbenali", "Nadia", "Benali")
BUREAUX = [
    (1, "Mairie", "1 place de la Mairie", 780),
    (2, "École Jules-Ferry", "12 rue des Écoles", 742),
    (3, "Salle des fêtes", "4 avenue de l'Aurèle", 815),
    (4, "Gymnase des Tilleuls", "28 chemin des Tilleuls", 1105),
]
MUNICIPAL_LISTS = [
    ("Saint-Aurèle ensemble", "Hélène Vidal", "LDVG"),
    ("Agir pour Saint-Aurèle", "Thierry Caron", "LDVD"),
    ("Aurèle écologie citoyenne", "Sofia Marchetti", "LECO"),
]
# Per bureau: (12 h, 17 h, inscrits, votants, émargements, blancs, nuls, voix per list, gap reason)
MUNICIPAL_RESULTS = {
    1: (180, 402, 780, 531, 531, 9, 6, [281, 187, 48], ""),
    2: (171, 389, 742, 512, 513, 8, 5, [262, 183, 54],
        "Un électeur a signé la liste d'émargement puis quitté le bureau sans voter."),
    3: (205, 455, 815, 601, 601, 11, 7, [305, 219, 59], ""),
    4: (301, 668, 1105, 884, 884, 12, 9, [470, 313, 80], ""),
}
PRESIDENTIAL_CANDIDATES = ["Claire Dumont", "Marc Leroy", "Inès Garnier", "Paul Ferrand", "Louise Tessier"]
PRESIDENTIAL_RESULTS = {
    1: (201, 447, 781, 602, 602, 10, 4, [171, 154, 139, 78, 46], ""),
    2: (188, 421, 745, 571, 571, 12, 6, [160, 149, 121, 80, 43], ""),
}
PRESIDENTIAL_DRAFT = {3: (230, None, 818, None, None, None, None, [None] * 5, "")}


def load(command):
    site = Site.objects.filter(hostname="localhost").first()
    if site is None:
        return
    office = ensure_election_office()
    agent = ensure_agent(office)
    bureaux = [BureauDeVote.objects.get_or_create(site=site, number=number, defaults={
        "name": name, "address": address, "inscrits": inscrits})[0] for number, name, address, inscrits in BUREAUX]
    index = ensure_index(site)
    created = 0
    municipal, new = ensure_scrutin(site, bureaux, Scrutin.Kind.MUNICIPALES, "Élections municipales 2026",
                                    date(2026, 3, 15), MUNICIPAL_LISTS, population=3812, seats=27)
    if new:
        enter(municipal, bureaux, agent, MUNICIPAL_RESULTS, validate=True)
        created += 1
    presidential, new = ensure_scrutin(site, bureaux, Scrutin.Kind.PRESIDENTIELLE, "Élection présidentielle 2027",
                                       date(2027, 4, 11), [(name, "", "") for name in PRESIDENTIAL_CANDIDATES])
    if new:
        enter(presidential, bureaux, agent, PRESIDENTIAL_RESULTS, validate=True)
        enter(presidential, bureaux, agent, PRESIDENTIAL_DRAFT, validate=False)
        created += 1
    for scrutin, slug in ((municipal, "municipales-2026"), (presidential, "presidentielle-2027-tour-1")):
        ensure_results_page(index, scrutin, slug)
    command.report("Scrutins", created, Scrutin.objects.filter(site=site).count())


def ensure_agent(office):
    username, first_name, last_name = AGENT
    user, new = get_user_model().objects.get_or_create(username=username, defaults={
        "first_name": first_name, "last_name": last_name, "email": f"{username}@saint-aurele.localhost"})
    if new:
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
        user.groups.add(office)
    return user


def ensure_index(site):
    home = site.root_page.specific
    index = ElectionIndexPage.objects.child_of(home).first()
    if index is None:
        index = ElectionIndexPage(title="Élections", slug="elections",
                                  intro="<p>Les résultats des élections à Saint-Aurèle, bureau par bureau.</p>")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def ensure_scrutin(site, bureaux, kind, title, day, candidatures, **fields):
    scrutin, new = Scrutin.objects.get_or_create(site=site, kind=kind, day=day, round=1, defaults={
        "title": title, "commune_code": "81999", "commune_name": "Saint-Aurèle", **fields})
    if new:
        scrutin.bureaux.set(bureaux)
        for panel, (name, head, nuance) in enumerate(candidatures, start=1):
            Candidature.objects.create(scrutin=scrutin, panel=panel, name=name, head=head, nuance=nuance)
    return scrutin, new


def enter(scrutin, bureaux, agent, figures_by_bureau, validate):
    """Through the entry form's own save, after the same checks: the demo's
    figures obey the law and leave the same traces."""
    candidatures = list(scrutin.ordered_candidatures())
    for bureau in bureaux:
        if bureau.number not in figures_by_bureau:
            continue
        at_12h, at_17h, inscrits, votants, emargements, blancs, nuls, voix, reason = figures_by_bureau[bureau.number]
        if validate:
            problems = rules.check_figures(inscrits=inscrits, votants=votants, emargements=emargements,
                                           blancs=blancs, nuls=nuls, voix=voix, gap_reason=reason)
            assert not problems, problems
        save_result(scrutin=scrutin, bureau=bureau, user=agent, version=0, validate=validate, figures={
            "participation_12h": at_12h, "participation_17h": at_17h, "inscrits": inscrits, "votants": votants,
            "emargements": emargements, "blancs": blancs, "nuls": nuls, "gap_reason": reason,
        }, voix=dict(zip(candidatures, voix)))


def ensure_results_page(index, scrutin, slug):
    if ElectionResultsPage.objects.filter(scrutin=scrutin).exists():
        return
    page = ElectionResultsPage(title=str(scrutin), slug=slug, scrutin=scrutin)
    index.add_child(instance=page)
    page.save_revision().publish()
