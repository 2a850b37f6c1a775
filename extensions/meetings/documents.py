"""Where the documents of an instance's meetings live, and so who may read
them. Each instance has its collection under « Documents des séances »,
restricted to a group that follows the instance's members in office (and
suppléants), to its space's group and to Agents; inside it, « En
préparation » is restricted to Agents too, so a document waits there,
seen by the agents preparing the meeting only, until the convocation is
sent (release()). Wagtail's collection restrictions then say it to every
channel at once (library, downloads, API, search, autocomplete) through
library.privacy.visible_documents: nothing here is asked per request.

The idea is the one extensions.commissions uses for a space (a group that
follows the members, a collection restricted to it), kept apart: an
instance is not a space and has no page of its own."""
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from pages.roles import AGENTS

from .roles import meeting_documents_collection

GROUP_PREFIX = "Séances · "  # keeps these groups apart from the roles and the spaces' groups
PREPARATION = "En préparation"
# The states in which the members have been sent the documents.
RELEASED_STATES = ("convoked", "open", "closed")


def member_ids(instance, day=None):
    """Members in office on `day` (today) and their suppléants."""
    mandates = instance.mandates.in_office(day or timezone.localdate())
    return set(mandates.values_list("member", flat=True)) | set(
        mandates.filter(suppleant__isnull=False).values_list("suppleant", flat=True))


def provision(instance):
    """Creates or repairs the group and the two collections of `instance`
    and puts its members in the group (idempotent)."""
    from .models import Instance

    with transaction.atomic():
        group = instance.documents_group
        if group is None:
            group, _created = Group.objects.get_or_create(name=f"{GROUP_PREFIX}{instance.name}")
        elif group.name != f"{GROUP_PREFIX}{instance.name}":
            group.name = f"{GROUP_PREFIX}{instance.name}"
            group.save(update_fields=["name"])
        group.user_set.set(member_ids(instance))
        collection = instance.documents_collection
        if collection is None:
            collection = meeting_documents_collection().add_child(name=instance.name)
        elif collection.name != instance.name:
            collection.name = instance.name
            collection.save(update_fields=["name"])
        Instance.objects.filter(pk=instance.pk).update(documents_group=group, documents_collection=collection)
        instance.documents_group, instance.documents_collection = group, collection
        agents = list(Group.objects.filter(name=AGENTS))
        space = instance.space
        readers = [group, *agents] + ([space.group] if space is not None and space.group_id else [])
        _restrict(collection, readers)
        _restrict(preparation_collection(instance), agents)
        sync_parent_restriction()


def preparation_collection(instance):
    """Where a meeting's documents wait, seen by Agents only."""
    # Read again: treebeard trusts a node's cached child count.
    parent = Collection.objects.get(pk=instance.documents_collection_id)
    return parent.get_children().filter(name=PREPARATION).first() or parent.add_child(name=PREPARATION)


def sync_parent_restriction():
    """« Documents des séances » itself opens to Agents and to the readers
    of each instance (a restriction also covers the descendants, so each
    reader must pass this one too); documents never sit there directly."""
    from .models import Instance

    instances = Instance.objects.filter(documents_group__isnull=False)
    groups = Group.objects.filter(
        Q(name=AGENTS) | Q(pk__in=instances.values("documents_group"))
        | Q(pk__in=instances.filter(space__group__isnull=False).values("space__group"))
    )
    _restrict(meeting_documents_collection(), groups)


def _restrict(collection, groups):
    """Exactly one group restriction on `collection`, to `groups`."""
    restrictions = list(CollectionViewRestriction.objects.filter(collection=collection))
    kept = next((r for r in restrictions if r.restriction_type == BaseViewRestriction.GROUPS), None)
    for restriction in restrictions:
        if restriction is not kept:
            restriction.delete()
    if kept is None:
        kept = CollectionViewRestriction.objects.create(collection=collection,
                                                        restriction_type=BaseViewRestriction.GROUPS)
    kept.groups.set(groups)


def members_collection(instance):
    """The instance's collection for its members and Agents (the complete
    procès-verbal of extensions.deliberations is kept there)."""
    if instance.documents_collection_id is None:
        provision(instance)
    return Collection.objects.get(pk=instance.documents_collection_id)


def allowed_collection_ids(instance):
    """The collections a meeting of `instance` may take its documents from."""
    if instance.documents_collection_id is None:
        provision(instance)
    return {instance.documents_collection_id, preparation_collection(instance).pk}


def misplaced_documents(instance, documents):
    """Those of `documents` outside the collections a meeting of
    `instance` may take its documents from."""
    allowed = allowed_collection_ids(instance)
    return [document for document in documents if document.collection_id not in allowed]


def upload(instance, uploaded_file, user):
    """A file uploaded while preparing a meeting of `instance`: a library
    document in its « En préparation » collection (seen by Agents only
    until the convocation releases it)."""
    document = get_document_model()(
        title=uploaded_file.name.rsplit(".", 1)[0][:255], collection=preparation_collection(instance),
        uploaded_by_user=user, file=uploaded_file,
    )
    document._set_document_file_metadata()
    document.save()
    return document


def release(meeting):
    """Once `meeting` is convened, its documents still in preparation move
    to the instance's collection, where its members read them. They never
    move back: the members were sent them."""
    instance = meeting.instance
    if meeting.state not in RELEASED_STATES or instance.documents_collection_id is None:
        return
    waiting = get_document_model().objects.filter(
        pk__in=meeting.document_ids(), collection=preparation_collection(instance))
    for document in waiting:
        # save(), not update(): the search index holds the collection too.
        document.collection_id = instance.documents_collection_id
        document.save(update_fields=["collection"])
