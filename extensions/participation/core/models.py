"""Models of the reusable core: a pending action confirmed by e-mail, and
the abstract shapes of a consent and of a vote."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Confirmation(models.Model):
    """An action waiting for someone to prove they own an e-mail address by
    following a link: a submission, a parent's consent, a vote... It does
    nothing by itself; the handler registered for its purpose acts once,
    when the link is followed (core.confirmations)."""

    purpose = models.CharField(_("purpose"), max_length=30)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    email = models.EmailField(_("e-mail address"))
    payload = models.JSONField(_("data"), default=dict, blank=True)
    ip_key = models.CharField(_("IP pseudonym"), max_length=16, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail confirmation")
        verbose_name_plural = _("e-mail confirmations")
        default_permissions = ()
        indexes = [models.Index(fields=["page", "purpose", "email"])]

    def __str__(self):
        return f"{self.purpose} #{self.pk}"


class AbstractConsent(models.Model):
    """One consent as it was given: its exact wording, who gave it, when."""

    class GivenBy(models.TextChoices):
        AUTHOR = "author", _("author")
        PARENT = "parent", _("parent or guardian")

    kind = models.CharField(_("kind"), max_length=30)
    wording = models.TextField(_("wording"))
    given_by = models.CharField(_("given by"), max_length=10, choices=GivenBy.choices, default=GivenBy.AUTHOR)
    accepted_at = models.DateTimeField(_("accepted at"))

    class Meta:
        abstract = True
        default_permissions = ("view",)


class AbstractVote(models.Model):
    """One vote of one person in one slot. The slot says what a person may
    vote for only once ("e12": entry 12, "c3": anything in category 3); the
    unique constraint makes the database refuse a second vote, even when two
    confirmations race. Nobody gets an "add" permission: votes only come
    from confirmed e-mail links."""

    voter_key = models.CharField(_("voter pseudonym"), max_length=64, null=True, blank=True)
    slot = models.CharField(_("slot"), max_length=40)
    ip_key = models.CharField(_("IP pseudonym"), max_length=16, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["voter_key", "slot"], name="%(app_label)s_%(class)s_one_vote"),
        ]
