"""The one e-mail renderer of every app (core.mail): French subject, text
and HTML from templates, the subject and text never HTML-escaped, links on
the object's own site, the collectivity as sender, the standard headers,
one message per recipient."""
import datetime
from types import SimpleNamespace

import pytest
from django.core import mail as outbox
from django.utils import timezone
from wagtail.models import Page

from core import mail
from core.templatetags.french_dates import clock, long_date, short_date
from pages.models import SiteIdentity
from tests.factories import StandardPageFactory, install_home_page

from .mime import assert_standard_headers, parsed, sender

pytestmark = pytest.mark.django_db
INTERCO = "Communauté de communes du Val d’Aurèle"


@pytest.fixture
def interco(home_page):
    """The interco's home, on its own host, with an e-mail in its identity."""
    home = install_home_page(hostname="interco.localhost", theme="interco", title=INTERCO, slug="val")
    identity = SiteIdentity.for_site(home.get_site())
    identity.email = "contact@interco.localhost"
    identity.save()
    return home


def invitation(space_name, site, **extra):
    """The commissions' invitation, with plain objects for its context."""
    context = {
        "space": SimpleNamespace(name=space_name),
        "inviter": SimpleNamespace(get_full_name=lambda: "Claire Durand", get_username=lambda: "claire"),
        "invitation": SimpleNamespace(expires_at=timezone.now()),
        "accept_url": mail.absolute_url("/invitation/secret/", site),
    }
    return mail.message("commissions/emails/invitation", "invitee@example.org", context, site, **extra)


def test_the_subject_and_text_are_not_html_escaped(interco):
    message = invitation("Commission d'urbanisme & travaux", interco.get_site())
    assert message.subject == "Invitation à rejoindre «\xa0Commission d'urbanisme & travaux\xa0»"
    assert "Commission d'urbanisme & travaux" in message.body
    html = message.alternatives[0][0]
    assert "Commission d&#x27;urbanisme &amp; travaux" in html
    assert message.alternatives[0][1] == "text/html"
    # The subject reaches the recipient as it was written.
    assert parsed(message)["Subject"].strip() == message.subject


def test_links_are_on_the_site_of_the_object(home_page, interco):
    page = StandardPageFactory(parent=interco, title="Déchets", slug="dechets")
    site = mail.site_of(page)
    assert site.hostname == "interco.localhost"
    assert mail.absolute_url(page.get_url(), site) == "http://interco.localhost/dechets/"
    # A URL that carries another host is put back on the object's site.
    assert mail.absolute_url("http://localhost/x/?a=1#b", site) == "http://interco.localhost/x/?a=1#b"
    message = invitation("Commission", site)
    assert "http://interco.localhost/invitation/secret/" in message.body
    assert "localhost/" not in message.body.replace("interco.localhost/", "")


def test_a_page_of_no_site_and_no_page_use_the_default_site(home_page):
    orphan = Page.get_first_root_node().add_child(instance=Page(title="Hors site", slug="hors-site"))
    assert mail.site_of(orphan) == mail.site_of(None) == home_page.get_site()


def test_the_sender_is_the_collectivity_of_the_site(interco):
    message = invitation("Commission", interco.get_site())
    assert sender(message) == (INTERCO, "contact@interco.localhost")
    # The accented name travels as encoded words, as RFC 2047 wants.
    assert b"=?utf-8?" in message.message().as_bytes().split(b"\nTo:")[0]


def test_an_identity_without_e_mail_keeps_its_name_on_the_default_address(home_page, settings):
    settings.DEFAULT_FROM_EMAIL = "Parvis <ne-pas-repondre@parvis.localhost>"
    identity = SiteIdentity.for_site(home_page.get_site())
    identity.name = "Mairie de Saint-Aurèle, service de l’état civil"
    identity.save()
    message = invitation("Commission", home_page.get_site())
    assert sender(message) == (identity.name, "ne-pas-repondre@parvis.localhost")


def test_the_standard_headers(interco):
    site = interco.get_site()
    assert_standard_headers(invitation("Commission", site), "interco.localhost")
    links = mail.Unsubscribe(page=mail.absolute_url("/notifications/desabonnement/jeton/", site),
                             one_click=mail.absolute_url("/notifications/desabonnement/jeton/un-clic/", site))
    raw = assert_standard_headers(invitation("Commission", site, unsubscribe=links), "interco.localhost",
                                  unsubscribe=True)
    assert raw["List-Unsubscribe"].strip() == "<http://interco.localhost/notifications/desabonnement/jeton/un-clic/>"


def test_one_message_per_recipient_over_one_connection(interco):
    site = interco.get_site()
    messages = [invitation("Commission", site), invitation("Commission", site)]
    assert mail.send(messages) == 2
    assert [m.to for m in outbox.outbox] == [["invitee@example.org"], ["invitee@example.org"]]
    assert messages[0].extra_headers["Message-ID"] != messages[1].extra_headers["Message-ID"]


def test_sending_after_commit_logs_a_failure(interco, django_capture_on_commit_callbacks, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_after_commit([invitation("Commission", interco.get_site())])
    assert "Could not send" in caplog.text


@pytest.mark.parametrize(("moment", "day", "short", "hour"), [
    (datetime.datetime(2025, 3, 1, 18, 0), "samedi 1er mars 2025", "1er mars 2025", "18\xa0h"),
    (datetime.datetime(2025, 3, 7, 9, 5), "vendredi 7 mars 2025", "7 mars 2025", "9\xa0h\xa005"),
])
def test_dates_and_hours_the_french_way(moment, day, short, hour):
    moment = timezone.make_aware(moment)
    assert (long_date(moment), short_date(moment), clock(moment)) == (day, short, hour)


def test_a_relative_link_of_the_html_part_goes_on_the_site(interco):
    # A rich text note links a page as "/path/" when one site is served.
    site = interco.get_site()
    message = mail.message("commissions/emails/invitation", "invitee@example.org", {
        "space": SimpleNamespace(name="Commission"), "invitation": SimpleNamespace(expires_at=timezone.now()),
        "inviter": SimpleNamespace(get_full_name=lambda: "Claire Durand", get_username=lambda: "claire"),
        "accept_url": "/invitation/secret/",
    }, site)
    html = message.alternatives[0][0]
    assert 'href="http://interco.localhost/invitation/secret/"' in html
    assert 'href="/' not in html
