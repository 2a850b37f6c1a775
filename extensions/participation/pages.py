"""The contest page: its règlement, categories, dates, limits, eligibility
and voting rules as the organiser edits them, and the public routes of the
contest (rules, entry form, gallery, entry pages with the vote, results)."""
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from . import rules

GALLERY_PER_PAGE = 24


class ContestCategory(Orderable):
    """A category of a contest (adults, under 18, a theme...), with the
    ages it is open to."""

    contest = ParentalKey("participation.ContestPage", on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)

    panels = [
        FieldPanel("name"), FieldPanel("description"), FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def accepts_age(self, age):
        return (self.min_age is None or age >= self.min_age) and (self.max_age is None or age <= self.max_age)


class JuryCriterion(Orderable):
    """A criterion the jury scores each entry on, out of `max_score`."""

    contest = ParentalKey("participation.ContestPage", on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("max_score")]

    class Meta(Orderable.Meta):
        verbose_name = _("jury criterion")
        verbose_name_plural = _("jury criteria")

    def __str__(self):
        return self.name


class ContestPageForm(WagtailAdminPageForm):
    """Refuses to remove a category or criterion that entries or scores
    already use (the database would refuse it later, less kindly)."""

    def clean(self):
        cleaned = super().clean()
        for relation, used_by, message in (
            ("categories", "entries", _("The category “%(name)s” has entries: it cannot be removed.")),
            ("criteria", "scores", _("The criterion “%(name)s” has jury scores: it cannot be removed.")),
        ):
            for form in self.formsets[relation].forms:
                instance = form.instance
                if form.is_valid() and form.cleaned_data.get("DELETE") and instance.pk and \
                        getattr(instance, used_by).exists():
                    self.add_error(None, message % {"name": instance.name})
        return cleaned


class ContestPage(RoutablePageMixin, Page):
    """A photo contest: its règlement (versioned), categories, dates,
    limits, eligibility, voting rules and retention period. Its sub-pages
    are routes: rules, entry form, gallery, one page per entry, results."""

    class VotingMode(models.TextChoices):
        PUBLIC = "public", _("public vote only")
        JURY = "jury", _("jury only")
        BOTH = "both", _("jury and public vote, weighted")

    class VoteScope(models.TextChoices):
        ALL = "all", _("all approved entries")
        SHORTLIST = "shortlist", _("the entries shortlisted by the jury")

    class VoteLimit(models.TextChoices):
        PER_ENTRY = "entry", _("one vote per e-mail address for each photo")
        PER_CATEGORY = "category", _("one vote per e-mail address in each category")

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    organiser = models.CharField(
        _("organiser"), max_length=200, help_text=_("Named in the licence that authors grant.")
    )
    rules = RichTextField(_("rules"), help_text=_("Each change, once published, becomes a new numbered version."))
    rules_document = models.ForeignKey(
        get_document_model_string(), verbose_name=_("PDF of the rules"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    submissions_open = models.DateTimeField(_("submissions open"))
    submissions_close = models.DateTimeField(_("submissions close"))
    shortlist_date = models.DateTimeField(_("shortlist announced"), null=True, blank=True)
    vote_open = models.DateTimeField(_("public vote opens"), null=True, blank=True)
    vote_close = models.DateTimeField(_("public vote closes"), null=True, blank=True)
    results_date = models.DateTimeField(_("results published"))
    max_entries_per_person = models.PositiveSmallIntegerField(_("photos per person"), default=3)
    max_entries_per_category = models.PositiveSmallIntegerField(_("photos per person and category"), default=1)
    max_file_size_mb = models.PositiveSmallIntegerField(
        _("maximum file size (MB)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    min_long_side = models.PositiveIntegerField(
        _("minimum resolution (pixels on the longest side)"), default=1600,
        validators=[MinValueValidator(200), MaxValueValidator(8000)],
    )
    residence_communes = models.TextField(
        _("communes of residence accepted"), blank=True,
        help_text=_("One per line. Leave empty to open the contest to everyone."),
    )
    excluded_email_domains = models.TextField(
        _("e-mail domains of the organiser's staff"), blank=True,
        help_text=_("One per line (for example val-aurele.fr): their addresses cannot take part."),
    )
    jury = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("jury members"), blank=True, related_name="juried_contests",
        help_text=_("Publishing the contest lets them into the admin (group Jury), to score entries only."),
    )
    voting_mode = models.CharField(_("voting mode"), max_length=10, choices=VotingMode.choices,
                                   default=VotingMode.BOTH)
    jury_weight = models.PositiveSmallIntegerField(_("weight of the jury"), default=50)
    public_weight = models.PositiveSmallIntegerField(_("weight of the public vote"), default=50)
    vote_scope = models.CharField(_("the public votes on"), max_length=10, choices=VoteScope.choices,
                                  default=VoteScope.ALL)
    vote_limit = models.CharField(
        _("vote limit"), max_length=10, choices=VoteLimit.choices, default=VoteLimit.PER_ENTRY,
        help_text=_("Do not change it once the vote has opened."),
    )
    voters_list_required = models.BooleanField(
        _("only addresses on the list of voters may vote"), default=False,
        help_text=_("The list is managed in Participation › Contests."),
    )
    hide_counts = models.BooleanField(_("hide vote counts until the results"), default=True)
    winners_per_category = models.PositiveSmallIntegerField(_("winners per category"), default=3,
                                                            validators=[MinValueValidator(1)])
    retention_days = models.PositiveSmallIntegerField(
        _("retention of personal data (days after the results)"), default=365,
        help_text=_("Then participants' and voters' personal data are purged."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"), FieldPanel("organiser"),
        MultiFieldPanel([FieldPanel("rules"), FieldPanel("rules_document")], heading=_("Rules")),
        InlinePanel("categories", heading=_("Categories"), min_num=1),
    ]
    contest_panels = [
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("submissions_open"), FieldPanel("submissions_close")]),
            FieldPanel("shortlist_date"),
            FieldRowPanel([FieldPanel("vote_open"), FieldPanel("vote_close")]),
            FieldPanel("results_date"),
        ], heading=_("Dates")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("max_entries_per_person"), FieldPanel("max_entries_per_category")]),
            FieldRowPanel([FieldPanel("max_file_size_mb"), FieldPanel("min_long_side")]),
        ], heading=_("Limits")),
        MultiFieldPanel([FieldPanel("residence_communes"), FieldPanel("excluded_email_domains")],
                        heading=_("Eligibility")),
        FieldPanel("retention_days"),
    ]
    vote_panels = [
        MultiFieldPanel([
            FieldPanel("voting_mode"),
            FieldRowPanel([FieldPanel("jury_weight"), FieldPanel("public_weight")]),
            FieldPanel("vote_scope"), FieldPanel("vote_limit"), FieldPanel("voters_list_required"),
            FieldPanel("hide_counts"), FieldPanel("winners_per_category"),
        ], heading=_("Vote")),
        FieldPanel("jury"),
        InlinePanel("criteria", heading=_("Jury criteria")),
    ]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Content")),
        ObjectList(contest_panels, heading=_("Dates and limits")),
        ObjectList(vote_panels, heading=_("Vote and jury")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ])
    base_form_class = ContestPageForm
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = []
    template = "participation/contest_page.html"

    class Meta:
        verbose_name = _("photo contest")

    # ----- rules of the contest -----

    def clean(self):
        super().clean()
        errors = {}
        if self.submissions_open and self.submissions_close and self.submissions_close <= self.submissions_open:
            errors["submissions_close"] = _("Submissions must close after they open.")
        if self.has_public_vote:
            if not (self.vote_open and self.vote_close):
                errors["vote_open"] = _("A public vote needs its opening and closing dates.")
            elif self.vote_close <= self.vote_open:
                errors["vote_close"] = _("The vote must close after it opens.")
            elif self.results_date and self.vote_close > self.results_date:
                errors["results_date"] = _("Results cannot be published before the vote closes.")
        if self.vote_scope == self.VoteScope.SHORTLIST and self.shortlist_date and self.vote_open and \
                self.shortlist_date > self.vote_open:
            errors["shortlist_date"] = _("The public votes on the shortlist: announce it before the vote opens.")
        if self.submissions_close and self.results_date and self.results_date < self.submissions_close:
            errors["results_date"] = _("Results cannot be published before submissions close.")
        if self.voting_mode == self.VotingMode.BOTH and not (self.jury_weight + self.public_weight):
            errors["jury_weight"] = _("Give the jury or the public a weight above zero.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_public_vote(self):
        return self.voting_mode in (self.VotingMode.PUBLIC, self.VotingMode.BOTH)

    @property
    def has_jury(self):
        return self.voting_mode in (self.VotingMode.JURY, self.VotingMode.BOTH)

    def weights(self):
        """(jury, public) weights of the final score."""
        return {
            self.VotingMode.PUBLIC: (0, 1), self.VotingMode.JURY: (1, 0),
        }.get(self.voting_mode, (self.jury_weight, self.public_weight))

    def accepts_submissions(self, now=None):
        return rules.is_open(now or timezone.now(), self.submissions_open, self.submissions_close)

    def accepts_votes(self, now=None):
        return self.has_public_vote and rules.is_open(now or timezone.now(), self.vote_open, self.vote_close)

    def results_published(self, now=None):
        return (now or timezone.now()) >= self.results_date

    def shortlist_announced(self, now=None):
        """May visitors see which entries are shortlisted?"""
        announced = self.shortlist_date or (self.vote_open if self.vote_scope == self.VoteScope.SHORTLIST else None)
        return announced is not None and (now or timezone.now()) >= announced

    def counts_visible(self, now=None):
        return self.has_public_vote and (not self.hide_counts or self.results_published(now))

    def phase(self, now=None):
        """Where the contest stands, for the visitor: "upcoming",
        "submissions", "vote", "deliberation" or "results"."""
        now = now or timezone.now()
        if self.results_published(now):
            return "results"
        if self.accepts_votes(now):
            return "vote"
        if self.accepts_submissions(now):
            return "submissions"
        return "upcoming" if now < self.submissions_open else "deliberation"

    def communes(self):
        return rules.lines(self.residence_communes)

    def jury_emails(self):
        return list(self.jury.exclude(email="").values_list("email", flat=True))

    def is_excluded(self, email):
        return rules.excluded_email(email, rules.lines(self.excluded_email_domains), self.jury_emails())

    def current_rules(self):
        """The version of the rules now in force, taken anew when the text
        or the PDF has changed since the last version."""
        from .models import RulesVersion

        fingerprint = hashlib.sha256(f"{self.rules}\x00{self.rules_document_id}".encode()).hexdigest()
        latest = self.rules_versions.first()
        if latest and latest.fingerprint == fingerprint:
            return latest
        try:
            with transaction.atomic():
                return RulesVersion.objects.create(
                    contest=self, number=(latest.number + 1) if latest else 1, text=self.rules,
                    document_id=self.rules_document_id, fingerprint=fingerprint,
                )
        except IntegrityError:  # taken by a simultaneous request
            return self.rules_versions.first()

    # ----- entries -----

    def approved_entries(self):
        from .models import Entry

        return self.entries.filter(status=Entry.Status.APPROVED)

    def votable_entries(self):
        entries = self.approved_entries()
        return entries.filter(shortlisted=True) if self.vote_scope == self.VoteScope.SHORTLIST else entries

    def vote_slot(self, entry):
        if self.vote_limit == self.VoteLimit.PER_CATEGORY:
            return f"c{entry.category_id}"
        return f"e{entry.pk}"

    # ----- public routes -----

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(contest=self, phase=self.phase(), categories=self.categories.all(),
                       open_for_entries=self.accepts_submissions(), open_for_votes=self.accepts_votes(),
                       shortlist_announced=self.shortlist_announced())
        return context

    def sub_url(self, name, *args):
        return self.url + self.reverse_subpage(name, args=args)

    @path("")
    def index(self, request):
        # The latest version, not current_rules(): a preview must not
        # freeze a draft as a version of the rules.
        return self.render(request, context_overrides={
            "active": "index", "rules_version": self.rules_versions.first(),
        })

    @path("reglement/")
    def rules_page(self, request):
        return self.render(request, template="participation/rules.html", context_overrides={
            "active": "rules", "subtitle": _("Rules"), "rules_version": self.rules_versions.first(),
        })

    def render_submission(self, request, form, error=None):
        return self.render(request, template="participation/submit.html", context_overrides={
            "active": "submit", "subtitle": _("Take part"), "form": form, "error": error,
        })

    @path("participer/")
    def submission_form(self, request):
        from .forms import SubmissionForm

        return self.render_submission(request, SubmissionForm(self) if self.accepts_submissions() else None)

    @path("participer/envoye/")
    def submission_sent(self, request):
        return self.render(request, template="participation/submit_sent.html", context_overrides={
            "active": "submit", "subtitle": _("Take part"),
        })

    @path("galerie/")
    def gallery(self, request):
        from .views import gallery_context

        return self.render(request, template="participation/gallery.html", context_overrides={
            "active": "gallery", "subtitle": _("Gallery"), **gallery_context(self, request, GALLERY_PER_PAGE),
        })

    @path("photo/<int:entry_id>/")
    def entry_page(self, request, entry_id):
        from .views import entry_context

        entry = self.approved_entries().select_related("category").filter(pk=entry_id).first()
        if entry is None:
            raise Http404(_("No photo here."))
        context = entry_context(self, entry, request)
        if context["sent"]:  # Post/Redirect/Get: a reload does not send again
            return redirect(f"{self.sub_url('entry_page', entry.pk)}?envoye=1#vote")
        return self.render(request, template="participation/entry.html", context_overrides={
            "active": "gallery", "subtitle": entry.title, **context,
        })

    @path("resultats/")
    def results(self, request):
        from .results import TIE_RULE, contest_results

        published = self.results_published()
        return self.render(request, template="participation/results.html", context_overrides={
            "active": "results", "subtitle": _("Results"), "published": published, "tie_rule": TIE_RULE,
            "results": contest_results(self) if published else None,
        })
