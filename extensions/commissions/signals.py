"""Keeps each space, its members and its group/page/collection in step,
whichever screen changed one of them: the space admin, Wagtail's user and
group screens, the page privacy setting or the collection screens."""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from .models import Membership, Space, SpacePage
from .provisioning import is_provisioning, provisioning, repair_spaces

User = get_user_model()


@receiver([post_save, post_delete], sender=Membership)
def keep_group_in_step(sender, instance, raw=False, **kwargs):
    """The space's group holds exactly its members (the group is what
    Wagtail's page and document restrictions check). The spaces whose group
    holds this person are checked too: the membership may have moved."""
    if raw or is_provisioning():
        return
    spaces = Space.objects.filter(Q(pk=instance.space_id) | Q(group__user=instance.user_id), group__isnull=False)
    with provisioning():
        for space in spaces.select_related("group").distinct():
            space.group.user_set.set(User.objects.filter(space_memberships__space=space))


@receiver(m2m_changed, sender=User.groups.through)
def mirror_group_changes(sender, instance, action, reverse, pk_set, **kwargs):
    """Someone added or removed a person to a space's group in Wagtail's
    user or group screens: the person joins (as a member) or leaves."""
    if is_provisioning() or action not in ("post_add", "post_remove") or not pk_set:
        return
    pairs = [(user_id, instance.pk) for user_id in pk_set] if reverse else [(instance.pk, g) for g in pk_set]
    space_of_group = dict(Space.objects.filter(group__in={g for _u, g in pairs}).values_list("group", "pk"))
    with provisioning():
        for user_id, group_id in pairs:
            space_id = space_of_group.get(group_id)
            if space_id is None:
                continue
            if action == "post_add":
                Membership.objects.get_or_create(space_id=space_id, user_id=user_id)
            else:
                Membership.objects.filter(space_id=space_id, user_id=user_id).delete()


@receiver(post_delete, sender=Space)
def remove_what_the_space_stood_on(sender, instance, **kwargs):
    """Deleting a space deletes its page, its group and its collection with
    the documents in it: left behind, they would be orphans at best, and
    public documents at worst."""
    with provisioning():
        page = SpacePage.objects.filter(pk=instance.page_id).first()
        if page:
            page.delete()
        collection = Collection.objects.filter(pk=instance.collection_id).first()
        if collection:
            collection.delete()
        Group.objects.filter(pk=instance.group_id).delete()


@receiver(post_delete, sender=Group)
@receiver(post_delete, sender=Collection)
@receiver(post_delete, sender=SpacePage)
def recreate_what_was_deleted(sender, instance, **kwargs):
    if is_provisioning():
        return
    field = {Group: "group", Collection: "collection"}.get(sender, "page")
    transaction.on_commit(lambda: repair_spaces(**{f"{field}__isnull": True}))


@receiver([post_save, post_delete], sender=PageViewRestriction)
@receiver([post_save, post_delete], sender=CollectionViewRestriction)
def restore_restriction(sender, instance, raw=False, **kwargs):
    """Someone changed the privacy of a space's page or collection: put the
    group restriction back once their change is committed."""
    if raw or is_provisioning():
        return
    target = {"page": instance.page_id} if sender is PageViewRestriction else {"collection": instance.collection_id}
    transaction.on_commit(lambda: repair_spaces(**target))


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
@receiver(m2m_changed, sender=CollectionViewRestriction.groups.through)
def restore_restriction_groups(sender, instance, action, reverse, **kwargs):
    if is_provisioning() or reverse or not action.startswith("post_"):
        return
    restore_restriction(type(instance), instance)
