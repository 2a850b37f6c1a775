"""Every kind of e-mail Parvis sends, triggered through the code that sends
it, read back from its raw MIME as a mail client does. The kinds are the
templates of core.mail (`<folder>/emails/<name>_subject.txt` in any app):
a new kind without a case here fails `test_every_kind_has_a_case`.

Each message must come from its object's site (the interco's from the
interco, with its name and address; the commune's spaces from the
commune), link only to that site's host, carry a Message-ID on its domain
and `Auto-Submitted`, show no HTML entity in its subject or text, have a
text/plain part, be in UTF-8, and offer the one-click unsubscription
(RFC 8058) exactly when the reader chose the notification."""
import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail as outbox
from django.template.utils import get_app_template_dirs
from django.test import Client
from django.utils import timezone

from core import mail
from extensions.commissions import invitations, notifications
from extensions.commissions.models import Comment, Membership, Reminder, Space
from extensions.deliberations import epci
from extensions.deliberations import seance as seance_service
from extensions.deliberations.models import InformationCopy
from extensions.meetings import convocations, tasks as meeting_tasks, workflow
from extensions.meetings.models import InformationRecipient, Instance, Recipient
from extensions.participation import moderation, results, submissions, voting
from extensions.participation import tasks as participation_tasks
from extensions.participation.core.confirmations import Confirmation
from extensions.participation.models import Entry
from pages.models import SiteIdentity
from pages.roles import ELUS
from tests.commissions.conftest import join, publish
from tests.factories import UserFactory, install_home_page
from tests.meetings.factories import InstanceFactory, MandateFactory, MeetingIndexPageFactory, MeetingPageFactory
from tests.participation.helpers import make_contest, make_entry, submit

from .mime import parsed

pytestmark = pytest.mark.django_db

INTERCO = ("Communauté de communes du Val d'Aurèle", "contact@interco.localhost")
COMMUNE = ("Commune de Saint-Aurèle", "mairie@saint-aurele.localhost")
# The notifications a reader chose, and can turn off from the message.
OPT_OUT = {"commissions/emails/new_publication", "commissions/emails/new_comment", "commissions/emails/digest"}
ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
URL = re.compile(r"""https?://[^\s"'<>]+""")


def kinds():
    """The message templates of every app, as core.mail names them."""
    found = set()
    for folder in get_app_template_dirs("templates"):
        for subject in Path(folder).glob("*/emails/*_subject.txt"):
            found.add(str(subject.relative_to(folder))[: -len("_subject.txt")])
    return sorted(found)


def set_identity(home, name, address):
    identity = SiteIdentity.for_site(home.get_site())
    identity.name, identity.email = name, address
    identity.save()


