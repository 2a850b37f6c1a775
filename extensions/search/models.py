"""What forgiving search keeps: the words the index holds (spelling
suggestions) and the synonyms a mairie uses (query expansion)."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class Word(models.Model):
    """A word of indexed content, kept by the indexing (vocabulary.py). Private
    content's words are here too: a correction is only offered when the
    corrected search finds something the visitor may see (spelling.py)."""

    folded = models.CharField(_("folded word"), max_length=60, unique=True)
    word = models.CharField(_("word"), max_length=60)
    weight = models.PositiveIntegerField(_("occurrences"), default=0)

    class Meta:
        verbose_name = _("indexed word")
        verbose_name_plural = _("indexed words")

    def __str__(self):
        return self.word


DEFAULT_SYNONYMS = """PLU, plan local d’urbanisme
PLUi, plan local d’urbanisme intercommunal
CCAS, centre communal d’action sociale
EPCI, établissement public de coopération intercommunale
DM, décision modificative
ODJ, ordre du jour
CM, conseil municipal"""


@register_setting(icon="search")
class SearchSynonyms(BaseGenericSetting):
    """The one list of synonyms and abbreviations every search backend
    applies (synonyms.py): a search for one expression also finds the others."""

    groups = models.TextField(
        _("synonyms"), blank=True, default=DEFAULT_SYNONYMS,
        help_text=_("One group per line, expressions separated by commas: "
                    "“PLU, plan local d’urbanisme”. A search for one expression also finds the others."),
    )

    panels = [FieldPanel("groups")]

    class Meta:
        verbose_name = _("search synonyms")
