"""A commune with three bureaux, a municipal scrutin of 27 seats with three
lists, its results page, and an agent of the election office."""
from datetime import date

import pytest
from wagtail.models import Site

from extensions.elections.models import BureauDeVote, Candidature, Scrutin
from extensions.elections.pages import ElectionIndexPage, ElectionResultsPage
from extensions.elections.roles import ELECTION_OFFICE
from tests.factories import UserFactory


@pytest.fixture
def site(home_page):
    return Site.objects.get(hostname="localhost")


@pytest.fixture
def bureaux(site):
    return [BureauDeVote.objects.create(site=site, number=n, name=name, inscrits=inscrits)
            for n, name, inscrits in ((1, "Mairie", 800), (2, "École", 700), (3, "Gymnase", 900))]


@pytest.fixture
def scrutin(site, bureaux):
    scrutin = Scrutin.objects.create(site=site, kind=Scrutin.Kind.MUNICIPALES, title="Municipales 2026",
                                     day=date(2026, 3, 15), commune_code="81999", commune_name="Saint-Aurèle",
                                     population=3812, seats=27)
    scrutin.bureaux.set(bureaux)
    for panel, name in enumerate(["Ensemble", "Agir", "Écologie"], start=1):
        Candidature.objects.create(scrutin=scrutin, panel=panel, name=name, nuance=f"L{panel}")
    return scrutin


@pytest.fixture
def results_page(home_page, scrutin):
    index = ElectionIndexPage(title="Élections", slug="elections")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    page = ElectionResultsPage(title="Municipales 2026 – 1er tour", slug="municipales-2026", scrutin=scrutin)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def agent(db):
    return UserFactory(username="agent-elections", groups=[ELECTION_OFFICE])


# One valid PV per bureau: (inscrits, votants, émargements, blancs, nuls, voix)
VALID = {
    1: (800, 500, 500, 10, 5, [250, 200, 35]),
    2: (700, 400, 400, 5, 5, [200, 150, 40]),
    3: (900, 600, 600, 10, 10, [300, 250, 30]),
}


def post_data(bureau_number, version=0, action="validate", **changes):
    inscrits, votants, emargements, blancs, nuls, voix = VALID[bureau_number]
    data = {"version": version, "action": action, "inscrits": inscrits, "votants": votants,
            "emargements": emargements, "blancs": blancs, "nuls": nuls, "gap_reason": "",
            "participation_12h": 100, "participation_17h": 300,
            **{f"voix_{panel}": count for panel, count in enumerate(voix, start=1)}}
    data.update(changes)
    return data
