"""An élu on a phone, in a real Chromium: signs in, opens "Mes espaces",
reads a publication and downloads its attachment; the author then sees the
reading. axe-core checks the pages of the spaces on the way.

The `browser` fixture is the suite's (tests/browser/support.py: Debian's
Chromium, the same launch settings and database snapshot handling)."""
import re

import pytest
from playwright.sync_api import expect

from extensions.commissions.models import Membership, Space
from extensions.commissions.readings import record_reading
from tests.browser.support import PHONE, blocking_violations
from tests.commissions.conftest import join, publish
from tests.factories import PASSWORD, UserFactory, install_home_page

pytestmark = pytest.mark.browser



@pytest.fixture
def commission(django_db_serialized_rollback, transactional_db):
    """The commission urbanisme, committed for the live server: its chair
    published a note with a PDF; the élu has not read it yet."""
    install_home_page(title="Saint-Parvis", slug="saint-parvis")
    space = Space.objects.create(name="Commission urbanisme")
    chair = UserFactory(username="presidente", first_name="Claire", last_name="Durand")
    elu = UserFactory(username="elu", first_name="Paul", last_name="Martin")
    join(space, chair, Membership.Role.PRESIDENT)
    join(space, elu)
    publication = publish(space, chair, title="Révision du PLU : note de synthèse")
    record_reading(publication, chair)
    return {"space": space, "chair": chair, "elu": elu, "publication": publication}


def assert_accessible(tab):
    assert blocking_violations(tab) == [], tab.url


def sign_in(tab, username):
    tab.goto("/connexion/")
    tab.get_by_label(re.compile("Username|Identifiant|utilisateur", re.I)).fill(username)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("form.space-form button[type=submit]").click()


def test_an_elu_reads_on_a_phone_and_the_author_sees_it(new_window, commission):
    publication = commission["publication"]
    tab = new_window(PHONE)
    sign_in(tab, "elu")
    expect(tab).to_have_url(re.compile(r"/espaces/$"))
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    card = tab.locator(".space-card", has_text="Commission urbanisme")
    expect(card).to_contain_text(publication.title)
    assert_accessible(tab)

    card.get_by_role("link", name=publication.title).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(publication.title)
    # Nothing wider than the phone: no sideways scrolling.
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert_accessible(tab)

    attachment = publication.attachments.get().document
    with tab.expect_download() as download:
        tab.get_by_role("link", name=re.compile(re.escape(attachment.title))).click()
    with open(download.value.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"

    author = new_window(PHONE)
    sign_in(author, "presidente")
    author.goto(publication.get_url())
    expect(author.locator("#reading-title")).to_contain_text("2 / 2")
    expect(author.locator("#readers")).to_contain_text("Paul Martin")
    expect(author.locator("#non-readers")).not_to_contain_text("Paul Martin")
