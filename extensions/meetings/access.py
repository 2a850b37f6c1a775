"""Who may see what of a meeting. Every view, feed, search and e-mail of
this app asks these functions. A public meeting becomes visible to all once
convened; before that, and always for a private one, it is seen by:
- the members of its instance (mandates in office at its date, and their
  suppléants), and the members of the instance's private space (as
  extensions.commissions.access says);
- the staff who may send convocations (Agents), and superusers."""
from django.db.models import Q

from extensions.commissions.access import visible_spaces

from . import documents
from .models import Instance, Mandate
from .pages import MeetingPage

PUBLISHED_STATES = (MeetingPage.State.CONVOKED, MeetingPage.State.OPEN, MeetingPage.State.CLOSED)
SEND_PERMISSION = "meetings.send_convocation"


def can_manage(user):
    """Prepare meetings, send convocations, see the dashboard."""
    return user.is_authenticated and user.is_active and user.has_perm(SEND_PERMISSION)


def is_publicly_visible(meeting):
    return meeting.live and meeting.is_public and meeting.state in PUBLISHED_STATES


def member_instances(user):
    """Ids of the instances whose private meetings `user` may see."""
    if not user.is_authenticated:
        return set()
    ids = set(Mandate.objects.filter(Q(member=user) | Q(suppleant=user)).values_list("instance", flat=True))
    ids |= set(Instance.objects.filter(space__in=visible_spaces(user)).values_list("pk", flat=True))
    return ids


def public_meetings():
    """Public, live, convened (or held) meetings: what anyone may see."""
    return MeetingPage.objects.live().filter(is_public=True, state__in=PUBLISHED_STATES)


def visible_meetings(user):
    """The live meetings `user` may see (a queryset filtering on the page's
    own fields only, so that search backends can apply it)."""
    if can_manage(user):
        return MeetingPage.objects.live()
    everyone = Q(is_public=True, state__in=PUBLISHED_STATES)
    instances = member_instances(user)
    if instances:
        everyone |= Q(instance__in=instances)
    return MeetingPage.objects.live().filter(everyone)


def can_see_meeting(user, meeting):
    if can_manage(user):
        return True
    return is_publicly_visible(meeting) or (meeting.live and meeting.instance_id in member_instances(user))


def can_see_documents(user, meeting):
    """The documents of an ordre du jour are for the staff, and for the
    members once convened (projets de délibération are not public before
    the vote). Each file is also asked to library.privacy, which applies the
    same rule through the collections of documents.py."""
    if can_manage(user):
        return True
    return meeting.state in documents.RELEASED_STATES and meeting.instance_id in member_instances(user)


def restriction_groups(meeting):
    """The groups of the view restriction a meeting carries while it is
    not public: its space's group, Élus and Agents (access.py still decides
    inside them)."""
    from django.contrib.auth.models import Group

    from pages.roles import AGENTS, ELUS

    groups = list(Group.objects.filter(name__in=[ELUS, AGENTS]))
    space = meeting.instance.space
    if space is not None and space.group_id:
        groups.append(space.group)
    return groups


def sync_view_restriction(meeting):
    """Says in Wagtail's own terms what this module decides: a meeting not
    (yet) public carries a group view restriction, so that every channel
    built on Wagtail's privacy (public() querysets, menus, sitemaps, the
    agenda's page checks, an API) treats it as private; the restriction goes
    once a public meeting is convened. The meeting's routes still ask
    can_see_meeting(), which is stricter. Its documents waiting in
    preparation go to its members once it is convened (documents.release).
    The send flow, publishing and cancelling all go through here."""
    from wagtail.models import PageViewRestriction

    documents.release(meeting)
    restrictions = PageViewRestriction.objects.filter(page=meeting)
    if is_publicly_visible(meeting):
        restrictions.delete()
        return
    restriction = restrictions.first() or PageViewRestriction(page=meeting)
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set(restriction_groups(meeting))