@pytest.fixture
def sites(settings, tmp_path):
    """The commune (default site, localhost) and the interco, each with its
    identity; an apostrophe in the interco's name, which an escaping
    renderer would turn into `&#x27;`."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PARTICIPATION_POW_MAX_NUMBER = 500
    commune = install_home_page(title="Saint-Aurèle", slug="commune")
    interco = install_home_page(hostname="interco.localhost", theme="interco", title="Val", slug="val")
    set_identity(commune, *COMMUNE)
    set_identity(interco, *INTERCO)
    return {"commune": commune, "interco": interco}


def interco_client():
    return Client(HTTP_HOST="interco.localhost")


# ----- meetings (the interco's council) -----

def interco_meeting(sites, agent, capture, **instance):
    council = InstanceFactory(name="Conseil communautaire du Val d'Aurèle", **instance)
    for name in ("Anne", "Bruno", "Chloé"):
        MandateFactory(instance=council, member=UserFactory(username=name.lower(), first_name=name,
                                                            last_name="Conseil", groups=[ELUS]))
    meeting = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=sites["interco"]), instance=council,
                                 title="Conseil communautaire d'avril")
    workflow.lock_recipients(meeting, agent)
    with capture(execute=True):
        convocations.send(meeting, agent)
    meeting.refresh_from_db()
    return meeting


def convocation(sites, agent, capture):
    """Version 1, version 2 (a changed item), then the cancellation."""
    meeting = interco_meeting(sites, agent, capture)
    item = meeting.agenda_items.first()
    item.title = "Budget annexe « eau » : version rectifiée"
    item.save()
    with capture(execute=True):
        convocations.refresh(meeting, agent)
        convocations.cancel(meeting, agent)
    return "interco", 3 * 3


def meeting_reminder(sites, agent, capture):
    meeting = interco_meeting(sites, agent, capture)
    outbox.outbox.clear()
    meeting_tasks.send_due_reminders(now=timezone.now() + datetime.timedelta(hours=49))
    return "interco", 3


def pouvoir(sites, agent, capture):
    meeting = interco_meeting(sites, agent, capture)
    outbox.outbox.clear()
    giver, holder = meeting.recipients.order_by("pk")[:2]
    with capture(execute=True):
        workflow.give_answer(giver, Recipient.Answer.POUVOIR, actor=giver.user, holder=holder.user)
    return "interco", 1


def pouvoir_revoked(sites, agent, capture):
    meeting = interco_meeting(sites, agent, capture)
    giver, holder = meeting.recipients.order_by("pk")[:2]
    pouvoir = workflow.give_answer(giver, Recipient.Answer.POUVOIR, actor=giver.user, holder=holder.user,
                                   notify=False)
    outbox.outbox.clear()
    with capture(execute=True):
        workflow.revoke_pouvoir(pouvoir, giver.user)
    return "interco", 1


def information_copy(sites, agent, capture):
    meeting = interco_meeting(sites, agent, capture, kind=Instance.Kind.EPCI, population=25000)
    InformationRecipient.objects.create(instance=meeting.instance, name="Jeanne Roux",
                                        email="jeanne@commune.localhost", commune="Saint-Aurèle")
    copy = InformationCopy.objects.create(seance=seance_service.seance_for(meeting), kind=InformationCopy.Kind.LIST,
                                          due_on=timezone.localdate())
    outbox.outbox.clear()
    epci.send_copy(copy)
    return "interco", 1


# ----- private spaces (under the commune's /espaces/) -----

def space_with_members(**notify):
    space = Space.objects.create(name="Commission d'urbanisme & travaux")
    president = UserFactory(username="presidente", first_name="Claire", last_name="Durand", groups=[ELUS])
    member = UserFactory(username="membre", first_name="Paul", last_name="Martin", groups=[ELUS])
    join(space, president, Membership.Role.PRESIDENT)
    join(space, member, **notify)
    return space, president


def new_publication(sites, agent, capture):
    space, president = space_with_members()
    notifications.notify_publication.enqueue(publish(space, president, title="Projet de PLU : l'enquête").pk)
    return "commune", 1


def new_comment(sites, agent, capture):
    space, president = space_with_members()
    publication = publish(space, president, attachment=False)
    comment = Comment.objects.create(publication=publication, author=president, body="Qu'en pensez-vous ?")
    notifications.notify_comment.enqueue(comment.pk)
    return "commune", 1


def space_reminder(sites, agent, capture):
    space, president = space_with_members()
    publication = publish(space, president, attachment=False)
    reminder = Reminder.objects.create(publication=publication, sent_by=president, token="0" * 32)
    notifications.send_reminder.enqueue(reminder.pk)
    return "commune", 2  # whoever has not read it, the president too


def digest(sites, agent, capture):
    space, president = space_with_members(notify=Membership.Notify.DAILY)
    publish(space, president, attachment=False)
    notifications.send_digests()
    return "commune", 1


def invitation(sites, agent, capture):
    space, president = space_with_members()
    invitations.invite(space, "invitee@example.org", president)
    return "commune", 1


def space_password_reset(sites, agent, capture):
    UserFactory(username="oreilly", email="oreilly@example.org")
    interco_client().post("/mot-de-passe/oublie/", {"email": "oreilly@example.org"})
    return "interco", 1


def admin_password_reset(sites, agent, capture):
    UserFactory(username="o'brien", email="obrien@example.org", is_staff=True)
    interco_client().post("/admin/password_reset/", {"email": "obrien@example.org"})
    return "interco", 1


# ----- participation (a contest of the interco) -----

def entry_form_case(sites, agent, capture, **overrides):
    contest = make_contest(sites["interco"])
    submit(interco_client(), contest, **overrides)
    return contest, Confirmation.objects.latest("pk")


def confirm_submission(sites, agent, capture):
    entry_form_case(sites, agent, capture)
    return "interco", 1


def entry_received(sites, agent, capture):
    _, confirmation = entry_form_case(sites, agent, capture)
    outbox.outbox.clear()
    with capture(execute=True):
        submissions.confirm_submission(confirmation, None)
    return "interco", 1


def confirm_parental(sites, agent, capture):
    contest = make_contest(sites["interco"])
    young = contest.categories.get(name="Moins de 18 ans").pk
    submit(interco_client(), contest, category=young, age=12, parent_name="Dominique Leroy",
           parent_email="parent@exemple.fr")
    outbox.outbox.clear()
    submissions.confirm_submission(Confirmation.objects.latest("pk"), None)
    return "interco", 1


def confirm_vote(sites, agent, capture):
    contest = make_contest(sites["interco"])
    voting.request_vote(contest, make_entry(contest), "votant@exemple.fr", None)
    return "interco", 1


def vote_counted(sites, agent, capture):
    contest = make_contest(sites["interco"])
    confirmation = voting.request_vote(contest, make_entry(contest), "votant@exemple.fr", None)
    outbox.outbox.clear()
    with capture(execute=True):
        voting.confirm_vote(confirmation, None)
    return "interco", 1


def entry_rejected(sites, agent, capture):
    contest = make_contest(sites["interco"])
    entry = make_entry(contest, status=Entry.Status.PENDING)
    with capture(execute=True):
        moderation.reject(Entry.objects.filter(pk=entry.pk), agent, "Hors sujet : pas de vue du Val")
    return "interco", 1


def winner(sites, agent, capture, monkeypatch):
    contest = make_contest(sites["interco"])
    entry = make_entry(contest)
    # Which entries win is the ranking's business (tests/participation).
    monkeypatch.setattr(results, "winners", lambda contest: [entry])
    participation_tasks.notify_winners.enqueue(contest.pk)
    return "interco", 1


CASES = {
    "meetings/emails/convocation": convocation,
    "meetings/emails/reminder": meeting_reminder,
    "meetings/emails/pouvoir": pouvoir,
    "meetings/emails/pouvoir_revoked": pouvoir_revoked,
    "deliberations/emails/information_copy": information_copy,
    "commissions/emails/new_publication": new_publication,
    "commissions/emails/new_comment": new_comment,
    "commissions/emails/reminder": space_reminder,
    "commissions/emails/digest": digest,
    "commissions/emails/invitation": invitation,
    "commissions/emails/password_reset": space_password_reset,
    "core/emails/admin_password_reset": admin_password_reset,
    "participation/emails/confirm_submission": confirm_submission,
    "participation/emails/entry_received": entry_received,
    "participation/emails/confirm_parental": confirm_parental,
    "participation/emails/confirm_vote": confirm_vote,
    "participation/emails/vote_counted": vote_counted,
    "participation/emails/entry_rejected": entry_rejected,
    "participation/emails/winner": winner,
}


def test_every_kind_has_a_case():
    assert sorted(CASES) == kinds()


def assert_well_formed(message, kind, site, identity):
    raw = parsed(message)
    host = site.hostname
    assert message.kind == kind
    # The sender: the collectivity of the object's site.
    [sender] = raw["From"].addresses
    assert (sender.display_name, sender.addr_spec) == identity
    assert len(raw["To"].addresses) == 1
    assert re.fullmatch(rf"<[^<>@\s]+@{re.escape(host)}>", raw["Message-ID"])
    assert raw["Auto-Submitted"] == "auto-generated"
    assert not ENTITY.search(raw["Subject"]), raw["Subject"]
    if kind in OPT_OUT:
        one_click = re.fullmatch(r"<(https?://\S+)>", raw["List-Unsubscribe"].strip()).group(1)
        assert urlsplit(one_click).hostname == host
        assert raw["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    else:
        assert raw["List-Unsubscribe"] is None and raw["List-Unsubscribe-Post"] is None
    texts = [part for part in raw.walk() if part.get_content_maintype() == "text"]
    assert "text/plain" in [part.get_content_type() for part in texts]
    for part in texts:
        assert part.get_content_charset() == "utf-8"
        content = part.get_content()
        hosts = {urlsplit(url).hostname for url in URL.findall(content)}
        assert hosts <= {host}, (part.get_content_type(), hosts)
        if part.get_content_type() == "text/html":
            # A relative link leads nowhere from a mailbox.
            assert not re.search(r"""(href|src)=["'](?!https?://|mailto:)""", content), content
        else:
            assert not ENTITY.search(content), content
    return raw


@pytest.mark.parametrize("kind", sorted(CASES))
def test_every_kind_of_e_mail(kind, sites, django_capture_on_commit_callbacks, monkeypatch):
    agent = UserFactory(username="agent-seances", first_name="Agathe", last_name="Agent")
    case = CASES[kind]
    arguments = (sites, agent, django_capture_on_commit_callbacks)
    where, expected = case(*arguments, monkeypatch) if case is winner else case(*arguments)
    messages = [m for m in outbox.outbox if m.kind == kind]
    assert len(messages) == expected, [m.kind for m in outbox.outbox]
    site = sites[where].get_site()
    for message in messages:
        assert_well_formed(message, kind, site, INTERCO if where == "interco" else COMMUNE)
    if kind in OPT_OUT:
        # The one-click POST works without login, cookie or CSRF token.
        link = urlsplit(parsed(messages[0])["List-Unsubscribe"].strip().strip("<>")).path
        response = Client(enforce_csrf_checks=True).post(link, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert not Membership.objects.filter(user__username="membre").exclude(notify=Membership.Notify.NEVER)
