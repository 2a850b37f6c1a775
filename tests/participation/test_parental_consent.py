"""Under 15 (loi Informatique et Libertés, article 45), a parent confirms
from their own e-mail link before the entry exists."""
from django.core import mail

from extensions.participation.models import Entry
from extensions.participation.rules import needs_parental_consent
from tests.html import visible_text
from tests.participation.helpers import last_link, links_in, private_files, submit

CHILD = {"age": 12, "parent_name": "Dominique Leroy", "parent_email": "parent@exemple.fr",
         "email": "enfant@exemple.fr", "author_name": "Léa Leroy"}


def _young(contest):
    return contest.categories.get(name="Moins de 18 ans").pk


def test_the_age_of_digital_consent_is_15():
    assert needs_parental_consent(14)
    assert not needs_parental_consent(15)


def test_a_child_entry_needs_a_parents_consent_before_it_exists(client, contest, django_capture_on_commit_callbacks):
    submit(client, contest, category=_young(contest), **CHILD)
    assert mail.outbox[-1].to == ["enfant@exemple.fr"]
    client.post(last_link())
    assert not Entry.objects.exists(), "the child's confirmation alone creates nothing"
    assert mail.outbox[-1].to == ["parent@exemple.fr"]
    parent_link = links_in(mail.outbox[-1])[0]
    page = client.get(parent_link)
    assert "Léa Leroy" in visible_text(page)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(parent_link)
    entry = Entry.objects.get()
    parental = entry.consents.get(kind="parental")
    assert parental.given_by == "parent"
    assert "Léa Leroy" in parental.wording and parental.accepted_at
    assert entry.parent_email == "parent@exemple.fr"


def test_without_the_parent_nothing_is_entered(client, contest):
    submit(client, contest, category=_young(contest), **CHILD)
    client.post(last_link())
    assert not Entry.objects.exists()
    assert len(private_files()) == 1  # kept until the parent's link expires, then purged


def test_the_parent_must_give_their_own_address(client, contest):
    response = submit(client, contest, category=_young(contest), **{**CHILD, "parent_email": "enfant@exemple.fr"})
    assert response.status_code == 200
    assert not mail.outbox
    assert private_files() == []


def test_parent_fields_are_required_under_15(client, contest):
    response = submit(client, contest, category=_young(contest), age=13, email="jeune@exemple.fr")
    assert response.status_code == 200
    assert 'id="id_parent_email_error"' in response.content.decode()
    assert not mail.outbox


def test_at_15_no_parent_is_asked(client, contest):
    submit(client, contest, category=_young(contest), age=15, email="ado@exemple.fr")
    client.post(last_link())
    assert Entry.objects.count() == 1
