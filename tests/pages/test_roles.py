"""The groups of ARCHITECTURE.md exist after migrate with their Wagtail
permissions: Rédaction publishes the editorial sections, Agents the
meetings (tests/security/test_page_permissions.py walks the whole tree),
Élus have no admin."""
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from pages.roles import AGENTS, ELUS, REDACTION, ensure_roles, public_collection
from tests.factories import StandardPageFactory
from tests.meetings.factories import MeetingIndexPageFactory

# Migrations and what they create differ between SQLite and PostgreSQL: both runs.
pytestmark = pytest.mark.sqlite


def page_codenames(group, page=None):
    return set(
        GroupPagePermission.objects.filter(group__name=group, page=page or Page.get_first_root_node())
        .values_list("permission__codename", flat=True)
    )


def collection_codenames(group, collection=None):
    return set(
        GroupCollectionPermission.objects.filter(
            group__name=group, collection=collection or Collection.get_first_root_node()
        ).values_list("permission__codename", flat=True)
    )


@pytest.mark.django_db
def test_the_three_roles_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {REDACTION, AGENTS, ELUS}


@pytest.mark.django_db
def test_redaction_can_edit_and_publish_pages_and_documents(home_page):
    section = StandardPageFactory(parent=home_page)
    assert {"add_page", "change_page", "publish_page"} <= page_codenames(REDACTION, section)
    assert not page_codenames(REDACTION) and not page_codenames(REDACTION, home_page)
    assert {"add_image", "choose_image"} <= collection_codenames(REDACTION)
    assert {"add_document", "change_document"} <= collection_codenames(REDACTION, public_collection())


@pytest.mark.django_db
@pytest.mark.parametrize("role", [REDACTION, AGENTS])
def test_staff_document_rights_stop_at_the_public_collection(role):
    """A document permission on the root would open every private space's
    collection to staff in the admin."""
    assert not {"add_document", "change_document", "choose_document"} & collection_codenames(role)


@pytest.mark.django_db
def test_agents_edit_and_publish_the_meetings_only(home_page):
    meetings = MeetingIndexPageFactory(parent=home_page)
    assert {"add_page", "change_page", "publish_page"} <= page_codenames(AGENTS, meetings)
    assert not page_codenames(AGENTS, StandardPageFactory(parent=home_page))
    assert not page_codenames(AGENTS) and not page_codenames(AGENTS, home_page)


@pytest.mark.django_db
def test_elus_have_no_permission_at_all():
    assert not Group.objects.get(name=ELUS).permissions.exists()
    assert not page_codenames(ELUS)
    assert not collection_codenames(ELUS)


@pytest.mark.django_db
def test_roles_are_idempotent():
    """ensure_roles runs after every migrate: it must not pile up rows."""
    before = (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count(), Group.objects.count())
    ensure_roles()
    call_command("migrate", verbosity=0)
    after = (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count(), Group.objects.count())
    assert before == after


@pytest.mark.parametrize(
    ("role", "status"),
    [("redaction", 200), ("agent", 200), ("elu", 302), ("externe", 302), ("anonymous", 302)],
)
def test_who_enters_the_admin(client_as, role, status):
    response = client_as(role).get("/admin/")
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/admin/login/")
