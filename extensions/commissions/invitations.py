"""Inviting outsiders into one space: the personal link (valid seven days),
its acceptance, its revocation. Each step is written to Wagtail's log
(who, when), which the admin shows in the invitation's history."""
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from core import mail
from core.links import hash_token

from .models import Invitation, Membership

INVITED = "commissions.invitation.create"
ACCEPTED = "commissions.invitation.accept"
REVOKED = "commissions.invitation.revoke"


def invite(space, email, invited_by):
    """Invites `email` into `space` and e-mails the personal link."""
    invitation, raw_token = create_invitation(space, email, invited_by)
    # Sent here rather than by a task: the secret link must not be stored
    # in a task queue, and it is a single message.
    site = mail.site_of(space.page)
    mail.send([mail.message("commissions/emails/invitation", invitation.email, {
        "invitation": invitation,
        "space": space,
        "inviter": invited_by,
        "accept_url": mail.absolute_url(reverse("commissions:invitation", args=[raw_token]), site),
    }, site)])
    return invitation


def create_invitation(space, email, invited_by):
    """A logged invitation and the secret of its link. A pending invitation
    of the same address to the same space is revoked: only the newest link
    works."""
    email = get_user_model().objects.normalize_email(email).strip()
    with transaction.atomic():
        for previous in Invitation.objects.pending().filter(space=space, email__iexact=email):
            revoke(previous, invited_by)
        invitation = Invitation(space=space, email=email, created_by=invited_by)
        raw_token = invitation.new_token()
        invitation.save()
        log(invitation, INVITED, user=invited_by, data={"email": email, "space": space.name})
    return invitation, raw_token


def find(raw_token):
    """The invitation of a link, whatever its status, or None."""
    return Invitation.objects.select_related("space__page").filter(token_hash=hash_token(raw_token)).first()


def existing_account(invitation):
    return get_user_model().objects.filter(email__iexact=invitation.email, is_active=True).first()


def accept(invitation, user):
    """Makes `user` a guest of the invitation's space, once: False if the
    invitation was used, revoked or expired meanwhile (checked and marked
    in one UPDATE, so two clicks cannot both succeed)."""
    now = timezone.now()
    with transaction.atomic():
        claimed = Invitation.objects.pending().filter(pk=invitation.pk).update(accepted_at=now, accepted_by=user)
        if not claimed:
            return False
        Membership.objects.get_or_create(
            space=invitation.space, user=user, defaults={"role": Membership.Role.GUEST}
        )
        invitation.accepted_at, invitation.accepted_by = now, user
        log(invitation, ACCEPTED, user=user, data={"email": invitation.email, "space": invitation.space.name})
    return True


def revoke(invitation, revoked_by):
    """Withdraws a pending invitation; False if it was no longer pending."""
    now = timezone.now()
    with transaction.atomic():
        if not Invitation.objects.pending().filter(pk=invitation.pk).update(revoked_at=now, revoked_by=revoked_by):
            return False
        invitation.revoked_at, invitation.revoked_by = now, revoked_by
        log(invitation, REVOKED, user=revoked_by, data={"email": invitation.email, "space": invitation.space.name})
    return True


def create_guest_account(invitation, first_name, last_name):
    """A new account for the invited address (its username is the address);
    its password is set by the caller's form."""
    User = get_user_model()
    username = invitation.email.lower()[:150]
    suffix = 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"{invitation.email.lower()[:140]}-{suffix}"
    return User(username=username, email=invitation.email, first_name=first_name, last_name=last_name)
