"""E-mail links lead to the site the contest belongs to: a contest of the
intercommunality sends links on its host (and so its theme), not on the
commune's or the admin's address, in the interco's name."""
from django.core import mail

from tests.core.mime import assert_standard_headers, sender
from tests.factories import install_home_page
from tests.participation.helpers import make_contest, submit


def test_links_use_the_contests_own_site(client, db, settings):
    settings.PARTICIPATION_POW_MAX_NUMBER = 500
    install_home_page(title="Saint-Aurèle", slug="commune")
    interco_home = install_home_page(hostname="interco.localhost", theme="interco", title="Val", slug="val")
    contest = make_contest(interco_home)
    submit(client, contest)
    body = mail.outbox[-1].body
    assert "http://interco.localhost/participation/confirmer/" in body
    assert "http://localhost/" not in body and "testserver" not in body
    assert sender(mail.outbox[-1])[0] == "Val"
    assert_standard_headers(mail.outbox[-1], "interco.localhost")
