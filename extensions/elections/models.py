"""The shape of an election night in a commune: a scrutin (one round of one
election, on one site), the bureaux de vote of the site, the lists or
candidates in panel order, and per bureau the figures of its PV with the
voix of each candidature, its status and its corrections.

Interco consolidation (not built): each commune's scrutin stays on its own
site with its own bureaux; a communautaire view will gather the scrutins of
the member communes' sites that share (kind, day, round) — the natural key
`election_key` below — and add up their validated bureaux. Nothing here
assumes one commune per instance."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.storage import get_private_storage


class Scrutin(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALES = "municipales", _("Municipal elections")
        COMMUNAUTAIRES = "communautaires", _("Community council elections")
        LEGISLATIVES = "legislatives", _("Legislative elections")
        EUROPEENNES = "europeennes", _("European elections")
        PRESIDENTIELLE = "presidentielle", _("Presidential election")
        DEPARTEMENTALES = "departementales", _("Departmental elections")
        REGIONALES = "regionales", _("Regional elections")
        REFERENDUM_LOCAL = "referendum_local", _("Local referendum")

    class Round(models.IntegerChoices):
        FIRST = 1, _("first round")
        SECOND = 2, _("second round")

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="scrutins")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    day = models.DateField(_("day of the vote"))
    round = models.PositiveSmallIntegerField(_("round"), choices=Round.choices, default=Round.FIRST)
    first_round = models.ForeignKey(
        "self", verbose_name=_("first round"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="second_rounds", help_text=_("For a second round: the first round it follows."))
    commune_code = models.CharField(_("INSEE code of the commune"), max_length=5)
    commune_name = models.CharField(_("commune"), max_length=100)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True,
                                             help_text=_("Municipal population (sets the ballot)."))
    seats = models.PositiveSmallIntegerField(_("seats to fill"), null=True, blank=True,
                                             help_text=_("For list elections: the seats of the council."))
    bureaux = models.ManyToManyField("elections.BureauDeVote", verbose_name=_("bureaux de vote"),
                                     related_name="scrutins")

    class Meta:
        verbose_name = _("scrutin")
        verbose_name_plural = _("scrutins")
        ordering = ["-day", "kind", "round"]
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "day", "round"], name="one_scrutin_per_round"),
        ]

    def __str__(self):
        return f"{self.title} – {self.get_round_display()}"

    @property
    def election_key(self):
        """What the same election on several sites shares (see the module)."""
        return (self.kind, self.day, self.round)

    def ordered_candidatures(self):
        return self.candidatures.order_by("panel")


class BureauDeVote(models.Model):
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="bureaux_de_vote")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=250, blank=True)
    inscrits = models.PositiveIntegerField(_("registered voters"), default=0,
                                           help_text=_("From the électoral list closed for the scrutin."))

    class Meta:
        verbose_name = _("bureau de vote")
        verbose_name_plural = _("bureaux de vote")
        ordering = ["site", "number"]
        constraints = [models.UniqueConstraint(fields=["site", "number"], name="one_bureau_number_per_site")]

    def __str__(self):
        return f"{self.number} – {self.name}"

    @property
    def code(self):
        """« Code du b.vote » of the Ministry's files: four digits."""
        return f"{self.number:04d}"


class Candidature(models.Model):
    """A list (list elections) or a candidate, in the order of the panels."""

    scrutin = models.ForeignKey(Scrutin, on_delete=models.CASCADE, related_name="candidatures")
    panel = models.PositiveSmallIntegerField(_("panel number"))
    name = models.CharField(_("name"), max_length=200, help_text=_("Name of the list or of the candidate."))
    head = models.CharField(_("head of list"), max_length=150, blank=True)
    nuance = models.CharField(_("nuance"), max_length=10, blank=True,
                              help_text=_("Political nuance given by the préfecture, if known."))
    candidates_birth_dates = models.JSONField(
        _("birth dates of the candidates"), default=list, blank=True,
        help_text=_("In list order (ISO dates): they settle ties at the highest average (L262)."))

    class Meta:
        verbose_name = _("list or candidate")
        verbose_name_plural = _("lists or candidates")
        ordering = ["scrutin", "panel"]
        constraints = [models.UniqueConstraint(fields=["scrutin", "panel"], name="one_candidature_per_panel")]

    def __str__(self):
        return f"{self.panel}. {self.name}"


class BureauResult(models.Model):
    """The PV of one bureau for one scrutin. `version` grows at each save:
    a form carries the version it was opened at and is refused when it
    changed in between (optimistic locking)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        VALIDATED = "validated", _("validated")

    scrutin = models.ForeignKey(Scrutin, on_delete=models.CASCADE, related_name="results")
    bureau = models.ForeignKey(BureauDeVote, on_delete=models.PROTECT, related_name="results")
    participation_12h = models.PositiveIntegerField(_("voters at 12 h"), null=True, blank=True)
    participation_17h = models.PositiveIntegerField(_("voters at 17 h"), null=True, blank=True)
    inscrits = models.PositiveIntegerField(_("registered voters"), null=True, blank=True)
    votants = models.PositiveIntegerField(_("voters"), null=True, blank=True)
    emargements = models.PositiveIntegerField(_("signatures"), null=True, blank=True)
    blancs = models.PositiveIntegerField(_("blank ballots"), null=True, blank=True)
    nuls = models.PositiveIntegerField(_("void ballots"), null=True, blank=True)
    gap_reason = models.TextField(_("reason for the gap"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    pv = models.FileField(_("signed PV"), storage=get_private_storage, upload_to="elections/pv/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    validated_at = models.DateTimeField(null=True, blank=True)
    validated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        verbose_name = _("result of a bureau")
        verbose_name_plural = _("results of the bureaux")
        ordering = ["scrutin", "bureau__number"]
        constraints = [models.UniqueConstraint(fields=["scrutin", "bureau"], name="one_result_per_bureau")]

    def __str__(self):
        return f"{self.scrutin} – {self.bureau}"

    @property
    def exprimes(self):
        from .rules import exprimes

        if None in (self.votants, self.blancs, self.nuls):
            return None
        return exprimes(self.votants, self.blancs, self.nuls)

    def voix_by_candidature(self):
        return {vote.candidature_id: vote.voix for vote in self.voix.all()}

    def snapshot(self):
        """The figures as the audit trail keeps them."""
        return {
            "inscrits": self.inscrits, "votants": self.votants, "emargements": self.emargements,
            "blancs": self.blancs, "nuls": self.nuls, "gap_reason": self.gap_reason,
            "participation_12h": self.participation_12h, "participation_17h": self.participation_17h,
            "status": self.status,
            "voix": {str(panel): voix for panel, voix in self.voix.values_list("candidature__panel", "voix")},
        }


class Voix(models.Model):
    result = models.ForeignKey(BureauResult, on_delete=models.CASCADE, related_name="voix")
    candidature = models.ForeignKey(Candidature, on_delete=models.CASCADE, related_name="voix")
    voix = models.PositiveIntegerField(_("votes"))

    class Meta:
        verbose_name = _("votes")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["result", "candidature"], name="one_count_per_candidature")]


class Correction(models.Model):
    """A validated result changed afterwards: the figures before, who, when,
    why. Never edited nor deleted."""

    result = models.ForeignKey(BureauResult, on_delete=models.CASCADE, related_name="corrections")
    replaced_version = models.PositiveIntegerField()
    previous = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reason for the correction"))

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["result", "made_at"]


from .pages import ElectionIndexPage, ElectionResultsPage  # noqa: E402,F401
