"""Invitations of outsiders: a personal link valid seven days that lands in
one space; expired, revoked, reused or made-up links get a clear message
and grant nothing; every step is logged with who and when."""
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core.links import hash_token
from extensions.commissions import invitations
from extensions.commissions.models import Invitation, Membership
from extensions.commissions.views import INVITATION_PROBLEMS
from tests.factories import PASSWORD, UserFactory
from tests.html import visible_text

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "Gendarmerie-Machecoul-2025"


def link_of(message):
    return re.search(r"http://localhost(/invitation/[^/\s]+/)", message.body).group(1)


@pytest.fixture
def invited(cast, securite):
    """An invitation of a gendarme into the sécurité commission, sent by its
    chair; returns (invitation, link)."""
    chair = UserFactory(username="maire")
    Membership.objects.create(space=securite, user=chair, role=Membership.Role.PRESIDENT)
    invitation = invitations.invite(securite, "adjudant@gendarmerie.example", chair)
    return invitation, link_of(mail.outbox[-1])


def accept_form(**overrides):
    return {"first_name": "Léa", "last_name": "Adjudant", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
            **overrides}


def test_the_chair_invites_from_the_space_page(cast, urbanisme, sign_in):
    client = sign_in(cast["president"])
    response = client.post(urbanisme.page.url + "invitations/", {"email": "Urbaniste@Agence.example"}, follow=True)
    assert response.status_code == 200
    invitation = Invitation.objects.get()
    assert invitation.email == "Urbaniste@agence.example"
    assert invitation.created_by == cast["president"]
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    message = mail.outbox[0]
    assert message.to == ["Urbaniste@agence.example"]
    assert "Commission urbanisme" in message.subject
    link = link_of(message)
    assert link in message.alternatives[0][0]
    # Only a hash of the secret is stored.
    secret = link.split("/")[2]
    assert secret not in str(Invitation.objects.values_list(flat=True))
    assert invitation.token_hash == hash_token(secret)


def test_a_plain_member_cannot_invite(cast, urbanisme, sign_in):
    response = sign_in(cast["elu_member"]).post(urbanisme.page.url + "invitations/", {"email": "x@example.org"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_an_invalid_address_is_explained(cast, urbanisme, sign_in):
    response = sign_in(cast["president"]).post(urbanisme.page.url + "invitations/", {"email": "pas-une-adresse"})
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_accepting_creates_the_account_and_lands_in_the_space_only(invited, securite, client):
    invitation, link = invited
    assert client.get(link).status_code == 200
    response = client.post(link, accept_form())
    assert response.status_code == 302
    assert response["Location"] == securite.page.url
    user = User.objects.get(email="adjudant@gendarmerie.example")
    assert user.username == "adjudant@gendarmerie.example"
    assert user.check_password(NEW_PASSWORD)
    assert (user.first_name, user.last_name) == ("Léa", "Adjudant")
    assert list(user.space_memberships.values_list("space__name", "role")) == [("Commission sécurité", "guest")]
    assert list(user.groups.all()) == [securite.group]
    assert client.get(securite.page.url).status_code == 200
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED and invitation.accepted_by == user


def test_a_weak_password_is_refused_and_nothing_is_created(invited, client):
    _invitation, link = invited
    response = client.post(link, accept_form(password1="1234", password2="1234"))
    assert response.status_code == 400
    assert not User.objects.filter(email="adjudant@gendarmerie.example").exists()


def assert_refused(client, link, problem, status=410):
    users_before = User.objects.count()
    memberships_before = Membership.objects.count()
    for response in (client.get(link), client.post(link, accept_form())):
        assert response.status_code == status
        assert str(problem) in visible_text(response)
    assert User.objects.count() == users_before
    assert Membership.objects.count() == memberships_before
    assert "_auth_user_id" not in client.session


def test_an_expired_link_grants_nothing(invited, client):
    invitation, link = invited
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert_refused(client, link, INVITATION_PROBLEMS["expired"])


def test_a_revoked_link_grants_nothing(invited, client):
    invitation, link = invited
    assert invitations.revoke(invitation, None)
    assert_refused(client, link, INVITATION_PROBLEMS["revoked"])


def test_a_used_link_grants_nothing_more(invited, client):
    _invitation, link = invited
    client.post(link, accept_form())
    client.logout()
    assert_refused(client, link, INVITATION_PROBLEMS["accepted"])


def test_a_made_up_link_grants_nothing(invited, client):
    from django.utils.translation import gettext

    assert_refused(client, "/invitation/invente/", gettext("This invitation link is not valid."), status=404)


def test_a_new_invitation_replaces_the_pending_one(invited, securite):
    invitation, old_link = invited
    invitations.invite(securite, "adjudant@gendarmerie.example", invitation.created_by)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    assert Invitation.objects.pending().count() == 1


def test_the_chair_revokes_from_the_space_page(invited, securite, client):
    invitation, _link = invited
    client.force_login(invitation.created_by)
    client.post(f"{securite.page.url}invitations/{invitation.pk}/retrait/")
    invitation.refresh_from_db()
    assert invitation.revoked_by == invitation.created_by


def test_someone_else_s_invitation_cannot_be_revoked(invited, cast, urbanisme, sign_in):
    """The urbanisme chair, through their own space, cannot touch an
    invitation of the sécurité commission."""
    invitation, _link = invited
    response = sign_in(cast["president"]).post(f"{urbanisme.page.url}invitations/{invitation.pk}/retrait/")
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING


def test_an_existing_account_signs_in_then_joins(cast, securite, urbanisme, client):
    """An élu of urbanisme invited into sécurité keeps their account."""
    elu = cast["elu_member"]
    invitation = invitations.invite(securite, elu.email.upper(), cast["elu_non_member"])
    link = link_of(mail.outbox[-1])
    assert "/connexion/?next=" in client.get(link).content.decode()
    client.post("/connexion/", {"username": elu.username, "password": PASSWORD})
    assert client.post(link).status_code == 302
    assert Membership.objects.get(space=securite, user=elu).role == Membership.Role.GUEST
    invitation.refresh_from_db()
    assert invitation.accepted_by == elu


def test_every_step_is_logged_with_who_and_when(invited, client):
    invitation, link = invited
    client.post(link, accept_form())
    guest = User.objects.get(email="adjudant@gendarmerie.example")
    second = invitations.invite(invitation.space, "autre@example.org", invitation.created_by)
    invitations.revoke(second, invitation.created_by)
    entries = ModelLogEntry.objects.filter(action__startswith="commissions.invitation").order_by("timestamp", "pk")
    assert [(e.action, e.user_id, e.object_id) for e in entries] == [
        (invitations.INVITED, invitation.created_by.pk, str(invitation.pk)),
        (invitations.ACCEPTED, guest.pk, str(invitation.pk)),
        (invitations.INVITED, invitation.created_by.pk, str(second.pk)),
        (invitations.REVOKED, invitation.created_by.pk, str(second.pk)),
    ]
    assert all(e.timestamp for e in entries)
