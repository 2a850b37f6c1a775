"""One mailbox, one vote: the spellings that reach the same mailbox
(sub-addressing with +, dots for the providers that ignore them) are one
voter, and a juror's alias is still the juror."""
import pytest

from extensions.participation.core.identity import email_key, mailbox
from extensions.participation.models import Vote
from tests.factories import UserFactory
from tests.html import visible_text
from tests.participation.helpers import challenge_payload, last_link, make_entry


@pytest.mark.parametrize(("address", "expected"), [
    ("camille@exemple.fr", "camille@exemple.fr"),
    ("  Camille@Exemple.FR ", "camille@exemple.fr"),
    ("camille+1@exemple.fr", "camille@exemple.fr"),
    ("camille+concours+photo@exemple.fr", "camille@exemple.fr"),
    ("camille.martin@exemple.fr", "camille.martin@exemple.fr"),  # dots matter elsewhere
    ("c.a.m.i.l.l.e@gmail.com", "camille@gmail.com"),
    ("Camille.Martin+vote@GoogleMail.com", "camillemartin@gmail.com"),
    ("+camille@exemple.fr", "+camille@exemple.fr"),  # no mailbox name left: kept as given
    ("pas-une-adresse", "pas-une-adresse"),
])
def test_the_mailbox_behind_an_address(address, expected):
    assert mailbox(address) == expected


@pytest.mark.parametrize(("first", "second"), [
    ("camille@exemple.fr", "camille+1@exemple.fr"),
    ("camille.martin@gmail.com", "camillemartin@gmail.com"),
    ("camillemartin@gmail.com", "camille.martin+2@googlemail.com"),
])
def test_aliases_of_one_mailbox_share_one_voter_key(first, second):
    assert email_key(first) == email_key(second)


def test_different_mailboxes_stay_apart():
    assert email_key("camille.martin@exemple.fr") != email_key("camillemartin@exemple.fr")


def _ask_vote(client, contest, entry, email):
    client.post(contest.url + f"photo/{entry.pk}/", {"email": email, "altcha": challenge_payload(client)})
    return last_link()


@pytest.mark.parametrize("alias", ["votant+2@exemple.fr", "VOTANT+x@exemple.fr"])
def test_an_alias_cannot_vote_twice_for_one_photo(client, contest, alias):
    entry = make_entry(contest)
    assert client.post(_ask_vote(client, contest, entry, "votant@exemple.fr")).status_code == 200
    assert client.post(_ask_vote(client, contest, entry, alias)).status_code == 400
    assert Vote.objects.count() == 1


@pytest.mark.parametrize("alias", ["jure+jury@exemple.fr", "jure+vote@exemple.fr"])
def test_a_juror_cannot_vote_through_an_alias(client, contest, alias):
    contest.jury.add(UserFactory(email="jure@exemple.fr"))
    contest.save_revision().publish()
    entry = make_entry(contest)
    response = client.post(_ask_vote(client, contest, entry, alias))
    assert response.status_code == 400
    assert "jury" in visible_text(response)
    assert not Vote.objects.exists()


def test_the_vote_page_explains_the_rule_in_french(client, contest):
    entry = make_entry(contest)
    text = visible_text(client.get(contest.url + f"photo/{entry.pk}/"))
    assert "Une boîte aux lettres, une voix" in text
