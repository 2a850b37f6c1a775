"""What happens from the opening of a séance to the acts published: the
séance itself (president, secretaries, urgency ruling), arrivals and
departures, one Deliberation per item of the ordre du jour with its quorum
snapshot, ballot and votes, the register's yearly counter, the
procès-verbal and its workflow, the EPCI information copies and the
requests for a paper copy of an act. Acts are pages (pages.py)."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.storage import get_private_storage

from . import rules

USER = settings.AUTH_USER_MODEL


class Seance(models.Model):
    """The sitting of one meeting, held from the secretary's console: who
    presides, the secrétaire(s) de séance named at the opening (L2121-15),
    the council's ruling on urgency when the convocation invoked it
    (L2121-11/12), and the moments it opened, closed and its list of
    deliberations went online (L2121-25)."""

    meeting = models.OneToOneField(
        "meetings.MeetingPage", on_delete=models.CASCADE, related_name="seance", verbose_name=_("meeting")
    )
    president = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("president")
    )
    secretaries = models.ManyToManyField(USER, blank=True, related_name="+", verbose_name=_("secretaries"))
    reconvened = models.BooleanField(
        _("convened again after a failed quorum"), default=False,
        help_text=_("The council then deliberates whatever the number of members present (L2121-17)."),
    )
    urgency_reason = models.TextField(_("urgency stated in the convocation"), blank=True)
    urgency_accepted = models.BooleanField(_("urgency accepted by the council"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    list_published_at = models.DateTimeField(_("list of deliberations online since"), null=True, blank=True)
    quorum_failed_at = models.DateTimeField(
        _("quorum found lacking at"), null=True, blank=True,
        help_text=_("The séance could not be opened: the council is convened again (L2121-17)."),
    )

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")

    def __str__(self):
        return str(self.meeting)

    @property
    def is_open(self):
        return self.opened_at is not None and self.closed_at is None

    @property
    def in_roll_call(self):
        """The appel: members sign in before the president opens the séance."""
        return self.opened_at is None and self.quorum_failed_at is None

    @property
    def day(self):
        """The day of the séance: the one it was convened for."""
        return self.meeting.local_start.date()


class Movement(models.Model):
    """A member entering or leaving the room, with its time: the émargement
    is the first arrival. Who is present at a given moment is read from the
    latest movement of each member."""

    class Kind(models.TextChoices):
        ARRIVAL = "arrival", _("arrival")
        DEPARTURE = "departure", _("departure")

    seance = models.ForeignKey(Seance, on_delete=models.CASCADE, related_name="movements")
    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+", verbose_name=_("member"))
    kind = models.CharField(_("movement"), max_length=10, choices=Kind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("arrival or departure")
        verbose_name_plural = _("arrivals and departures")


class Ballot(models.TextChoices):
    ORDINARY = rules.Ballot.ORDINARY.value, _("show of hands")
    PUBLIC = rules.Ballot.PUBLIC.value, _("public ballot (names recorded)")
    SECRET = rules.Ballot.SECRET.value, _("secret ballot")


class Deliberation(models.Model):
    """One item of the ordre du jour as the council dealt with it: the
    report it was examined on, the quorum when it came up, the members
    withdrawn for a personal interest (L2131-11), the ballot and its result,
    its numbers in the register, and, once published, its open-data
    metadata (matière, budget) and its transmission to the préfecture."""

    class Status(models.TextChoices):
        PENDING = "pending", _("to be examined")
        VOTED = "voted", _("voted")
        NO_QUORUM = "no_quorum", _("not voted: no quorum")
        WITHDRAWN = "withdrawn", _("withdrawn by the president")
        POSTPONED = "postponed", _("postponed")
        NOT_EXAMINED = "not_examined", _("not examined")
        URGENCY_REJECTED = "urgency_rejected", _("urgency rejected: postponed to a later séance")

    class Outcome(models.TextChoices):
        # In context: the site's catalogue says « refusée » for a bare
        # "rejected", and it wins over this app's.
        ADOPTED = rules.Outcome.ADOPTED.value, pgettext_lazy("deliberation", "adopted")
        REJECTED = rules.Outcome.REJECTED.value, pgettext_lazy("deliberation", "rejected")

    seance = models.ForeignKey(Seance, on_delete=models.CASCADE, related_name="deliberations")
    item = models.OneToOneField(
        "meetings.AgendaItem", null=True, on_delete=models.SET_NULL, related_name="deliberation",
        verbose_name=_("agenda item"),
    )
    position = models.PositiveIntegerField(_("position in the agenda"))
    title = models.CharField(_("subject"), max_length=255)
    rapporteur = models.CharField(_("rapporteur"), max_length=150, blank=True)
    report = models.TextField(_("report"), blank=True, help_text=_("The report the council examined."))
    text = models.TextField(_("text of the deliberation"), blank=True)
    public_text = models.TextField(
        _("text to publish"), blank=True,
        help_text=_("The text as published: personal data the public does not need replaced (pseudonymisation)."),
    )
    pseudonymised_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("pseudonymisation checked by"),
    )
    discussion = models.TextField(_("substance of the discussions"), blank=True)
    # Open data (SCDL « Délibérations »): matière of the nomenclature Actes.
    matiere_code = models.CharField(_("subject code (nomenclature Actes)"), max_length=10, blank=True)
    matiere_name = models.CharField(_("subject name (nomenclature Actes)"), max_length=255, blank=True)
    budget_year = models.PositiveSmallIntegerField(_("budget year"), null=True, blank=True)
    budget_name = models.CharField(_("budget name"), max_length=255, blank=True)
    huis_clos = models.BooleanField(_("closed sitting (huis clos)"), default=False)
    huis_clos_requested_by = models.CharField(_("closed sitting asked by"), max_length=255, blank=True)
    public_requests = models.PositiveSmallIntegerField(_("members asking for a public ballot"), default=0)
    secret_requests = models.PositiveSmallIntegerField(_("members asking for a secret ballot"), default=0)
    nomination = models.BooleanField(_("nomination or presentation"), default=False)
    withdrawn_members = models.ManyToManyField(
        USER, blank=True, related_name="+", verbose_name=_("withdrawn for a personal interest")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    ballot = models.CharField(_("ballot"), max_length=10, choices=Ballot.choices, blank=True)
    outcome = models.CharField(_("result"), max_length=10, choices=Outcome.choices, blank=True)
    casting_vote = models.BooleanField(_("decided by the president's casting vote"), default=False)
    voted_at = models.DateTimeField(_("voted at"), null=True, blank=True)
    # Counts frozen when the item is voted (or found without quorum).
    in_office = models.PositiveSmallIntegerField(_("members in office"), default=0)
    present = models.PositiveSmallIntegerField(_("members present"), default=0)
    represented = models.PositiveSmallIntegerField(_("members represented"), default=0)
    voters = models.PositiveSmallIntegerField(_("voters"), default=0)
    pour = models.PositiveSmallIntegerField(_("for"), default=0)
    contre = models.PositiveSmallIntegerField(_("against"), default=0)
    abstention = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    not_voting = models.PositiveSmallIntegerField(_("not taking part"), default=0)
    # The register (L2121-23, R2121-9): numbered in the séance and in the year.
    number_in_seance = models.PositiveSmallIntegerField(_("number in the séance"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    number_in_year = models.PositiveIntegerField(_("number in the year"), null=True, blank=True)
    register = models.ForeignKey(
        "meetings.Instance", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("register"),
    )
    # Contrôle de légalité (connector.py).
    prefecture_id = models.CharField(_("préfecture acknowledgement"), max_length=100, blank=True)
    transmitted_at = models.DateTimeField(_("transmitted to the préfecture at"), null=True, blank=True)

    class Meta:
        ordering = ["seance", "position"]
        verbose_name = _("deliberation")
        verbose_name_plural = _("deliberations")
        constraints = [
            models.UniqueConstraint(fields=["seance", "number_in_seance"], name="deliberations_number_in_seance"),
            models.UniqueConstraint(fields=["register", "year", "number_in_year"], name="deliberations_number_in_year"),
        ]

    def __str__(self):
        return self.title

    @property
    def reference(self):
        """The register number, as printed on the act: year-number."""
        return f"{self.year}-{self.number_in_year:03d}" if self.number_in_year else ""

    @property
    def is_adopted(self):
        return self.outcome == self.Outcome.ADOPTED

    @property
    def voices(self):
        """How many voices the recorded vote counted (every ballot)."""
        return self.pour + self.contre + self.abstention + self.not_voting

    # What the secretary may say of an item not voted when the séance closes.
    CLOSING_FATES = (Status.POSTPONED, Status.WITHDRAWN, Status.NOT_EXAMINED)

    def clean(self):
        """An adopted deliberation keeps its text: the act is that text
        (the service refuses the vote itself, this guards later edits)."""
        if self.is_adopted and not self.text.strip():
            raise ValidationError({"text": TEXT_REQUIRED})


TEXT_REQUIRED = _("A deliberation cannot be adopted without its text: fill in “Text of the deliberation”.")


class VoteCorrection(models.Model):
    """A recorded vote corrected by the secretary before the séance closed:
    what it said, what it says now and why, never changed nor deleted (the
    audit trail of the vote; the act keeps its number)."""

    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="corrections")
    at = models.DateTimeField(_("corrected at"), default=timezone.now)
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by"))
    reason = models.TextField(_("reason for the correction"))
    before = models.TextField(_("vote before"))
    after = models.TextField(_("vote after"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("vote correction")
        verbose_name_plural = _("vote corrections")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A vote correction is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A vote correction is never deleted.")


class Vote(models.Model):
    """How one member voted on one item (show of hands and public ballot;
    a secret ballot stores totals only). A member represented by a pouvoir
    votes through its holder."""

    class Choice(models.TextChoices):
        POUR = "pour", _("for")
        CONTRE = "contre", _("against")
        ABSTENTION = "abstention", _("abstention")
        NOT_VOTING = "nppp", _("does not take part")

    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+", verbose_name=_("member"))
    holder = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by pouvoir to")
    )
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)

    class Meta:
        ordering = ["member__last_name", "member__first_name"]
        constraints = [models.UniqueConstraint(fields=["deliberation", "member"], name="deliberations_one_vote")]


class RegisterCounter(models.Model):
    """The last number given in one register (an instance) for one year:
    incremented by a single UPDATE inside the vote's transaction, so numbers
    follow each other without a gap, even when two votes are recorded at
    the same moment."""

    register = models.ForeignKey("meetings.Instance", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["register", "year"], name="deliberations_one_counter")]


class ProcesVerbal(models.Model):
    """The minutes of a séance (L2121-15), drafted from what the console
    recorded; the secretary adds the substance of the discussions. Adopted
    at the next séance, signed (the signed PDF is uploaded), then published
    within a week of its adoption: `document` is the public version,
    `complete_document` the signed one, private to the members."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ADOPTED = "adopted", _("adopted")
        SIGNED = "signed", _("signed")
        PUBLISHED = "published", _("published")

    seance = models.OneToOneField(Seance, on_delete=models.CASCADE, related_name="proces_verbal")
    discussions = models.TextField(_("substance of the discussions"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    adopted_at = models.ForeignKey(
        "meetings.MeetingPage", null=True, blank=True, on_delete=models.PROTECT, related_name="adopted_minutes",
        verbose_name=_("adopted at the meeting of"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    signed_file = models.FileField(
        _("signed PDF"), storage=get_private_storage, upload_to="proces-verbaux/", blank=True
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("published document"),
    )
    complete_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("complete document (members)"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("procès-verbal")
        verbose_name_plural = _("procès-verbaux")

    def __str__(self):
        return str(self.seance)


class InformationCopy(models.Model):
    """The copy of the list of deliberations, or of the adopted
    procès-verbal, owed to the councillors of member communes who do not sit
    in the EPCI council (L5211-40-2), with its one-month deadline."""

    class Kind(models.TextChoices):
        LIST = "list", _("list of deliberations")
        MINUTES = "minutes", _("procès-verbal")

    seance = models.ForeignKey(Seance, on_delete=models.CASCADE, related_name="information_copies")
    kind = models.CharField(_("copy of"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("copy for information")
        verbose_name_plural = _("copies for information")
        constraints = [models.UniqueConstraint(fields=["seance", "kind"], name="deliberations_one_copy")]


class CopyRequest(models.Model):
    """A person asking for a paper copy of a published act (L2121-26):
    staff handle it and mark it done."""

    act = models.ForeignKey("deliberations.ActPage", on_delete=models.CASCADE, related_name="copy_requests")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    postal_address = models.TextField(_("postal address"))
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("paper copy request")
        verbose_name_plural = _("paper copy requests")


from .pages import ActIndexPage, ActPage  # noqa: E402,F401
