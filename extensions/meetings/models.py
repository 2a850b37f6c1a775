"""Instances (the bodies that meet), their members' mandates, and what
happens around one meeting: the recipients of its convocation, each
version of the convocation with its sealed manifest, the deliveries per
member and version, the answers and pouvoirs, and an append-only audit
trail. The meeting page itself lives in pages.py."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.links import new_secret

from . import rules


class Instance(ClusterableModel):
    """A body that meets and is convened: a conseil municipal, a conseil
    communautaire, a bureau or a commission. Its kind, population and the
    choices of its règlement intérieur are data here, read by rules.py."""

    class Kind(models.TextChoices):
        COMMUNE = rules.COMMUNE, _("municipal council")
        EPCI = rules.EPCI, _("community council (EPCI)")
        COMMISSION = rules.COMMISSION, _("commission or bureau")

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind of body"), max_length=20, choices=Kind.choices, default=Kind.COMMUNE)
    population = models.PositiveIntegerField(
        _("population totale (latest authenticated figures)"), default=0,
        help_text=_("The population totale of the latest figures authenticated by decree (INSEE, in force on "
                    "1 January), the figure the laws refer to (R2151-2): it decides the délai and the note de "
                    "synthèse at 3,500 inhabitants (L2121-11, L2121-12)."),
    )
    renewal_date = models.DateField(
        _("date of the last general renewal"), null=True, blank=True,
        help_text=_("Day of the election round at which the council was elected in full: its first meeting "
                    "afterwards is convened three clear days ahead from 3,500 inhabitants (L2121-7). Never for "
                    "an EPCI council."),
    )
    space = models.ForeignKey(
        "commissions.Space", null=True, blank=True, on_delete=models.SET_NULL, related_name="instances",
        verbose_name=_("private space"),
        help_text=_("Its members see the instance's private meetings and documents."),
    )
    # Choices of the règlement intérieur.
    commission_notice_days = models.PositiveSmallIntegerField(
        _("notice for a commission (clear days)"), default=3,
        help_text=_("Commissions have no legal notice: the règlement intérieur sets it."),
    )
    answer_deadline_hours = models.PositiveSmallIntegerField(
        _("answers accepted until (hours before the meeting)"), default=2
    )
    reminder_delay_hours = models.PositiveSmallIntegerField(
        _("reminder to members who have not opened it, after (hours)"), default=48,
        help_text=_("0: no automatic reminder."),
    )
    convocation_text = models.TextField(
        _("convocation text"), blank=True,
        help_text=_("Opening of each convocation; the place, date, hour and ordre du jour follow."),
    )
    signatory = models.CharField(
        _("convened by"), max_length=150, blank=True, help_text=_("e.g. Le maire, Jean Dupont")
    )
    # Derived by documents.provision() after every save: who may read the
    # documents of this instance's meetings, and where they live.
    documents_group = models.ForeignKey(
        "auth.Group", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+",
    )
    documents_collection = models.ForeignKey(
        "wagtailcore.Collection", null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("population"), FieldPanel("renewal_date")]),
        FieldPanel("space"),
        MultiFieldPanel(
            [
                FieldPanel("commission_notice_days"),
                FieldPanel("answer_deadline_hours"),
                FieldPanel("reminder_delay_hours"),
                FieldPanel("convocation_text"),
                FieldPanel("signatory"),
            ],
            heading=_("Règlement intérieur"),
        ),
        InlinePanel("mandates", heading=_("Members"), label=_("mandate")),
        InlinePanel("information_recipients", heading=_("Copies for information"), label=_("recipient")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("instance")
        verbose_name_plural = _("instances")

    def __str__(self):
        return self.name

    @property
    def body(self):
        """What rules.py needs to know about this instance (the population
        totale of the latest authenticated figures)."""
        return rules.Body(kind=self.kind, population=self.population,
                          commission_notice_days=self.commission_notice_days)


class MandateQuerySet(models.QuerySet):
    def in_office(self, day):
        """Mandates running on `day` (a date)."""
        return self.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))


class Mandate(Orderable):
    """A person's seat in an instance from `start` to `end` (open-ended
    while running), with an optional suppléant and the way they want their
    convocations (electronically by default, on paper on request, L2121-10)."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        PAPER = "paper", _("paper, by post")

    instance = ParentalKey(Instance, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("instance"))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("member")
    )
    role = models.CharField(_("role"), max_length=100, blank=True, help_text=_("e.g. maire, adjoint, conseiller"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    suppleant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="suppleances",
        verbose_name=_("suppléant"),
    )
    channel = models.CharField(_("convocation by"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    postal_address = models.TextField(_("postal address"), blank=True)

    objects = MandateQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("member"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("suppleant"),
        FieldRowPanel([FieldPanel("channel"), FieldPanel("postal_address")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")

    def __str__(self):
        return f"{self.member.get_full_name() or self.member.get_username()} — {self.instance}"

    def clean(self):
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("A mandate cannot end before it starts.")})
        if self.channel == self.Channel.PAPER and not self.postal_address.strip():
            raise ValidationError({"postal_address": _("Give the address to post the convocations to.")})


class InformationRecipient(Orderable):
    """A municipal councillor of a member commune who does not sit on the
    EPCI council: receives a copy of each convocation, for information
    (L5211-40-2); no answer expected."""

    instance = ParentalKey(
        Instance, on_delete=models.CASCADE, related_name="information_recipients", verbose_name=_("instance")
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    commune = models.CharField(_("commune"), max_length=150, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("email"), FieldPanel("commune")])]

    class Meta(Orderable.Meta):
        verbose_name = _("copy for information")
        verbose_name_plural = _("copies for information")

    def __str__(self):
        return self.name


class Recipient(models.Model):
    """One person convened to one meeting, fixed when the meeting becomes
    « prête » (the list is then locked): their channel, what they did with
    the convocation and their answer. A member's rows are unique."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        PAPER = "paper", _("paper, by post")
        INFORMATION = "information", _("copy for information")

    class Answer(models.TextChoices):
        NONE = "", _("no answer yet")
        PRESENT = "present", _("present")
        EXCUSED = "excused", _("excused")
        ABSENT = "absent", _("absent")
        POUVOIR = "pouvoir", _("gives a pouvoir")
        SUPPLEANT = "suppleant", _("replaced by the suppléant")

    meeting = models.ForeignKey(
        "meetings.MeetingPage", on_delete=models.CASCADE, related_name="recipients", verbose_name=_("meeting")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="convocations",
        verbose_name=_("member"),
    )
    mandate = models.ForeignKey(Mandate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices, default=Channel.EMAIL)
    postal_address = models.TextField(_("postal address"), blank=True)
    first_opened_at = models.DateTimeField(_("first opened at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices, blank=True, default="")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="meetings_one_recipient_per_member"),
        ]

    def __str__(self):
        return self.name

    @property
    def expects_answer(self):
        return self.channel != self.Channel.INFORMATION


class Convocation(models.Model):
    """One version of a meeting's convocation: version 1 when it is sent,
    a new version each time a document or an item changes afterwards (and
    one marking the cancellation). The manifest says who was convened by
    which channel with which text and the SHA-256 of every document; it is
    stored as the exact bytes that were sealed."""

    class Reason(models.TextChoices):
        INITIAL = "initial", _("convocation")
        UPDATE = "update", _("modification")
        CANCEL = "cancel", _("cancellation")

    meeting = models.ForeignKey(
        "meetings.MeetingPage", on_delete=models.CASCADE, related_name="convocations", verbose_name=_("meeting")
    )
    version = models.PositiveIntegerField(_("version"))
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices, default=Reason.INITIAL)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("sent by"),
    )
    manifest = models.TextField(_("manifest"), editable=False)
    manifest_sha256 = models.CharField(_("manifest SHA-256"), max_length=64, editable=False)
    signature = models.CharField(_("server signature"), max_length=128, editable=False)
    timestamp_token = models.TextField(_("RFC 3161 timestamp (base64)"), blank=True, editable=False)

    class Meta:
        ordering = ["meeting", "version"]
        verbose_name = _("convocation")
        verbose_name_plural = _("convocations")
        constraints = [models.UniqueConstraint(fields=["meeting", "version"], name="meetings_one_version")]
        permissions = [("send_convocation", "Can prepare and send convocations")]

    def __str__(self):
        return f"{self.meeting} — v{self.version}"


class Delivery(models.Model):
    """One message of one convocation version to one recipient. The row is
    unique per (recipient, version) and claimed (pending → sending) in one
    UPDATE before the message leaves, so a retry or a second task never
    sends it twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("accepted by the mail server")
        FAILED = "failed", _("failed")
        TO_POST = "to_post", _("to be posted")
        POSTED = "posted", _("posted")
        LATE = "late", _("not sent: délai no longer met")

    convocation = models.ForeignKey(Convocation, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    message_id = models.CharField(_("message id"), max_length=255, blank=True)
    error = models.TextField(_("last error"), blank=True)
    posted_on = models.DateField(_("posted on"), null=True, blank=True)

    class Meta:
        ordering = ["recipient__name", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["convocation", "recipient"], name="meetings_one_delivery_per_version"),
        ]


class ItemNotice(models.Model):
    """When an item of the ordre du jour first left for the members: with
    the convocation, or later with a complément (a new version). Its délai
    is counted from `sent_on` (a day in Paris), whatever was sent before:
    workflow.item_may_be_voted() reads it. Kept apart from the item, which
    page revisions rewrite."""

    item = models.OneToOneField("meetings.AgendaItem", on_delete=models.CASCADE, related_name="notice")
    convocation = models.ForeignKey(Convocation, on_delete=models.CASCADE, related_name="item_notices")
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("sending of an item")
        verbose_name_plural = _("sendings of items")


class DocumentDownload(models.Model):
    """A recipient's first download of one document of the meeting."""

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey(settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.CASCADE, related_name="+")
    downloaded_at = models.DateTimeField(_("first downloaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("first download")
        verbose_name_plural = _("first downloads")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "document"], name="meetings_first_download"),
        ]


class ReadingCopy(models.Model):
    """The PDF made from an ODT or DOCX document of an ordre du jour, for
    reading on a phone (reading_copies.py). The PDF is itself a library
    document kept in the original's collection, so the same people may read
    it; the original stays downloadable. `source_sha1` is the original's
    file it was made from; `error` says why a file could not be converted."""

    original = models.OneToOneField(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.CASCADE, related_name="reading_copy",
    )
    pdf = models.OneToOneField(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    source_sha1 = models.CharField(max_length=40, blank=True, editable=False)
    error = models.CharField(_("conversion failure"), max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = _("PDF reading copy")
        verbose_name_plural = _("PDF reading copies")


class PouvoirQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(revoked_at__isnull=True)


class Pouvoir(models.Model):
    """A written pouvoir (L2121-20): a member of the instance asks another
    member to vote in their name at the named meetings. Revocable at any
    time; the holder is told."""

    instance = models.ForeignKey(Instance, on_delete=models.CASCADE, related_name="pouvoirs")
    giver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pouvoirs_given",
                              verbose_name=_("given by"))
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pouvoirs_held",
                               verbose_name=_("held by"))
    meetings = models.ManyToManyField("meetings.MeetingPage", related_name="pouvoirs", verbose_name=_("meetings"))
    illness = models.BooleanField(_("illness duly established"), default=False)
    created_at = models.DateTimeField(_("given at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = PouvoirQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pouvoir")
        verbose_name_plural = _("pouvoirs")

    def __str__(self):
        return f"{self.giver} → {self.holder}"


class AuditEvent(models.Model):
    """One event in a meeting's life, never changed nor deleted: prepared,
    sent, failed, opened, downloaded, acknowledged, answered, modified,
    re-sent... Shown in the admin and exported with the attestation."""

    class Kind(models.TextChoices):
        PREPARED = "prepared", _("recipient list locked")
        SENT = "sent", _("convocation sent")
        DELIVERED = "delivered", _("accepted by the mail server")
        FAILED = "failed", _("sending failed")
        LATE = "late", _("not sent: délai no longer met")
        POSTED = "posted", _("posted")
        OPENED = "opened", _("opened")
        DOWNLOADED = "downloaded", _("document downloaded")
        ACKNOWLEDGED = "acknowledged", _("receipt acknowledged")
        ANSWERED = "answered", _("answered")
        POUVOIR_REVOKED = "pouvoir_revoked", _("pouvoir revoked")
        MODIFIED = "modified", _("modified after sending")
        RESENT = "resent", _("re-sent")
        REMINDED = "reminded", _("reminded")
        OPENED_SEANCE = "seance_opened", _("séance opened")
        CLOSED = "closed", _("closed")
        CANCELLED = "cancelled", _("cancelled")

    meeting = models.ForeignKey("meetings.MeetingPage", on_delete=models.CASCADE, related_name="audit_events")
    recipient = models.ForeignKey(Recipient, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("by"),
    )
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The audit trail is append-only.")


class FeedToken(models.Model):
    """The secret of a member's private iCal feed: only its hash is stored;
    revoking it (or asking for a new one) kills the old address."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_feeds")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    @classmethod
    def issue(cls, user):
        """Revokes the user's feeds and returns a new secret."""
        cls.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        raw, token_hash = new_secret()
        cls.objects.create(user=user, token_hash=token_hash)
        return raw


# The page types live in their own module; importing them here registers
# them with the app like any model of this module.
from .pages import MeetingIndexPage, MeetingPage, AgendaItem  # noqa: E402,F401
