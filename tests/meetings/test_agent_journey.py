"""Issue 14's first check, in a real Chromium on a fresh demo, signed in as
`agent` only (no administrator, no page tree): « Séances › Nouvelle
séance », a council meeting with two items, their notes de synthèse and
an annex uploaded on the same screen; the confirmation screen states the
délai; « Envoyer »; the élu's e-mail read from a real SMTP server, its
link opened and the receipt acknowledged; the receipt on the dashboard;
the attestation downloaded. axe-core on every page.

With GUIDES_SCREENSHOTS=1 (`make guides`) the steps are photographed into
docs/guides/images/ for docs/guides/agent-preparer-et-convoquer.md."""
import datetime
import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from extensions.meetings.deadline import day_and_month
from extensions.meetings.rules import latest_sending_date
from tests.browser.support import blocking_violations
from tests.factories import pdf_bytes

from .smtp import smtp_server

pytestmark = pytest.mark.browser

IMAGES = Path(settings.ROOT_DIR) / "docs" / "guides" / "images"
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
COUNCIL = "Conseil municipal de Saint-Aurèle"


@pytest.fixture
def demo(django_db_serialized_rollback, transactional_db):
    """The demo as `make demo` loads it, committed for the live server."""
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def inbox():
    with smtp_server() as messages:
        yield messages


def photograph(tab, name):
    """A screenshot for the agent's guide, when asked for."""
    if os.environ.get("GUIDES_SCREENSHOTS") == "1":
        IMAGES.mkdir(parents=True, exist_ok=True)
        # Wagtail's admin scrolls inside its layout, not the page: the
        # window is made as tall as the content for the picture.
        height = tab.evaluate("Math.max(...[...document.querySelectorAll('body, main, main *')]"
                              ".map(element => element.scrollHeight))")
        tab.set_viewport_size({"width": DESKTOP["viewport"]["width"], "height": min(height + 40, 4000)})
        tab.screenshot(path=str(IMAGES / f"{name}.png"))
        tab.set_viewport_size(DESKTOP["viewport"])


def accessible(tab):
    assert blocking_violations(tab) == [], tab.url


def sign_in(tab, username):
    tab.goto("/admin/login/")
    tab.locator("input[name=username]").fill(username)
    tab.locator("input[name=password]").fill(settings.DEMO_PASSWORD)
    tab.locator("form button[type=submit]").first.click()
    expect(tab).not_to_have_url(re.compile(r"/admin/login/"))


def fill_item(item, title, rapporteur, note):
    item.get_by_label("Titre du point").fill(title)
    item.get_by_label("Rapporteur").select_option(label=rapporteur)
    editor = item.locator("[role=textbox]").first
    editor.click()
    editor.type(note)
    # Draftail copies its content into the form's field a quarter of a
    # second after the last key, as a person moves on to the next field.
    expect(item.locator('input[name$="-note"]')).to_have_value(re.compile(re.escape(note.split()[0])))


def personal_link(inbox, address):
    [message] = inbox.to(address)
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://[^/\s]+(/seances/convocation/[^/\s]+/)", body).group(1)


def test_the_agent_prepares_and_convenes_alone(new_window, demo, inbox, tmp_path):
    day = timezone.localdate() + datetime.timedelta(days=21)
    annex = tmp_path / "annexe-tableau-des-tarifs.pdf"
    annex.write_bytes(pdf_bytes("Annexe : tableau des tarifs 2027"))

    agent = new_window(DESKTOP)
    sign_in(agent, "agent")
    agent.get_by_role("button", name="Séances").click()
    agent.get_by_role("link", name="Nouvelle séance").click()
    expect(agent.get_by_role("heading", level=1)).to_contain_text("Nouvelle séance")
    accessible(agent)

    agent.get_by_label("Quel conseil ou quelle commission se réunit ?").select_option(label=COUNCIL)
    agent.get_by_label("Date de la séance").fill(day.isoformat())
    agent.get_by_label("Heure").fill("18:30")
    agent.get_by_label("Lieu").fill("Salle du conseil, mairie")
    items = agent.locator("fieldset.meeting-item:visible")
    fill_item(items.nth(0), "Tarifs de la cantine scolaire", "Claire Fontanel",
              "Les tarifs augmentent de 2 % au 1er janvier.")
    agent.get_by_role("button", name="Ajouter un point").click()
    expect(items).to_have_count(2)
    second = items.nth(1)
    fill_item(second, "Convention avec la médiathèque intercommunale", "Julien Marchetti",
              "La convention fixe les horaires et le partage des frais.")
    second.get_by_label("Ajouter des documents").set_input_files(str(annex))
    second.get_by_label("Les documents ajoutés sont").select_option(label="annexe")
    photograph(agent, "agent-1-nouvelle-seance")
    agent.get_by_role("button", name="Enregistrer").click()

    expect(agent.get_by_text(re.compile("est enregistrée"))).to_be_visible()
    accessible(agent)
    photograph(agent, "agent-2-seance-enregistree")
    agent.get_by_role("link", name="Vérifier et envoyer la convocation").click()

    latest = latest_sending_date(day, 5)
    statement = (f"Séance du {day_and_month(day)} à 18\u00a0h\u00a030 : convocation au plus tard le "
                 f"{day_and_month(latest)} (5\u00a0jours francs, article L2121-12)")
    expect(agent.locator(".meeting-confirm__statement")).to_have_text(statement)
    expect(agent.get_by_role("main")).to_contain_text("Julien Marchetti")
    expect(agent.get_by_role("main")).to_contain_text("Sur papier (1\u00a0personne)")
    accessible(agent)
    agent.get_by_label("Date de dépôt des convocations papier").fill(timezone.localdate().isoformat())
    photograph(agent, "agent-3-verifier-et-envoyer")
    agent.get_by_role("button", name="Envoyer", exact=True).click()

    expect(agent.get_by_text(re.compile("La convocation part"))).to_be_visible()
    accessible(agent)
    elu = new_window(DESKTOP)
    elu.goto(personal_link(inbox, "julien.marchetti@saint-aurele.localhost"))
    expect(elu.get_by_role("heading", level=1)).to_contain_text(COUNCIL)
    accessible(elu)
    elu.get_by_role("button", name="J’ai bien reçu ma convocation").click()
    expect(elu.get_by_text(re.compile("Réception confirmée le"))).to_be_visible()

    agent.reload()
    row = agent.locator("#meeting-status tr", has_text="Julien Marchetti")
    expect(row.locator("td").nth(4)).to_have_text(re.compile(r"\d\d/\d\d \d\d:\d\d"))
    photograph(agent, "agent-4-suivi-des-receptions")
    with agent.expect_download() as download:
        agent.get_by_role("link", name="Attestation (PDF)").first.click()
    path = download.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF-")
