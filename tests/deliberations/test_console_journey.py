"""The séance as a secretary holds it on a 1024 × 768 tablet, in a real
Chromium (issue 15): the appel of nineteen members with « Tous présents »
then two departures, without a page reload; the opening once the quorum is
shown; an urgency rejected for one item, whose vote is refused; a public
ballot filled with « Tous pour » then two changes, its tally read before
saving; a correction after saving (kept in the trail, the number
unchanged); a secret ballot; an item left unexamined, which the close asks
about and the procès-verbal draft says « reporté ». axe-core checks each
console page. With GUIDES_SCREENSHOTS=1 the run also refreshes the
screenshots of docs/guides/secretaire-tenir-la-seance.md."""
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from extensions.deliberations.models import Deliberation
from extensions.meetings.pages import MeetingPage
from tests.browser.support import blocking_violations

from .test_register import pdf_text
from .test_browser import live_council, sign_in

pytestmark = pytest.mark.browser

# The secretary's tablet, landscape (issue 15).
CONSOLE_TABLET = {"viewport": {"width": 1024, "height": 768}, "is_mobile": True, "has_touch": True,
                  "device_scale_factor": 1}
SURNAMES = ["Arnaud", "Bernard", "Charpentier", "Dubois", "Étienne", "Fabre", "Garnier", "Hubert", "Imbert",
            "Joly", "Klein", "Lambert", "Martin", "Noël", "Olivier", "Perrin", "Quentin", "Roux", "Simon"]
ITEMS = ("Budget supplémentaire", "Tarifs de la cantine", "Subvention exceptionnelle", "Vente d'un terrain communal")
GUIDE_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "guides" / "images"


@pytest.fixture
def council_meeting(django_db_serialized_rollback, transactional_db):
    """Nineteen members (quorum ten), a meeting convened with urgency, committed for the live server."""
    meeting = live_council(SURNAMES, 2400, titles=ITEMS)
    MeetingPage.objects.filter(pk=meeting.pk).update(urgency=True, urgency_reason="Dégâts des eaux à l’école")
    return meeting


@pytest.fixture
def tablet(new_window):
    return new_window(CONSOLE_TABLET)


def shot(tab, name):
    """A screenshot for the guide, only when asked (GUIDES_SCREENSHOTS=1)."""
    if os.environ.get("GUIDES_SCREENSHOTS") == "1":
        tab.screenshot(path=str(GUIDE_IMAGES / f"{name}.png"))


def accessible(tab):
    assert tab.evaluate("document.documentElement.scrollWidth") <= CONSOLE_TABLET["viewport"]["width"], tab.url
    assert blocking_violations(tab) == [], tab.url


def tally(tab, name):
    return tab.locator(f"#vote-form [data-count='{name}']")


def open_item(tab, title):
    tab.get_by_role("link", name="Retour à la séance").click()
    tab.get_by_role("link", name=title).click()


def write_text(tab, text, **requests):
    tab.get_by_label("Texte de la délibération").fill(text)
    for label, count in requests.items():
        tab.get_by_label(label).fill(str(count))
    tab.get_by_role("button", name="Enregistrer le point").click()
    expect(tab.get_by_text("Point enregistré.")).to_be_visible()


