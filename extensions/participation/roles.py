"""Roles in contests (ARCHITECTURE.md): Agents moderate, so their group
gets the permissions on entries after each migrate; jury members score on
the front end, so the group Jury opens the jury's screens and gives no
permission at all (not even the admin's door, whose choosers list drafts,
private pages and unmoderated entries). Idempotent."""
from django.contrib.auth.models import Group, Permission

MODERATION_PERMISSIONS = ["view_entry", "change_entry"]
JURY = "Jury"


def jury_group():
    """The Jury group, emptied of any permission: groups made before the
    jury left the admin carried `access_admin`, taken back here at each
    migrate."""
    group, _created = Group.objects.get_or_create(name=JURY)
    group.permissions.clear()
    return group


def grant_moderation(**kwargs):
    from pages.roles import AGENTS

    group = Group.objects.filter(name=AGENTS).first()
    if group is not None:
        group.permissions.add(*Permission.objects.filter(
            content_type__app_label="participation", codename__in=MODERATION_PERMISSIONS
        ))
    jury_group()
