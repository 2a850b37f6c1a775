"""Who may take part and vote: residence in a member commune, no staff of
the organiser nor jury members, the ages of each category, the limits per
person and per category, and an optional list of voters."""
from django.core import mail

from extensions.participation.models import Entry, Vote
from tests.factories import UserFactory
from tests.html import visible_text
from tests.participation.helpers import challenge_payload, last_link, make_entry, submit


def _publish(contest, **fields):
    for name, value in fields.items():
        setattr(contest, name, value)
    contest.save_revision().publish()


def test_residence_in_a_member_commune_is_required_when_listed(client, contest):
    _publish(contest, residence_communes="Saint-Aurèle\nVal-Fleuri")
    page = client.get(contest.url + "participer/")
    assert "Val-Fleuri" in visible_text(page)
    assert submit(client, contest).status_code == 200  # no commune given
    assert submit(client, contest, commune="Paris").status_code == 200
    assert not mail.outbox
    assert submit(client, contest, commune="Val-Fleuri").status_code == 302


def test_the_organisers_staff_cannot_take_part(client, contest):
    _publish(contest, excluded_email_domains="val-aurele.fr")
    response = submit(client, contest, email="agent@VAL-AURELE.fr")
    assert response.status_code == 200
    assert "staff" in visible_text(response) or "personnel" in visible_text(response)
    assert not mail.outbox


def test_jury_members_cannot_take_part_nor_vote(client, contest):
    juror = UserFactory(email="jure@exemple.fr")
    contest.jury.add(juror)
    contest.save_revision().publish()
    assert submit(client, contest, email="jure@exemple.fr").status_code == 200
    assert not mail.outbox
    entry = make_entry(contest)
    client.post(contest.url + f"photo/{entry.pk}/", {"email": "jure@exemple.fr", "altcha": challenge_payload(client)})
    assert client.post(last_link()).status_code == 400
    assert not Vote.objects.exists()


def test_a_category_is_only_open_to_its_ages(client, contest):
    adults = contest.categories.get(name="Adultes").pk
    response = submit(client, contest, category=adults, age=16)
    assert response.status_code == 200
    assert 'id="id_category_error"' in response.content.decode()


def test_limits_per_person_and_per_category_count_unconfirmed_entries(client, contest):
    _publish(contest, max_entries_per_person=2, max_entries_per_category=1)
    assert submit(client, contest).status_code == 302
    second = submit(client, contest)  # same category, not yet confirmed
    assert second.status_code == 200
    assert "1" in visible_text(second)
    make_entry(contest, email="camille@exemple.fr", category="Moins de 18 ans")
    third = submit(client, contest, category=contest.categories.get(name="Moins de 18 ans").pk, age=17)
    assert third.status_code == 200
    assert len(mail.outbox) == 1


def test_rejected_entries_do_not_count_against_the_limit(client, contest):
    make_entry(contest, email="camille@exemple.fr", status=Entry.Status.REJECTED)
    assert submit(client, contest).status_code == 302


def test_a_list_of_voters_restricts_the_vote(client, contest):
    _publish(contest, voters_list_required=True)
    contest.eligible_voters.create(email="inscrit@exemple.fr")
    entry = make_entry(contest)
    for email, counted in (("inconnu@exemple.fr", False), ("inscrit@exemple.fr", True)):
        client.post(contest.url + f"photo/{entry.pk}/", {"email": email, "altcha": challenge_payload(client)})
        response = client.post(last_link())
        assert (response.status_code == 200) is counted
    assert Vote.objects.count() == 1
