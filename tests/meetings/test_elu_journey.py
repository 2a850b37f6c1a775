"""The élu's journey of issue 14 on a phone (390 × 844), on a fresh demo,
signed in as `elu` only: sign in from the home page, find the convocation
to confirm in « Mes espaces », acknowledge and give a pouvoir in one form,
revoke it. axe-core finds no serious or critical problem on any screen,
and nothing is wider than the phone.

With GUIDES_SCREENSHOTS=1 (`make guides`) the screens are saved into
docs/guides/images/ for docs/guides/elu-recevoir-repondre-pouvoir.md."""
import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from playwright.sync_api import expect

from extensions.meetings.models import Pouvoir
from extensions.meetings.pages import MeetingPage
from tests.browser.support import PHONE, blocking_violations

pytestmark = pytest.mark.browser

GUIDE_IMAGES = Path(settings.ROOT_DIR) / "docs" / "guides" / "images"
COUNCIL = "Conseil municipal – séance ordinaire"


@pytest.fixture
def demo(django_db_serialized_rollback, transactional_db):
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    return MeetingPage.objects.get(title=COUNCIL)


def checked(tab, name=None):
    """axe-core and the phone's width on the screen shown; its screenshot
    for the guide when asked."""
    assert blocking_violations(tab) == [], tab.url
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"], tab.url
    if name and os.environ.get("GUIDES_SCREENSHOTS") == "1":
        GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(GUIDE_IMAGES / f"elu-{name}.png"))


def test_the_elu_confirms_gives_a_pouvoir_and_revokes_it(new_window, demo):
    tab = new_window(PHONE)
    tab.goto("/")
    checked(tab, "1-accueil")
    tab.get_by_role("link", name="Se connecter").click()
    tab.get_by_label("Identifiant ou adresse e-mail").fill("elu")
    tab.get_by_label("Mot de passe").fill(settings.DEMO_PASSWORD)
    checked(tab, "2-connexion")
    tab.get_by_role("button", name="Se connecter").click()
    expect(tab).to_have_url(re.compile(r"/$"))  # back on the home page it started from
    tab.get_by_role("link", name="Mes espaces").click()

    to_confirm = tab.locator("section.convocations--to-confirm")
    expect(to_confirm.get_by_role("heading", level=2)).to_have_text("Convocations à confirmer")
    expect(to_confirm).to_contain_text(COUNCIL)
    checked(tab, "3-mes-espaces")
    to_confirm.locator("li", has_text=COUNCIL).get_by_role("link").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(COUNCIL)
    expect(tab.get_by_text("Réception non confirmée.")).to_be_visible()
    tab.get_by_label("donne pouvoir").check()
    tab.get_by_label("Si vous donnez pouvoir").select_option(label="Bernard Roux")
    checked(tab, "4-convocation")
    tab.get_by_role("button", name="J’ai bien reçu ma convocation").click()

    expect(tab.get_by_text(re.compile("Réception confirmée le"))).to_be_visible()
    expect(tab.get_by_text("Vous avez donné pouvoir à Bernard Roux.")).to_be_visible()
    assert Pouvoir.objects.in_force().filter(giver__username="elu", meetings=demo).count() == 1
    revoke = tab.get_by_role("button", name="Révoquer mon pouvoir")
    revoke.scroll_into_view_if_needed()
    checked(tab, "5-pouvoir")
    revoke.click()
    expect(tab.get_by_text(re.compile("Votre pouvoir est révoqué"))).to_be_visible()
    assert not Pouvoir.objects.in_force().filter(giver__username="elu", meetings=demo).exists()
    checked(tab, "6-revocation")
