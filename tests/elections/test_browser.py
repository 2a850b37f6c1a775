"""Election night on a phone, in a real Chromium: an agent of the election
office enters a bureau whose votes do not add up (refused, with the
figures), fixes it and validates; a visitor's results page shows the new
totals at its next poll, without reloading; a second agent's stale form is
refused. axe-core checks the entry form and the results page."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import PHONE, blocking_violations
from tests.factories import PASSWORD, UserFactory, install_home_page

from .conftest import VALID

pytestmark = pytest.mark.browser
POLL_WAIT_MS = 25_000  # the page polls every 15 s


@pytest.fixture
def election_night(django_db_serialized_rollback, transactional_db):
    """Committed for the live server: the conftest's scrutin and page, and two agents."""
    from datetime import date

    from wagtail.models import Site

    from extensions.elections.models import BureauDeVote, Candidature, Scrutin
    from extensions.elections.pages import ElectionIndexPage, ElectionResultsPage
    from extensions.elections.roles import ELECTION_OFFICE

    home = install_home_page(title="Saint-Aurèle", slug="saint-aurele")
    site = Site.objects.get(hostname="localhost")
    bureaux = [BureauDeVote.objects.create(site=site, number=n, name=name, inscrits=VALID[n][0])
               for n, name in ((1, "Mairie"), (2, "École"), (3, "Gymnase"))]
    scrutin = Scrutin.objects.create(site=site, kind=Scrutin.Kind.MUNICIPALES, title="Municipales 2026",
                                     day=date(2026, 3, 15), commune_code="81999", commune_name="Saint-Aurèle",
                                     population=3812, seats=27)
    scrutin.bureaux.set(bureaux)
    for panel, name in enumerate(["Ensemble", "Agir", "Écologie"], start=1):
        Candidature.objects.create(scrutin=scrutin, panel=panel, name=name)
    index = home.add_child(instance=ElectionIndexPage(title="Élections", slug="elections"))
    index.save_revision().publish()
    page = index.add_child(instance=ElectionResultsPage(title="Municipales 2026", slug="municipales-2026",
                                                        scrutin=scrutin))
    page.save_revision().publish()
    for username in ("agent1", "agent2"):
        UserFactory(username=username, groups=[ELECTION_OFFICE])
    return scrutin, bureaux, page


def sign_in(tab, username):
    tab.goto("/elections/saisie/")
    tab.locator("input[name=username]").fill(username)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("main form button[type=submit]").click()
    expect(tab.get_by_role("heading", name="Saisie des résultats")).to_be_visible()


def fill_bureau(tab, number, **changes):
    inscrits, votants, emargements, blancs, nuls, voix = VALID[number]
    values = {"Inscrits": inscrits, "Émargements": emargements, "Votants (enveloppes": votants,
              "Bulletins blancs": blancs, "Bulletins nuls": nuls, "Votants à 12 h": 100, "Votants à 17 h": 300,
              **{f"{panel}. {name}": count for panel, name, count in zip((1, 2, 3), ("Ensemble", "Agir", "Écologie"),
                                                                         voix)}}
    values.update(changes)
    for label, value in values.items():
        tab.get_by_label(re.compile("^" + re.escape(label))).fill(str(value))


def test_election_night_on_a_phone(new_window, election_night):
    scrutin, bureaux, page = election_night
    visitor = new_window(PHONE)
    visitor.goto(page.url)
    expect(visitor.locator("[data-field=bureaux]")).to_have_text("0 bureau sur 3")
    visitor.evaluate("window.notReloaded = true")

    agent = new_window(PHONE)
    sign_in(agent, "agent1")
    agent.get_by_role("link", name=re.compile("Municipales 2026")).click()
    agent.get_by_role("link", name=re.compile("Bureau 1 – Mairie")).click()
    fill_bureau(agent, 1, **{"3. Écologie": 34})
    agent.get_by_role("button", name="Valider le bureau").click()
    expect(agent.get_by_role("alert")).to_contain_text(
        "La somme des voix (484) doit être égale aux suffrages exprimés (485")
    assert agent.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert blocking_violations(agent) == [], agent.url

    agent.get_by_label("3. Écologie").fill("35")
    agent.get_by_role("button", name="Valider le bureau").click()
    expect(agent.get_by_text("Bureau 1 validé.")).to_be_visible()

    expect(visitor.locator("[data-field=bureaux]")).to_have_text("1 bureau sur 3", timeout=POLL_WAIT_MS)
    expect(visitor.locator("[data-total=votants]")).to_have_text("500")
    expect(visitor.locator("#election-candidatures tbody tr").first).to_contain_text("250")
    assert visitor.evaluate("window.notReloaded") is True
    assert blocking_violations(visitor) == [], visitor.url

    # Two agents open bureau 2; the second saves first; the first is refused.
    agent.get_by_role("link", name=re.compile("Bureau 2 – École")).click()
    other = new_window(PHONE)
    sign_in(other, "agent2")
    other.goto(f"/elections/saisie/{scrutin.pk}/bureau/{bureaux[1].pk}/")
    fill_bureau(other, 2)
    other.get_by_role("button", name="Valider le bureau").click()
    expect(other.get_by_text("Bureau 2 validé.")).to_be_visible()
    fill_bureau(agent, 2, **{"Bulletins blancs": 6, "1. Ensemble": 199})
    agent.get_by_role("button", name="Valider le bureau").click()
    expect(agent.get_by_role("alert")).to_contain_text("Un autre agent a enregistré ce bureau")
    expect(agent.get_by_label("Bulletins blancs")).to_have_value("5")
