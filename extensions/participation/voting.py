"""The public vote: a voter gives an e-mail address, follows the link we
send, and their vote counts; one vote per address per photo or per category
(the contest says which), enforced by the database; a vote can be withdrawn
until the vote closes. Only a pseudonym of the address is kept."""
from datetime import timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import mail
from core.links import LinkError

from .core import confirmations
from .core.identity import email_key, mailbox
from .core.votes import cast
from .models import Vote

VOTE = "vote"
VOTE_LINK_AGE = timedelta(days=2)
WITHDRAW_LINK_AGE = timedelta(days=365)

CLOSED = gettext_lazy("The vote is closed: votes can no longer be cast or withdrawn.")


def request_vote(contest, entry, email, request):
    """E-mails the link that will make the vote count."""
    confirmation = confirmations.create(VOTE, email, page=contest, payload={"entry": entry.pk}, request=request)
    mail.send([mail.message("participation/emails/confirm_vote", confirmation.email, {
        "contest": contest, "entry": entry, "link": confirmations.link(confirmation),
        "expires": confirmations.expires_at(confirmation),
    }, mail.site_of(contest))])
    return confirmation


def voter_refusal(contest, email):
    """Why this address may not vote in this contest, or None."""
    if mailbox(email) in {mailbox(e) for e in contest.jury_emails()}:
        return _("Jury members do not take part in the public vote.")
    if contest.voters_list_required and not contest.eligible_voters.filter(email=email.lower()).exists():
        return _("This address is not on the list of voters of this contest.")
    return None


def already_voted_message(contest):
    if contest.vote_limit == contest.VoteLimit.PER_CATEGORY:
        return _("You have already voted in this category: withdraw that vote first to vote for another photo.")
    return _("You have already voted for this photo: your vote was counted once.")


@confirmations.register(VOTE, VOTE_LINK_AGE, gettext_lazy("Confirm my vote"))
def confirm_vote(confirmation, request):
    contest = confirmation.page.specific
    if not contest.accepts_votes():
        raise LinkError(CLOSED)
    entry = contest.votable_entries().filter(pk=confirmation.payload.get("entry")).first()
    if entry is None:
        raise LinkError(_("This photo is no longer part of the vote."))
    refusal = voter_refusal(contest, confirmation.email)
    if refusal:
        raise LinkError(refusal)
    vote = cast(
        Vote, contest=contest, entry=entry, voter_key=email_key(confirmation.email),
        slot=contest.vote_slot(entry), ip_key=confirmation.ip_key,
    )
    if vote is None:
        raise LinkError(already_voted_message(contest))
    withdraw_link = withdraw_url(vote)
    mail.send_after_commit([mail.message("participation/emails/vote_counted", confirmation.email, {
        "contest": contest, "entry": entry, "withdraw_link": withdraw_link,
    }, mail.site_of(contest))])
    return confirmations.Outcome(
        _("Your vote counts"),
        _("Thank you! Your vote for “%(title)s” is counted. You can withdraw it until the vote closes.")
        % {"title": entry.title},
        page=contest, links=[(_("Withdraw this vote"), withdraw_link)],
    )


def withdraw_url(vote):
    token = confirmations.sign("withdraw", {"v": vote.pk, "k": vote.voter_key[:16]})
    return mail.absolute_url(reverse("participation:withdraw", args=[token]), mail.site_of(vote.contest))


def vote_from_token(token):
    value = confirmations.unsign("withdraw", token, max_age=WITHDRAW_LINK_AGE)
    vote = Vote.objects.select_related("entry").filter(pk=value.get("v") if isinstance(value, dict) else None).first()
    if vote is None or not vote.voter_key or vote.voter_key[:16] != value.get("k"):
        raise LinkError(_("This vote has already been withdrawn."))
    return vote


def withdraw(vote):
    if not vote.contest.accepts_votes():
        raise LinkError(CLOSED)
    vote.delete()


def vote_counts(entry_ids):
    """{entry id: number of votes} for these entries, in one query."""
    rows = Vote.objects.filter(entry__in=entry_ids).values("entry").annotate(n=Count("pk"))
    return {row["entry"]: row["n"] for row in rows}

