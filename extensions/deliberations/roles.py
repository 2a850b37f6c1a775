"""What the roles may do with the deliberations, kept in step after every
migrate (idempotent): Agents, who hold séances, also see and handle the
requests for a paper copy of an act."""
from django.contrib.auth.models import Group, Permission

from pages.roles import AGENTS

AGENT_CODENAMES = ["view_copyrequest", "change_copyrequest"]


def ensure_deliberation_roles(**kwargs):
    agents = Group.objects.filter(name=AGENTS).first()
    if agents is not None:
        agents.permissions.add(*Permission.objects.filter(content_type__app_label="deliberations",
                                                          codename__in=AGENT_CODENAMES))
