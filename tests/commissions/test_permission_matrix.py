"""The permission matrix of the private spaces: for each role and each
channel that exists today, who sees what. The space under test is the
commission urbanisme; only its chair and its élu member belong to it.

Channels covered: the space page, a publication, its attached document,
documents and publications by guessed id, the library, the sitemap,
"Mes espaces" and e-mails. Channels that do not exist yet (search, API,
feeds, iCal) must add their column here when they arrive."""
import pytest
from django.core import mail

from extensions.commissions import access
from extensions.commissions.notifications import notify_publication
from tests.commissions.conftest import publish

pytestmark = pytest.mark.django_db

MEMBERS = {"president", "elu_member"}
NON_MEMBERS = {"citizen", "elu_non_member", "outsider", "agent", "redaction"}
ROLES = sorted(MEMBERS | NON_MEMBERS | {"anonymous"})


def expected(role, for_member=200):
    """What an address of the space answers to `role`: the content for a
    member, the sign-in page for a signed-out visitor (whatever the address,
    existing or not), and 404 for everyone else."""
    if role in MEMBERS:
        return for_member
    return 302 if role == "anonymous" else 404


def urls(publication):
    page = publication.space.page
    attachment = publication.attachments.get().document
    return {
        "space_page": page.url,
        "publication": publication.get_url(),
        "new_publication_form": page.url + "publications/nouvelle/",
        "attachment": attachment.url,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("channel", ["space_page", "publication", "attachment"])
def test_space_addresses(role, channel, cast, publication, sign_in):
    response = sign_in(cast[role]).get(urls(publication)[channel])
    if channel == "attachment":
        # Documents are served by the library's checking view: 404 for
        # anyone outside the group, signed in or not.
        assert response.status_code == (200 if role in MEMBERS else 404)
    else:
        assert response.status_code == expected(role)
    if response.status_code == 302:
        assert response["Location"].startswith("/connexion/?next=")


@pytest.mark.parametrize("role", ROLES)
def test_guessed_publication_ids_answer_like_missing_ones(role, cast, publication, other_publication, sign_in):
    """Another space's publication through this space's page, and an id that
    does not exist, answer the same."""
    client = sign_in(cast[role])
    space_url = publication.space.page.url
    foreign = client.get(f"{space_url}publications/{other_publication.pk}/")
    missing = client.get(f"{space_url}publications/999999/")
    assert foreign.status_code == missing.status_code == expected(role, for_member=404)


@pytest.mark.parametrize("role", ROLES)
def test_guessed_space_addresses_do_not_reveal_which_exist(role, cast, publication, sign_in):
    client = sign_in(cast[role])
    existing = client.get(publication.space.page.url)
    missing = client.get("/espaces/commission-inexistante/")
    if role == "anonymous":
        assert existing.status_code == missing.status_code == 302
    elif role in NON_MEMBERS:
        assert existing.status_code == missing.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_documents_by_guessed_id(role, cast, publication, sign_in):
    """The download view answers 404 alike for a private document and a
    missing one; even its exact file name opens it to members only."""
    document = publication.attachments.get().document
    client = sign_in(cast[role])
    assert client.get(f"/documents/{document.pk}/{document.filename}").status_code == (
        200 if role in MEMBERS else 404
    )
    assert client.get(f"/documents/{document.pk}/devine.pdf").status_code == 404
    assert client.get(f"/documents/{document.pk + 1000}/devine.pdf").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_the_library_lists_space_documents_to_members_only(role, cast, publication, library_page, sign_in):
    document = publication.attachments.get().document
    client = sign_in(cast[role])
    listing = client.get(library_page.url)
    detail = client.get(f"{library_page.url}document/{document.pk}/")
    assert (document.title in listing.content.decode()) == (role in MEMBERS)
    assert detail.status_code == (200 if role in MEMBERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_the_sitemap_never_lists_spaces(role, cast, publication, sign_in):
    content = sign_in(cast[role]).get("/sitemap.xml").content.decode()
    assert "/espaces/" not in content
    assert "urbanisme" not in content


@pytest.mark.parametrize("role", ROLES)
def test_my_spaces_lists_only_my_spaces(role, cast, publication, sign_in):
    response = sign_in(cast[role]).get("/espaces/", follow=False)
    if role == "anonymous":
        assert response.status_code == 302
        return
    text = response.content.decode()
    assert ("Commission urbanisme" in text) == (role in MEMBERS)
    assert publication.title not in text or role in MEMBERS


@pytest.mark.parametrize("role", ROLES)
def test_access_functions_agree_with_the_views(role, cast, urbanisme, publication):
    user = cast[role]
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    assert access.is_member(user, urbanisme) == (role in MEMBERS)
    assert (urbanisme in access.spaces_for(user)) == (role in MEMBERS)
    assert (publication in access.visible_publications(user)) == (role in MEMBERS)


def test_e_mails_about_a_space_reach_its_members_only(cast, urbanisme):
    """Every message names one recipient, a member of the space (the author
    is not told of their own publication). Reminders, comments and digests
    are checked in their own modules with the same rule."""
    publication = publish(urbanisme, cast["president"])
    notify_publication.enqueue(publication.pk)
    assert [m.to for m in mail.outbox] == [[cast["elu_member"].email]]
    member_addresses = {cast[role].email for role in MEMBERS}
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert message.to[0] in member_addresses


def test_a_member_of_another_space_sees_nothing_of_it(cast, publication, other_publication, sign_in):
    """The outsider of the sécurité commission, signed in: the urbanisme
    space, its members and its documents are invisible; their own space
    shows only their own space's members."""
    client = sign_in(cast["outsider"])
    own = client.get(other_publication.space.page.url).content.decode()
    assert "Plan communal de sauvegarde" in own
    assert "Durand" not in own and "Martin" not in own  # urbanisme's members
    assert "urbanisme" not in client.get("/espaces/").content.decode().lower()
