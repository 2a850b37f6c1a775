"""The admin screens of the private spaces (Wagtail ModelViewSets): spaces
with their members, publications with read statistics, invitations with
revocation; closed to staff without the commissions permissions; and the
page tree refuses to delete or copy a space page on its own."""
import pytest
from django.core import mail
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from wagtail import log_actions

from extensions.commissions import invitations
from extensions.commissions.models import Invitation, Membership, Publication, Space
from extensions.commissions.readings import record_reading
from tests.factories import ArchiveDocumentFactory, UserFactory
from tests.html import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, cast):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def test_creating_a_space_with_its_members(admin_client, cast, home_page):
    data = nested_form_data({
        "name": "Commission travaux",
        "kind": Space.Kind.COMMISSION,
        "description": "Voirie, bâtiments.",
        "memberships": inline_formset([
            {"user": cast["president"].pk, "role": Membership.Role.PRESIDENT, "notify": "immediately"},
            {"user": cast["agent"].pk, "role": Membership.Role.REFERENT, "notify": "daily"},
        ]),
    })
    response = admin_client.post("/admin/spaces/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    space = Space.objects.get(name="Commission travaux")
    assert space.page.url == "/espaces/commission-travaux/"
    assert set(space.group.user_set.all()) == {cast["president"], cast["agent"]}
    assert space.memberships.get(user=cast["agent"]).role == Membership.Role.REFERENT


def test_the_lists_render(admin_client, publication):
    for url in ("/admin/spaces/", "/admin/space_members/", "/admin/space_publications/", "/admin/space_invitations/"):
        assert admin_client.get(url).status_code == 200, url


def test_read_statistics(admin_client, cast, publication):
    record_reading(publication, cast["elu_member"])
    record_reading(publication, cast["elu_non_member"])  # not a member: not counted
    assert "1 / 2" in visible_text(admin_client.get("/admin/space_publications/"))
    detail = visible_text(admin_client.get(f"/admin/space_publications/inspect/{publication.pk}/"))
    assert "Paul Martin (" in detail  # a reader, with the date of the reading
    assert "Claire Durand" in detail and "Claire Durand (" not in detail  # not read yet
    assert "Inès" not in detail


def test_an_attachment_must_come_from_the_space(admin_client, cast, urbanisme):
    public_document = ArchiveDocumentFactory(title="Budget 2024")
    data = nested_form_data({
        "space": urbanisme.pk,
        "title": "Note",
        "body": rich_text("<p>Texte</p>"),
        "author": cast["president"].pk,
        "published_at": "2025-03-12 10:00",
        "attachments": inline_formset([{"document": public_document.pk}]),
    })
    response = admin_client.post("/admin/space_publications/new/", data)
    assert response.status_code == 200
    assert not Publication.objects.exists()
    data["attachments-0-document"] = ArchiveDocumentFactory(collection=urbanisme.collection).pk
    assert admin_client.post("/admin/space_publications/new/", data).status_code == 302
    assert Publication.objects.get().attachments.count() == 1


def test_inviting_and_revoking_from_the_admin(admin_client, securite):
    response = admin_client.post(
        "/admin/space_invitations/new/", {"space": securite.pk, "email": "cdt@gendarmerie.example"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert mail.outbox[0].to == ["cdt@gendarmerie.example"]
    assert admin_client.get(f"/admin/space_invitations/edit/{invitation.pk}/").status_code == 200
    admin_client.post(f"/admin/space_invitations/edit/{invitation.pk}/")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    history = visible_text(admin_client.get(f"/admin/space_invitations/history/{invitation.pk}/"))
    for action in (invitations.INVITED, invitations.REVOKED):
        assert str(log_actions.registry.formatters[action].message) in history


@pytest.mark.parametrize("role", ["redaction", "agent"])
def test_staff_without_the_permissions_see_no_space(role, cast, client, publication):
    client.force_login(cast[role])
    for url in ("/admin/spaces/", "/admin/space_publications/", f"/admin/space_publications/inspect/{publication.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    assert "Commission urbanisme" not in client.get("/admin/").content.decode()


def test_a_space_page_cannot_be_deleted_or_copied_alone(admin_client, urbanisme):
    page = urbanisme.page
    for action in ("delete", "copy"):
        response = admin_client.post(f"/admin/pages/{page.pk}/{action}/", {"new_title": "x", "new_slug": "x",
                                                                           "new_parent_page": page.get_parent().pk})
        assert response.status_code == 302
    assert Space.objects.get(pk=urbanisme.pk).page_id == page.pk
    assert type(page).objects.count() == Space.objects.count()


def test_the_space_page_introduction_is_edited_in_the_page_tree(admin_client, urbanisme):
    """Its title follows the space's name: the editor only writes the
    introduction."""
    page = urbanisme.page
    edit_url = f"/admin/pages/{page.pk}/edit/"
    form = admin_client.get(edit_url)
    assert form.status_code == 200
    assert 'name="title"' not in form.content.decode()
    data = nested_form_data({"intro": rich_text("<p>Bienvenue dans la commission.</p>"), "slug": page.slug,
                             "action-publish": "publish"})
    assert admin_client.post(edit_url, data).status_code == 302
    page.refresh_from_db()
    assert (page.title, "Bienvenue" in page.specific.intro) == ("Commission urbanisme", True)
