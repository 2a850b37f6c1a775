"""What the roles may do with meetings, kept in step after every migrate
(idempotent): Agents prepare meetings and send convocations; the
documents of ordres du jour live under a private collection (one child per
instance, documents.py), where Agents add and change documents."""
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission

from pages.roles import AGENTS, ELUS

MEETING_DOCUMENTS = "Documents des séances"
AGENT_PERMISSIONS = [
    ("meetings", "send_convocation"),
    ("meetings", "add_instance"),
    ("meetings", "change_instance"),
    ("meetings", "view_instance"),
]
DOCUMENT_CODENAMES = ["add_document", "change_document", "choose_document"]


def meeting_documents_collection():
    """The private collection of the documents of ordres du jour."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=MEETING_DOCUMENTS).first() or root.add_child(name=MEETING_DOCUMENTS)


def ensure_meeting_roles(**kwargs):
    from .documents import sync_parent_restriction

    agents = Group.objects.filter(name=AGENTS).first()
    elus = Group.objects.filter(name=ELUS).first()
    if agents is None or elus is None or Collection.get_first_root_node() is None:
        return
    agents.permissions.add(*(
        Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in AGENT_PERMISSIONS
    ))
    collection = meeting_documents_collection()
    sync_parent_restriction()
    for codename in DOCUMENT_CODENAMES:
        permission = Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=agents, collection=collection, permission=permission)
