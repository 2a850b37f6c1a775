"""The journey of issue 4 on a phone, in a real Chromium: the agent locks
the recipients and sends; the élu follows the e-mail's personal link,
acknowledges and gives a pouvoir; the dashboard and the attestation show
it. axe-core checks the élu's page."""
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from extensions.meetings.models import Mandate
from pages.roles import AGENTS, ELUS
from tests.browser.support import PHONE, blocking_violations
from tests.factories import PASSWORD, UserFactory, install_home_page

from .factories import InstanceFactory, MeetingIndexPageFactory, MeetingPageFactory

pytestmark = pytest.mark.browser



@pytest.fixture
def council_meeting(django_db_serialized_rollback, transactional_db):
    """A council of three élus and a meeting in three weeks, committed for the live server."""
    home = install_home_page(title="Saint-Parvis", slug="saint-parvis")
    council = InstanceFactory(name="Conseil municipal de Saint-Parvis")
    elus = [UserFactory(username=f"elu{n}", first_name=first, last_name="Conseil", groups=[ELUS])
            for n, first in enumerate(["Anne", "Bruno", "Chloé"], start=1)]
    for elu in elus:
        Mandate.objects.create(instance=council, member=elu, start="2020-05-25")
    UserFactory(username="agent", first_name="Agathe", last_name="Agent", groups=[AGENTS])
    meeting = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=home), instance=council,
                                 title="Conseil municipal de décembre")
    return {"meeting": meeting, "elus": elus}


def admin_sign_in(tab, username):
    tab.goto("/admin/login/")
    tab.locator("input[name=username]").fill(username)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("form button[type=submit]").first.click()
    expect(tab).not_to_have_url(re.compile(r"/admin/login/"))


def personal_link(address):
    [message] = [m for m in mail.outbox if m.to == [address]]
    return re.search(r"http://localhost(/seances/convocation/[^/\s]+/)", message.body).group(1)


def test_agent_sends_elu_acknowledges_and_gives_a_pouvoir(new_window, council_meeting):
    meeting, (anne, bruno, _chloe) = council_meeting["meeting"], council_meeting["elus"]
    dashboard = f"/admin/seances/{meeting.pk}/"

    agent = new_window(PHONE)
    admin_sign_in(agent, "agent")
    agent.goto(dashboard)
    agent.get_by_role("button", name="Arrêter la liste des destinataires (prête)").click()
    expect(agent.get_by_text("Anne Conseil")).to_be_visible()
    agent.get_by_role("link", name="Vérifier et envoyer la convocation").click()
    agent.get_by_role("button", name="Envoyer", exact=True).click()
    expect(agent.get_by_role("status")).to_contain_text("La convocation part")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(e.email for e in council_meeting["elus"])

    elu = new_window(PHONE)
    elu.goto(personal_link(anne.email))
    expect(elu.get_by_role("heading", level=1)).to_have_text("Conseil municipal de décembre")
    assert blocking_violations(elu) == [], elu.url
    elu.get_by_role("button", name="J’ai bien reçu ma convocation").click()
    expect(elu.get_by_text(re.compile("Réception confirmée le"))).to_be_visible()
    elu.get_by_label("donne pouvoir").check()
    elu.get_by_label("Si vous donnez pouvoir").select_option(label="Bruno Conseil")
    elu.get_by_role("button", name="Envoyer ma réponse").click()
    expect(elu.get_by_text("Vous avez donné pouvoir à Bruno Conseil.")).to_be_visible()
    assert elu.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert blocking_violations(elu) == [], elu.url
    assert any(m.to == [bruno.email] and "pouvoir" in m.subject for m in mail.outbox)

    agent.goto(dashboard)
    row = agent.locator("#meeting-status tr", has_text="Anne Conseil")
    expect(row).to_contain_text("donne pouvoir")
    expect(agent.locator("#meeting-status")).to_contain_text("Anne Conseil → Bruno Conseil")
    convocation = meeting.convocations.get()
    csv = agent.request.get(f"/admin/seances/convocations/{convocation.pk}/attestation.csv").text()
    [line] = [line for line in csv.splitlines() if line.lstrip("\ufeff").startswith("Anne Conseil;")]
    assert "donne pouvoir" in line and line.split(";")[5]  # acknowledged
