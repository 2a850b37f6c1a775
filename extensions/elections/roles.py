"""The « Bureau des élections » group: the agents who enter the results of
the bureaux de vote on election night. Only its members (and superusers)
may enter, validate or correct a result. Created after each migrate;
idempotent."""
from django.contrib.auth.models import Group, Permission

ELECTION_OFFICE = "Bureau des élections"
ENTRY_PERMISSIONS = ["view_bureauresult", "add_bureauresult", "change_bureauresult"]


def ensure_election_office(**kwargs):
    group, _created = Group.objects.get_or_create(name=ELECTION_OFFICE)
    group.permissions.add(*Permission.objects.filter(
        content_type__app_label="elections", codename__in=ENTRY_PERMISSIONS))
    return group


def can_enter_results(user):
    """Membership of the group, not a permission a role could inherit:
    election figures are entered by the agents the mairie designated."""
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=ELECTION_OFFICE).exists())
