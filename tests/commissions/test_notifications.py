"""Telling members what is new, as each one chose: immediately, in a daily
digest, or never; one message per recipient, with absolute links; one
click in the message (or the mail client's List-Unsubscribe) stops them."""
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client as client_class
from django.core.management import call_command
from django.utils import timezone

from extensions.commissions.models import Comment, Membership
from extensions.commissions.notifications import send_digests
from tests.commissions.conftest import join, publish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Notify = Membership.Notify


@pytest.fixture
def readers(urbanisme):
    """Three more members of urbanisme, one per notification choice."""
    return {
        choice: join(urbanisme, UserFactory(username=f"membre-{choice}"), notify=choice).user
        for choice in Notify.values
    }


@pytest.fixture
def post(sign_in, django_capture_on_commit_callbacks):
    """post(user, url, data): a form sent by `user`, with the e-mails that
    its commit queues."""

    def _post(user, url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return sign_in(user).post(url, data)

    return _post


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_new_publication_is_mailed_to_those_who_want_it_now(cast, urbanisme, readers, post):
    post(cast["president"], urbanisme.page.url + "publications/nouvelle/", {"title": "Visite du chantier",
                                                                          "text": "Rendez-vous à 9 h."})
    # The author is not told; the élu member keeps the default (immediately).
    assert recipients() == sorted([cast["elu_member"].email, readers[Notify.IMMEDIATELY].email])
    message = mail.outbox[0]
    assert "[Commission urbanisme]" in message.subject and "Visite du chantier" in message.subject
    assert "http://localhost/espaces/commission-urbanisme/publications/" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert "Rendez-vous" not in message.body  # the text stays on the site


def test_a_new_comment_is_mailed_to_the_others(cast, publication, readers, post):
    post(cast["elu_member"], publication.get_url(), {"body": "Je serai présent."})
    assert Comment.objects.get().author == cast["elu_member"]
    assert recipients() == sorted([cast["president"].email, readers[Notify.IMMEDIATELY].email])
    assert mail.outbox[0].body.count("#commentaires") == 1


def test_an_empty_comment_is_refused(cast, publication, post):
    response = post(cast["elu_member"], publication.get_url(), {"body": "  "})
    assert response.status_code == 400
    assert not Comment.objects.exists() and mail.outbox == []


def test_a_non_member_cannot_comment(cast, publication, post):
    response = post(cast["elu_non_member"], publication.get_url(), {"body": "Intrusion"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_members_choose_how_they_are_told(cast, urbanisme, sign_in):
    client = sign_in(cast["elu_member"])
    client.post(urbanisme.page.url + "notifications/", {"notify": Notify.DAILY})
    assert Membership.objects.get(user=cast["elu_member"]).notify == Notify.DAILY
    assert client.post(urbanisme.page.url + "notifications/", {"notify": "toujours"}).status_code == 400


def test_the_daily_digest(cast, urbanisme, securite, readers):
    daily = readers[Notify.DAILY]
    join(securite, daily, notify=Notify.DAILY)
    item = publish(urbanisme, cast["president"], title="Compte rendu du 3 mars", attachment=False)
    other = publish(securite, cast["elu_non_member"], title="Exercice d'évacuation", attachment=False)
    Comment.objects.create(publication=item, author=cast["elu_member"], body="Merci.")
    publish(urbanisme, daily, title="Ma propre note", attachment=False)

    assert send_digests() == 1
    [message] = mail.outbox
    assert message.to == [daily.email]
    assert "Compte rendu du 3 mars" in message.body and "Exercice d'évacuation" in message.body
    assert "Ma propre note" not in message.body
    assert f"http://localhost{item.get_url()}" in message.body
    assert f"http://localhost{other.get_url()}" in message.body
    assert "Commission urbanisme" in message.alternatives[0][0]


def test_the_digest_never_sends_the_same_news_twice(cast, urbanisme, readers):
    publish(urbanisme, cast["president"], attachment=False)
    call_command("send_space_digests", stdout=open("/dev/null", "w"))
    call_command("send_space_digests", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1


def test_the_digest_skips_old_news_and_quiet_days(cast, urbanisme, readers):
    item = publish(urbanisme, cast["president"], attachment=False)
    item.published_at = timezone.now() - timedelta(days=3)
    item.save()
    assert send_digests() == 0
    assert mail.outbox == []


def unsubscribe_links(message):
    """(the page of the footer's link, the one-click address of
    List-Unsubscribe): the same signed token."""
    header = message.message()["List-Unsubscribe"]
    assert message.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = re.fullmatch(r"<http://localhost(/notifications/desabonnement/\S+/)un-clic/>", header)
    page = one_click.group(1)
    assert page in message.body and page in message.alternatives[0][0]
    return page, page + "un-clic/"


ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def test_the_unsubscribe_link_asks_before_it_stops_the_mails(cast, urbanisme, readers, post, client):
    post(cast["president"], urbanisme.page.url + "publications/nouvelle/", {"title": "Visite", "text": "Texte"})
    message = next(m for m in mail.outbox if m.to == [cast["elu_member"].email])
    page, one_click = unsubscribe_links(message)
    client.logout()
    assert client.get(one_click).url == page  # a browser opening the header's address gets the page
    response = client.get(page)  # what a mail scanner does: nothing changes
    assert response.status_code == 200 and "Commission urbanisme" in response.content.decode()
    assert Membership.objects.get(user=cast["elu_member"]).notify == Notify.IMMEDIATELY
    # The page's button is a form like any other: a forged POST is refused.
    csrf_client = client_class(enforce_csrf_checks=True)
    assert csrf_client.post(page).status_code == 403
    assert csrf_client.post(one_click, {"List-Unsubscribe": "Yes"}).status_code == 400
    assert Membership.objects.get(user=cast["elu_member"]).notify == Notify.IMMEDIATELY
    # The mail client's one-click POST (RFC 8058): no cookie, no CSRF token; twice is once.
    for _ in range(2):
        response = csrf_client.post(one_click, ONE_CLICK)
        assert response.status_code == 200 and "Commission urbanisme" in response.content.decode()
    assert Membership.objects.get(user=cast["elu_member"]).notify == Notify.NEVER
    assert Membership.objects.get(user=readers[Notify.IMMEDIATELY]).notify == Notify.IMMEDIATELY


def test_the_page_button_stops_the_mails(cast, urbanisme, readers, post, client):
    post(cast["president"], urbanisme.page.url + "publications/nouvelle/", {"title": "Visite", "text": "Texte"})
    page, _ = unsubscribe_links(next(m for m in mail.outbox if m.to == [cast["elu_member"].email]))
    client.logout()
    csrf_client = client_class(enforce_csrf_checks=True)
    form = csrf_client.get(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode()).group(1)
    assert csrf_client.post(page, {"csrfmiddlewaretoken": token}).status_code == 200
    assert Membership.objects.get(user=cast["elu_member"]).notify == Notify.NEVER


def test_the_digest_link_stops_every_digest_of_its_reader(cast, urbanisme, securite, readers, client):
    daily = readers[Notify.DAILY]
    join(securite, daily, notify=Notify.DAILY)
    publish(urbanisme, cast["president"], attachment=False)
    send_digests()
    [message] = mail.outbox
    client.post(unsubscribe_links(message)[1], ONE_CLICK)
    assert set(Membership.objects.filter(user=daily).values_list("notify", flat=True)) == {Notify.NEVER}


def test_a_changed_unsubscribe_link_changes_nothing(cast, urbanisme, readers, post, client):
    post(cast["president"], urbanisme.page.url + "publications/nouvelle/", {"title": "Visite", "text": "Texte"})
    _, link = unsubscribe_links(mail.outbox[0])
    response = client.post(link.replace("/desabonnement/", "/desabonnement/x"), ONE_CLICK)
    assert response.status_code == 404
    assert not Membership.objects.filter(notify=Notify.NEVER).exclude(user=readers[Notify.NEVER]).exists()
