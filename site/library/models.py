"""Custom Wagtail Image and Document models, themes, and the library page.

Images are public by nature (Wagtail serves renditions without any check), so
anything private must be a Document in a restricted collection."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage
from wagtail.search import index


class Theme(models.Model):
    """A theme of public action (urbanisme, environnement, enfance...) that
    documents, news, events and thematic spaces are filed under."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class PublicImage(AbstractImage):
    """A picture with its credit and licence; its alternative text is required
    (RGAA) and is what templates render in alt=""."""

    description = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    credit = models.CharField(_("credit / author"), max_length=255, blank=True)
    licence = models.CharField(_("licence"), max_length=255, blank=True)

    admin_form_fields = WagtailImage.admin_form_fields + ("credit", "licence")

    search_fields = AbstractImage.search_fields + [index.SearchField("credit")]

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class PublicImageRendition(AbstractRendition):
    image = models.ForeignKey(PublicImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class ArchiveDocument(AbstractDocument):
    """A file of the commune's archive with the metadata of an administrative
    act, and the text extracted from the file for full-text search."""

    class Kind(models.TextChoices):
        DELIBERATION = "deliberation", _("deliberation")
        ARRETE = "arrete", _("order (arrêté)")
        PROCES_VERBAL = "proces_verbal", _("minutes")
        COMPTE_RENDU = "compte_rendu", _("summary record")
        CONVOCATION = "convocation", _("notice of meeting")
        RAPPORT = "rapport", _("report")
        AUTRE = "autre", _("other")

    kind = models.CharField(_("kind of act"), max_length=20, choices=Kind.choices, default=Kind.AUTRE)
    act_date = models.DateField(_("date of the act"), null=True, blank=True, db_index=True)
    reference = models.CharField(_("reference number"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="documents", verbose_name=_("themes"))
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    extraction_status = models.CharField(
        _("text extraction"), max_length=10, choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING, editable=False,
    )
    extraction_error = models.CharField(_("extraction failure"), max_length=500, blank=True, editable=False)
    extracted_file_hash = models.CharField(max_length=40, blank=True, editable=False)
    extracted_at = models.DateTimeField(_("text extracted at"), null=True, blank=True, editable=False)

    admin_form_fields = WagtailDocument.admin_form_fields + (
        "kind",
        "act_date",
        "reference",
        "summary",
        "themes",
    )

    search_fields = AbstractDocument.search_fields + [
        index.SearchField("summary"),
        index.SearchField("reference"),
        index.SearchField("text"),
        index.FilterField("kind"),
        index.FilterField("act_date"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-act_date", "-created_at"]

    def needs_extraction(self):
        """True when the stored text does not come from the current file."""
        return not self.extracted_file_hash or self.file_hash != self.extracted_file_hash

    @property
    def year(self):
        return (self.act_date or self.created_at.date()).year

    @property
    def format_label(self):
        return self.file_extension.upper()


# The library page lives in its own module; importing it here registers it
# with the app like any model of this module.
from .pages import LibraryPage  # noqa: E402,F401
