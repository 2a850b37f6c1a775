"""The act page on a 360 px phone, in both themes: nothing wider than the
screen (the SHA-256 wraps), the PDF, the dates and the means of appeal
visible, and no serious or critical axe-core finding (issue 15)."""
import pytest
from playwright.sync_api import expect

from extensions.deliberations import publication
from pages.site_settings import SiteIdentity
from tests.browser.support import blocking_violations

from .helpers import hold

pytestmark = pytest.mark.browser

SMALL_PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
               "device_scale_factor": 2}


@pytest.fixture(params=["commune", "interco"])
def act(request, django_db_serialized_rollback, transactional_db, seance, secretary, members, act_index):
    """An act published on a site of the theme, committed for the live server."""
    identity = SiteIdentity.for_site(act_index.get_site())
    identity.theme = request.param
    identity.save()
    held = hold(seance, secretary, members)
    deliberation = held.deliberations.get(position=1)
    publication.pseudonymise(deliberation, deliberation.text, secretary)
    return publication.publish_act(deliberation, secretary)


def test_the_act_page_fits_a_360_px_phone(act, new_window):
    tab = new_window(SMALL_PHONE)
    tab.goto(act.url)
    expect(tab.get_by_role("heading", level=1)).to_have_text(act.title)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    expect(tab.get_by_text(act.sha256)).to_be_visible()
    expect(tab.get_by_text("Mis en ligne le")).to_be_visible()
    expect(tab.get_by_role("heading", name="Voies et délais de recours")).to_be_visible()
    expect(tab.get_by_role("link", name=act.document.title)).to_be_visible()
    assert blocking_violations(tab) == []
