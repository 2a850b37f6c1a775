"""A space stands on a group, a restricted page and a private collection:
created with it, renamed with it, repaired if loosened, deleted with it."""
import pytest
from django.contrib.auth.models import Group
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, Page, PageViewRestriction

from extensions.commissions.models import Membership, Space, SpaceIndexPage, SpacePage
from extensions.commissions.provisioning import group_name
from tests.commissions.conftest import join
from tests.factories import ArchiveDocumentFactory, UserFactory

pytestmark = pytest.mark.django_db


def restricted_to(restriction_model, group, **target):
    restriction = restriction_model.objects.get(**target)
    return restriction.restriction_type == BaseViewRestriction.GROUPS and list(restriction.groups.all()) == [group]


def test_creating_a_space_sets_up_group_page_and_collection(urbanisme, home_page):
    assert urbanisme.group.name == "Espace · Commission urbanisme"
    assert urbanisme.collection.name == "Commission urbanisme"
    assert urbanisme.page.title == "Commission urbanisme"
    assert urbanisme.page.live
    assert urbanisme.page.get_parent().specific_class is SpaceIndexPage
    assert urbanisme.page.get_parent().get_parent().pk == home_page.pk
    assert urbanisme.page.url == "/espaces/commission-urbanisme/"
    assert restricted_to(PageViewRestriction, urbanisme.group, page=urbanisme.page)
    assert restricted_to(CollectionViewRestriction, urbanisme.group, collection=urbanisme.collection)


def test_the_index_page_requires_signing_in(urbanisme):
    index = SpaceIndexPage.objects.get()
    assert index.get_view_restrictions().get().restriction_type == BaseViewRestriction.LOGIN


def test_members_are_exactly_the_group(urbanisme):
    paul, claire = UserFactory(username="paul"), UserFactory(username="claire")
    membership = join(urbanisme, paul)
    join(urbanisme, claire)
    assert set(urbanisme.group.user_set.all()) == {paul, claire}
    membership.delete()
    assert set(urbanisme.group.user_set.all()) == {claire}


def test_a_change_of_person_in_a_membership_moves_the_group(urbanisme):
    paul, claire = UserFactory(username="paul"), UserFactory(username="claire")
    membership = join(urbanisme, paul)
    membership.user = claire
    membership.save()
    assert list(urbanisme.group.user_set.all()) == [claire]


def test_adding_someone_to_the_group_in_wagtail_makes_a_member(urbanisme):
    paul = UserFactory(username="paul")
    paul.groups.add(urbanisme.group)
    assert Membership.objects.get(space=urbanisme, user=paul).role == Membership.Role.MEMBER
    urbanisme.group.user_set.remove(paul)
    assert not Membership.objects.filter(space=urbanisme, user=paul).exists()


def test_renaming_renames_group_page_and_collection_but_keeps_the_address(urbanisme):
    urbanisme.name = "Commission urbanisme et habitat"
    urbanisme.save()
    urbanisme.refresh_from_db()
    assert urbanisme.group.name == group_name(urbanisme)
    assert urbanisme.collection.name == "Commission urbanisme et habitat"
    page = Page.objects.get(pk=urbanisme.page_id)
    assert page.title == "Commission urbanisme et habitat"
    assert page.url == "/espaces/commission-urbanisme/"
    # The admin edits the latest revision: it must carry the new title too.
    assert page.get_latest_revision_as_object().title == "Commission urbanisme et habitat"


def test_a_loosened_restriction_is_put_back(urbanisme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=urbanisme.page).delete()
    assert restricted_to(PageViewRestriction, urbanisme.group, page=urbanisme.page)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = CollectionViewRestriction.objects.get(collection=urbanisme.collection)
        restriction.restriction_type = BaseViewRestriction.LOGIN
        restriction.save()
    assert restricted_to(CollectionViewRestriction, urbanisme.group, collection=urbanisme.collection)


def test_a_deleted_group_is_recreated_with_the_members(urbanisme, django_capture_on_commit_callbacks):
    paul = UserFactory(username="paul")
    join(urbanisme, paul)
    with django_capture_on_commit_callbacks(execute=True):
        urbanisme.group.delete()
    urbanisme.refresh_from_db()
    assert list(urbanisme.group.user_set.all()) == [paul]
    assert restricted_to(PageViewRestriction, urbanisme.group, page=urbanisme.page)


def test_deleting_a_space_deletes_group_page_collection_and_documents(urbanisme):
    join(urbanisme, UserFactory(username="paul"))
    document = ArchiveDocumentFactory(collection=urbanisme.collection)
    ids = urbanisme.group_id, urbanisme.page_id, urbanisme.collection_id
    urbanisme.delete()
    assert not Space.objects.exists()
    assert not Group.objects.filter(pk=ids[0]).exists()
    assert not SpacePage.objects.filter(pk=ids[1]).exists()
    assert not Collection.objects.filter(pk=ids[2]).exists()
    assert not type(document).objects.filter(pk=document.pk).exists()


def test_a_membership_moved_to_another_space_moves_the_group(urbanisme, securite):
    paul = UserFactory(username="paul")
    membership = join(urbanisme, paul)
    membership.space = securite
    membership.save()
    assert list(paul.groups.all()) == [securite.group]
