"""Roles in contests (ARCHITECTURE.md): Agents moderate, so their group
gets the permissions on entries after each migrate; jury members only need
to reach the admin, which the group Jury gives. Idempotent."""
from django.contrib.auth.models import Group, Permission

MODERATION_PERMISSIONS = ["view_entry", "change_entry"]
JURY = "Jury"


def jury_group():
    group, created = Group.objects.get_or_create(name=JURY)
    if created:
        group.permissions.add(*Permission.objects.filter(content_type__app_label="wagtailadmin",
                                                         codename="access_admin"))
    return group


def grant_moderation(**kwargs):
    from pages.roles import AGENTS

    group = Group.objects.filter(name=AGENTS).first()
    if group is not None:
        group.permissions.add(*Permission.objects.filter(
            content_type__app_label="participation", codename__in=MODERATION_PERMISSIONS
        ))
    jury_group()
