"""A citizen's journey on a phone, in a real Chromium: enter a photo, confirm
by e-mail, an agent approves it, a voter votes and confirms, the results
appear; every request the browser makes stays on 127.0.0.1, and axe-core
finds no serious or critical accessibility problem on the contest pages."""
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from extensions.participation.models import ContestPage, Entry, Vote
from tests.browser.support import PHONE, blocking_violations
from tests.factories import PASSWORD, UserFactory, install_home_page
from tests.participation.helpers import links_in, make_contest, photo_bytes

pytestmark = pytest.mark.browser


@pytest.fixture
def base_url(live_server):
    return live_server.url.replace("localhost", "127.0.0.1")


@pytest.fixture
def contest(django_db_serialized_rollback, transactional_db):
    home = install_home_page(title="Val d'Aurèle", slug="val")
    UserFactory(username="agent", groups=["Agents"])
    return make_contest(home)


@pytest.fixture
def requests_seen():
    return []


@pytest.fixture
def new_tab(new_window, base_url, requests_seen):
    def open_tab():
        tab = new_window(PHONE, base_url=base_url)
        tab.context.on("request", lambda request: requests_seen.append(request.url))
        return tab

    return open_tab


def follow_mail_link(tab, message):
    """Opens the first link of an e-mail and presses its confirmation button."""
    tab.goto(links_in(message)[0])
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_load_state()


def wait_for_proof_of_work(tab):
    tab.wait_for_function("document.querySelector('input[name=altcha]').value !== ''", timeout=30_000)


def test_enter_moderate_vote_and_see_the_results_on_a_phone(new_tab, contest, requests_seen):
    from playwright.sync_api import expect

    accessibility = []
    citizen = new_tab()
    citizen.goto(contest.url)
    accessibility += blocking_violations(citizen)
    citizen.locator(f"main a[href='{contest.url}participer/']").first.click()

    # Enter a photo.
    citizen.set_input_files("#id_photo", files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg",
                                                  "buffer": photo_bytes(size=(1200, 800))}])
    citizen.fill("#id_title", "Brume sur l'Aurèle")
    citizen.fill("#id_description", "La rivière au petit matin, noyée dans la brume.")
    citizen.check("#id_category_0")
    citizen.fill("#id_author_name", "Camille Dupont")
    citizen.fill("#id_email", "camille@exemple.fr")
    citizen.fill("#id_age", "34")
    citizen.check("#id_people_0")
    citizen.check("#id_licence_uses_0")
    citizen.check("#id_licence_media_0")
    citizen.check("#id_licence_territory_1")
    citizen.check("#id_licence_years_1")
    for consent in ("accept_rules", "accept_licence", "declare_author", "declare_eligible"):
        citizen.check(f"#id_{consent}")
    accessibility += blocking_violations(citizen)
    wait_for_proof_of_work(citizen)
    citizen.locator("form.contest-form button[type=submit]").click()
    expect(citizen).to_have_url(f"{citizen.url.split('/participer')[0]}/participer/envoye/")

    # Confirm from the e-mail.
    follow_mail_link(citizen, mail.outbox[-1])
    entry = Entry.objects.get()
    assert entry.status == Entry.Status.PENDING

    # An agent approves it in the admin.
    agent = new_tab()
    agent.goto("/admin/login/")
    agent.fill("#id_username", "agent")
    agent.fill("#id_password", PASSWORD)
    agent.locator("form button[type=submit]").click()
    agent.wait_for_load_state()
    agent.goto(f"/admin/snippets/participation/entry/?status=pending")
    expect(agent.locator("main")).to_contain_text("Brume sur l'Aurèle")
    agent.goto(f"/admin/bulk/participation/entry/approve/?id={entry.pk}")
    agent.locator("main form button[type=submit]").click()
    agent.wait_for_load_state()
    entry.refresh_from_db()
    assert entry.status == Entry.Status.APPROVED

    # A voter finds it in the gallery and votes.
    voter = new_tab()
    voter.goto(f"{contest.url}galerie/")
    accessibility += blocking_violations(voter)
    voter.locator(".entry-card__link").first.click()
    photo = voter.locator("img.entry__img")
    expect(photo).to_be_visible()
    assert voter.evaluate("document.querySelector('img.entry__img').naturalWidth") > 0
    accessibility += blocking_violations(voter)
    voter.fill("#id_email", "votant@exemple.fr")
    wait_for_proof_of_work(voter)
    voter.locator("form.vote__form button[type=submit]").click()
    expect(voter.locator("#vote .notice")).to_be_visible()
    follow_mail_link(voter, mail.outbox[-1])
    assert Vote.objects.filter(entry=entry).count() == 1

    # The results are published.
    now = timezone.now()
    ContestPage.objects.filter(pk=contest.pk).update(
        vote_close=now - timedelta(minutes=2), results_date=now - timedelta(minutes=1),
    )
    voter.goto(f"{contest.url}resultats/")
    expect(voter.locator(".podium")).to_contain_text("Brume sur l'Aurèle")
    expect(voter.locator(".podium")).to_contain_text("Camille Dupont")
    accessibility += blocking_violations(voter)

    hosts = {urlsplit(url).hostname for url in requests_seen if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, hosts
    assert not accessibility, "\n".join(accessibility)
