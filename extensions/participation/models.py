"""Data of photo contests: the règlement's successive versions, entries
with their consents, votes, jury scores and lists of eligible voters. The
contest page, its categories and jury criteria live in pages.py."""
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtail.documents import get_document_model_string

from core.storage import delete_quietly, get_private_storage

from . import licence
from .core.models import AbstractConsent, AbstractVote, Confirmation  # noqa: F401  (registers it)
from .images import RENDITION_WIDTHS


class RulesVersion(models.Model):
    """A frozen copy of a contest's règlement, numbered: each entry records
    the version its author accepted. A new version is taken whenever the
    published rules change (see ContestPage.current_rules)."""

    contest = models.ForeignKey(
        "participation.ContestPage", verbose_name=_("contest"), on_delete=models.CASCADE,
        related_name="rules_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text of the rules"))
    document = models.ForeignKey(
        get_document_model_string(), verbose_name=_("PDF of the rules"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    fingerprint = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("in force since"), default=timezone.now)

    class Meta:
        verbose_name = _("version of the rules")
        verbose_name_plural = _("versions of the rules")
        ordering = ["contest", "-number"]
        constraints = [models.UniqueConstraint(fields=["contest", "number"], name="participation_rules_number")]

    def __str__(self):
        return _("Version %(number)s of %(date)s") % {
            "number": self.number, "date": timezone.localtime(self.created_at).strftime("%d/%m/%Y"),
        }


def new_photo_name():
    return f"participation/{uuid.uuid4().hex}.jpg"


def new_edit_key():
    return get_random_string(32)


def random_order():
    return secrets.randbelow(2**31)


class Entry(index.Indexed, models.Model):
    """A photo entered in a contest, once its author has confirmed their
    e-mail address (and, under 15, a parent theirs). The file is the clean
    re-encoded copy, in private storage; visitors only see renditions of
    approved entries, through a view that checks the status."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting moderation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    class People(models.TextChoices):
        NONE = "none", _("No identifiable person appears in this photo.")
        CONSENTED = "consented", _(
            "Identifiable people appear in this photo and have agreed to its publication "
            "(for a minor, one of their parents)."
        )

    contest = models.ForeignKey(
        "participation.ContestPage", verbose_name=_("contest"), on_delete=models.CASCADE, related_name="entries"
    )
    # RESTRICT, not PROTECT: deleting the whole contest deletes its entries
    # too, while a category or version alone cannot go from under them.
    category = models.ForeignKey(
        "participation.ContestCategory", verbose_name=_("category"), on_delete=models.RESTRICT,
        related_name="entries",
    )
    rules_version = models.ForeignKey(
        RulesVersion, verbose_name=_("rules accepted"), on_delete=models.RESTRICT, related_name="entries"
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.CharField(
        _("description"), max_length=500,
        help_text=_("Also the alternative text of the photo, for people who cannot see it."),
    )
    author_name = models.CharField(_("author's name"), max_length=100)
    email = models.EmailField(_("e-mail address"), blank=True)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    commune = models.CharField(_("commune of residence"), max_length=100, blank=True)
    parent_name = models.CharField(_("parent's name"), max_length=100, blank=True)
    parent_email = models.EmailField(_("parent's e-mail address"), blank=True)
    people = models.CharField(_("people shown"), max_length=10, choices=People.choices)
    licence = models.JSONField(_("licence"), default=dict)
    photo = models.FileField(_("photo"), storage=get_private_storage, upload_to="participation/", max_length=200)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    shortlisted = models.BooleanField(_("shortlisted"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    # The gallery shows entries in this random order: no photo gets the
    # top of the page, and its extra votes, for being sent first.
    gallery_order = models.PositiveIntegerField(default=random_order, editable=False)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    # Part of the author's personal link to edit or withdraw the entry.
    edit_key = models.CharField(max_length=32, default=new_edit_key, editable=False)
    ip_key = models.CharField(_("IP pseudonym"), max_length=16, blank=True, editable=False)
    winner_notified_at = models.DateTimeField(_("winner notified at"), null=True, blank=True, editable=False)
    library_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL, verbose_name=_("copy in the image library"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    personal_data_purged_at = models.DateTimeField(_("personal data purged at"), null=True, blank=True,
                                                   editable=False)

    # Searched once approved (searchables.py); the author's name is left out.
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.FilterField("contest"),
        index.FilterField("status"),
        index.FilterField("submitted_at"),
    ]

    class Meta:
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")
        ordering = ["-submitted_at", "-pk"]
        # Nobody creates an entry by hand: entries come from confirmed links.
        default_permissions = ("view", "change", "delete")
        indexes = [models.Index(fields=["contest", "status", "gallery_order"])]

    def __str__(self):
        return self.title

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    @property
    def credit(self):
        return f"© {self.author_name}"

    def licence_text(self):
        return licence.text(self.licence, self.contest.organiser, self.author_name)

    def photo_url(self, width=RENDITION_WIDTHS[1]):
        """The public URL of a rendition (served only while approved)."""
        return reverse("participation:photo", args=[self.pk, width])

    def srcset(self):
        return ", ".join(f"{self.photo_url(width)} {width}w" for width in RENDITION_WIDTHS)

    def rendition_name(self, width):
        return self.photo.name.removesuffix(".jpg") + f"-{width}.jpg"

    def delete_renditions(self):
        delete_quietly(*(self.rendition_name(width) for width in RENDITION_WIDTHS))

    def delete_files(self):
        self.delete_renditions()
        delete_quietly(self.photo.name)


class Consent(AbstractConsent):
    """A consent given for an entry: the rules, the licence, the people
    shown, eligibility, and a parent's consent for an author under 15."""

    entry = models.ForeignKey(Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="consents")

    class Meta(AbstractConsent.Meta):
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["accepted_at", "pk"]


class Vote(AbstractVote):
    """A public vote, counted once its voter confirmed their e-mail address.
    Only a pseudonym of the address is kept (identity.email_key)."""

    contest = models.ForeignKey(
        "participation.ContestPage", verbose_name=_("contest"), on_delete=models.CASCADE, related_name="votes"
    )
    entry = models.ForeignKey(Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="votes")

    class Meta(AbstractVote.Meta):
        verbose_name = _("vote")
        verbose_name_plural = _("votes")


class JuryScore(models.Model):
    """The score a jury member gives an approved entry on one criterion."""

    entry = models.ForeignKey(Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="jury_scores")
    criterion = models.ForeignKey(
        "participation.JuryCriterion", verbose_name=_("criterion"), on_delete=models.RESTRICT,
        related_name="scores",
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("jury member"), on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("jury score")
        verbose_name_plural = _("jury scores")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["entry", "criterion", "juror"], name="participation_one_score"),
        ]


class EligibleVoter(models.Model):
    """An address allowed to vote when a contest restricts its vote to a
    list (for example the pupils of a school, or registered residents)."""

    contest = models.ForeignKey(
        "participation.ContestPage", verbose_name=_("contest"), on_delete=models.CASCADE,
        related_name="eligible_voters",
    )
    email = models.EmailField(_("e-mail address"))

    class Meta:
        verbose_name = _("eligible voter")
        verbose_name_plural = _("eligible voters")
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["contest", "email"], name="participation_one_voter")]

    def __str__(self):
        return self.email


# The contest page lives in its own module; importing it here registers it
# with the app like any model of this module.
from .pages import ContestCategory, ContestPage, JuryCriterion  # noqa: E402,F401
