"""Private spaces and what happens in them: members with a role,
publications with their attachments, first readings, comments, reminders
and invitations of outsiders.

A Space is the source of truth; its Django group, restricted page and
private collection are derived from it by provisioning.py each time it is
saved (and repaired if someone deletes or loosens one of them)."""
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.links import new_secret

INVITATION_VALIDITY = timedelta(days=7)
PUBLICATION_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class Space(ClusterableModel):
    """A private space: a commission, the conseil municipal, all the agents,
    a transversal group or a group with outsiders. Its members read and
    discuss its publications; nobody else learns anything about it."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("council")
        COMMISSION = "commission", _("commission")
        STAFF = "staff", _("staff")
        GROUP = "group", _("working group")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMISSION)
    description = models.TextField(_("description"), blank=True, help_text=_("Shown to the members only."))
    group = models.OneToOneField(
        "auth.Group", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="space"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="space",
    )
    page = models.OneToOneField(
        "commissions.SpacePage", null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="space",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        InlinePanel("memberships", heading=_("Members"), label=_("member")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        from .provisioning import provision

        super().save(*args, **kwargs)
        provision(self)

    def get_url(self, request=None):
        """The space's address: relative to the site of `request` when it
        is that site ("" while the space has no page)."""
        return self.page.get_url(request) if self.page else ""


class Membership(Orderable):
    """A person's place in a space, with the role that says what they may do
    there and how they want to hear about what is new."""

    class Role(models.TextChoices):
        PRESIDENT = "president", _("chair")
        MEMBER = "member", _("member")
        REFERENT = "referent", _("referent officer")
        GUEST = "guest", _("invited guest")

    class Notify(models.TextChoices):
        IMMEDIATELY = "immediately", _("immediately")
        DAILY = "daily", _("in a daily digest")
        NEVER = "never", _("never")

    space = ParentalKey(Space, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("space"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    notify = models.CharField(
        _("e-mail notifications"), max_length=20, choices=Notify.choices, default=Notify.IMMEDIATELY
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now, editable=False)
    digest_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True, editable=False)

    panels = [FieldPanel("user"), FieldPanel("role"), FieldPanel("notify")]

    class Meta(Orderable.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["space", "user"], name="commissions_one_membership")]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.get_role_display()})"

    @property
    def is_responsible(self):
        """Chairs and referent officers run the space: they publish, invite
        and see who has read what."""
        return self.role in RESPONSIBLE_ROLES


RESPONSIBLE_ROLES = frozenset({Membership.Role.PRESIDENT, Membership.Role.REFERENT})


class Publication(index.Indexed, ClusterableModel):
    """A text posted in a space, with attached documents that live in the
    space's private collection; members' first readings are recorded."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="publications", verbose_name=_("space"))
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"), blank=True, features=PUBLICATION_FEATURES)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("author"),
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now, db_index=True)

    panels = [
        FieldPanel("space"),
        FieldPanel("title"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("author"), FieldPanel("published_at")], heading=_("Author and date")),
        InlinePanel("attachments", heading=_("Attached documents"), label=_("document")),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("body"),
        index.FilterField("space"),
        index.FilterField("published_at"),
    ]

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return self.title

    def get_url(self, request=None):
        """The publication's address, like Space.get_url."""
        page = self.space.page
        return page.get_url(request) + page.reverse_subpage("publication", args=[self.pk]) if page else ""


class PublicationAttachment(Orderable):
    """A document attached to a publication (kept in the space's collection)."""

    publication = ParentalKey(Publication, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")


class Reading(models.Model):
    """A member's first reading of a publication (one row per person, which
    the unique constraint guarantees even when two requests race)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="readings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(_("first read at"), default=timezone.now)

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        constraints = [models.UniqueConstraint(fields=["publication", "user"], name="commissions_first_reading")]


class Comment(models.Model):
    """A member's comment under a publication."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")


class Reminder(models.Model):
    """A reminder e-mailed to the members who had not read a publication.
    The token comes from the form that sent it: a double click posts the
    same token twice, and the unique constraint makes the second a no-op."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="reminders")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    token = models.UUIDField(unique=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Neither accepted, revoked nor expired."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An outsider invited into one space by e-mail. Only a hash of the
    personal link's token is stored: a database leak gives no usable link."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REVOKED = "revoked", _("revoked")
        EXPIRED = "expired", _("expired")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("space"))
    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False,
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"), editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False, verbose_name=_("account"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False, verbose_name=_("revoked by"),
    )

    objects = InvitationQuerySet.as_manager()

    panels = [FieldPanel("space"), FieldPanel("email")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.space}"

    def new_token(self):
        """Gives the invitation a fresh secret and validity; returns the
        secret, which only the e-mail ever contains."""
        raw, self.token_hash = new_secret()
        self.created_at = timezone.now()
        self.expires_at = self.created_at + INVITATION_VALIDITY
        return raw

    @property
    def status(self):
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self):
        return self.Status(self.status).label

    get_status_display.short_description = _("status")


# The page types live in their own module; importing them here registers
# them with the app like any model of this module.
from .pages import SpaceIndexPage, SpacePage  # noqa: E402,F401