def test_a_seance_held_on_a_tablet(tablet, council_meeting):
    tab = tablet
    sign_in(tab)
    tab.goto(f"/admin/deliberations/{council_meeting.pk}/")
    status = tab.locator("#quorum-status")
    expect(status).to_contain_text("0 présents sur 19 membres en exercice")
    expect(tab.get_by_role("button", name="Ouvrir la séance")).to_have_count(0)  # not below the quorum
    tab.evaluate("window.sameDocument = true")

    # The appel: nineteen present in one action, then two departures.
    actions = 0
    tab.get_by_role("button", name="Tous présents").click()
    actions += 1
    expect(status).to_contain_text("19 présents sur 19 membres en exercice")
    assert actions <= 3
    shot(tab, "seance-appel")
    simon = tab.locator("#attendance li", has_text="Élu Simon")
    simon.scroll_into_view_if_needed()
    where = simon.bounding_box()["y"]
    assert where > 0
    simon.get_by_role("button").first.click()
    expect(status).to_contain_text("18 présents")
    tab.locator("#attendance li", has_text="Élu Roux").get_by_role("button").first.click()
    expect(status).to_contain_text("17 présents")
    expect(tab.locator("#attendance li", has_text="Élu Roux")).to_contain_text("parti à")
    assert tab.evaluate("window.sameDocument") is True  # no page reload
    # Nor a jump to the top: the rows stay where the secretary was.
    assert abs(simon.bounding_box()["y"] - where) < 60
    assert tab.get_by_role("heading", level=1).bounding_box()["y"] < 0
    accessible(tab)

    # The opening: the urgency accepted except for one item.
    tab.get_by_label("Président(e) de séance").select_option(label="Élu Arnaud")
    tab.locator("#opening").get_by_label("Élu Bernard", exact=True).check()
    tab.get_by_label("urgence acceptée").check()
    tab.get_by_label("3. Subvention exceptionnelle").check()
    tab.get_by_role("button", name="Ouvrir la séance").click()
    expect(tab.get_by_text("La séance est ouverte.")).to_be_visible()
    tab.get_by_role("link", name="Subvention exceptionnelle").click()
    expect(tab.locator("#vote-blocked")).to_contain_text("Le conseil a rejeté l’urgence pour ce point")
    expect(tab.get_by_role("button", name="Enregistrer le vote")).to_have_count(0)

    # A public ballot: « Tous pour », then two voices changed, read before saving.
    open_item(tab, "Budget supplémentaire")
    write_text(tab, "Le conseil municipal adopte la décision modificative n° 1.",
               **{"Membres demandant un scrutin public": 5})
    expect(tab.get_by_role("heading", name=re.compile("scrutin public"))).to_be_visible()
    expect(tally(tab, "missing")).to_have_text("17")
    expect(tally(tab, "outcome")).to_have_text("—")
    tab.get_by_role("link", name="Tous pour").click()
    expect(tab.get_by_role("group", name="Élu Klein").get_by_label("pour", exact=True)).to_be_checked()
    expect(tally(tab, "pour")).to_have_text("17")
    tab.get_by_role("group", name="Élu Charpentier").get_by_label("contre", exact=True).check()
    tab.get_by_role("group", name="Élu Dubois").get_by_label("abstention", exact=True).check()
    for name, value in (("pour", "15"), ("contre", "1"), ("abstention", "1"), ("nppp", "0"), ("cast", "16"),
                        ("majority", "9"), ("missing", "0"), ("outcome", "adoptée")):
        expect(tally(tab, name)).to_have_text(value)
    shot(tab, "seance-vote")
    accessible(tab)
    tab.get_by_role("button", name="Enregistrer le vote").click()
    result = tab.locator("#vote-result")
    expect(result).to_contain_text("15 pour, 1 contre, 1 abstentions")
    number = re.search(r"n°\s?(\d{4}-\d{3})", result.inner_text()).group(1)

    # A correction after saving: in the trail, the number unchanged.
    tab.get_by_text("Corriger le vote").click()
    tab.locator("#correction-form").get_by_role("group", name="Élu Fabre").get_by_label("contre", exact=True).check()
    tab.get_by_label("Motif de la correction").fill("Main levée mal comptée")
    tab.get_by_role("button", name="Enregistrer la correction").click()
    expect(tab.get_by_text("Vote corrigé ; la délibération garde son numéro.")).to_be_visible()
    expect(result).to_contain_text("14 pour, 2 contre, 1 abstentions")
    expect(result).to_contain_text(f"n° {number}")
    expect(tab.locator("#corrections")).to_contain_text("Main levée mal comptée")
    expect(tab.locator("#corrections")).to_contain_text("15 pour, 1 contre")
    tab.get_by_text("Corriger le vote").click()
    shot(tab, "seance-correction")
    accessible(tab)

    # A secret ballot: totals only.
    open_item(tab, "Tarifs de la cantine")
    write_text(tab, "Le conseil municipal fixe les tarifs de la cantine.",
               **{"Membres demandant un scrutin secret": 6})
    expect(tab.get_by_role("heading", name=re.compile("scrutin secret"))).to_be_visible()
    grid = tab.locator("#vote-form")
    grid.get_by_label("Pour").fill("10")
    grid.get_by_label("Contre").fill("5")
    grid.get_by_label("Abstentions, bulletins blancs ou nuls").fill("2")
    expect(tally(tab, "outcome")).to_have_text("adoptée")
    expect(tally(tab, "majority")).to_have_text("8")
    tab.get_by_role("button", name="Enregistrer le vote").click()
    expect(tab.locator("#vote-result")).to_contain_text("10 pour, 5 contre, 2 abstentions")
    expect(tab.get_by_text("Élu Arnaud :")).to_have_count(0)

    # The close asks what became of the item left; nothing is assumed.
    tab.get_by_role("link", name="Retour à la séance").click()
    tab.get_by_role("link", name="Clore la séance").click()
    expect(tab.get_by_text("1 point n’a pas été voté")).to_be_visible()
    tab.get_by_role("button", name="Clore la séance").click()  # no answer: the browser asks for one
    expect(tab.locator(".seance__close input[type=radio]:invalid")).to_have_count(3)
    expect(tab).to_have_url(re.compile("/clore/$"))
    tab.get_by_role("group", name="4. Vente d'un terrain communal").get_by_label("reporté").check()
    shot(tab, "seance-cloture")
    accessible(tab)
    tab.get_by_role("button", name="Clore la séance").click()
    expect(tab.get_by_text("La séance est close")).to_be_visible()

    # The procès-verbal draft says it.
    tab.get_by_role("link", name=re.compile("Après la séance")).click()
    expect(tab.get_by_text(re.compile("Vente d'un terrain communal — reporté"))).to_be_attached()
    expect(tab.get_by_text(re.compile("Subvention exceptionnelle — urgence rejetée"))).to_be_attached()
    draft = tab.request.get(f"/admin/deliberations/{council_meeting.pk}/pdf/proces-verbal/")
    text = pdf_text(draft.body())
    assert re.search(r"Vente d'un terrain communal\s*—\s*reporté", text), text
    assert re.search(r"Subvention exceptionnelle\s*—\s*urgence rejetée", text), text
    statuses = dict(Deliberation.objects.filter(seance__meeting=council_meeting).values_list("position", "status"))
    assert statuses == {1: "voted", 2: "voted", 3: "urgency_rejected", 4: "postponed"}
