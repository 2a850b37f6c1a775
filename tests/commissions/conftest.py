"""Fixtures of the private spaces: two commissions, a cast of people in
every role around them, and a publication with an attachment."""
import pytest

from extensions.commissions.models import Membership, Publication, PublicationAttachment, Space
from pages.roles import AGENTS, ELUS, REDACTION
from tests.factories import ArchiveDocumentFactory, UserFactory

Role = Membership.Role


@pytest.fixture
def urbanisme(home_page):
    return Space.objects.create(name="Commission urbanisme", description="PLU, permis, aménagement.")


@pytest.fixture
def securite(home_page):
    return Space.objects.create(name="Commission sécurité")


def join(space, user, role=Role.MEMBER, **extra):
    return Membership.objects.create(space=space, user=user, role=role, **extra)


@pytest.fixture
def cast(urbanisme, securite):
    """Everyone the permission matrix asks about, by role (None: signed out)."""
    people = {
        "anonymous": None,
        "citizen": UserFactory(username="citoyen"),
        "president": UserFactory(username="presidente", first_name="Claire", last_name="Durand", groups=[ELUS]),
        "elu_member": UserFactory(username="elu", first_name="Paul", last_name="Martin", groups=[ELUS]),
        "elu_non_member": UserFactory(username="elu2", first_name="Inès", last_name="Bernard", groups=[ELUS]),
        "outsider": UserFactory(username="externe", first_name="Yann", last_name="Gendarme"),
        "agent": UserFactory(username="agent", groups=[AGENTS]),
        "redaction": UserFactory(username="redaction", groups=[REDACTION]),
    }
    join(urbanisme, people["president"], Role.PRESIDENT)
    join(urbanisme, people["elu_member"])
    join(securite, people["elu_non_member"])
    join(securite, people["outsider"], Role.GUEST)
    return people


def publish(space, author, title="Projet de PLU : réunion publique", attachment=True):
    """A publication of `space` with, by default, one PDF in its collection."""
    publication = Publication.objects.create(
        space=space, author=author, title=title, body="<p>Le dossier est prêt pour la commission.</p>"
    )
    if attachment:
        document = ArchiveDocumentFactory(title=f"Annexe – {title}", collection=space.collection)
        PublicationAttachment.objects.create(publication=publication, document=document)
    return publication


@pytest.fixture
def publication(urbanisme, cast):
    return publish(urbanisme, cast["president"])


@pytest.fixture
def other_publication(securite, cast):
    return publish(securite, cast["elu_non_member"], title="Plan communal de sauvegarde")


@pytest.fixture
def sign_in(client):
    """sign_in(user) signs the test client in as `user` (None: signs out)."""

    def _sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _sign_in
