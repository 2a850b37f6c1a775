"""Per-site settings edited in the admin: identity (theme, logo, address,
opening hours, social links) and navigation (main menu, footer links)."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from .validators import validate_legality_office, validate_siret


def theme_choices():
    from config.themes import available_themes

    return available_themes()


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=80, required=False,
                             help_text=_("Leave empty to use the page title."))
    page = blocks.PageChooserBlock(label=_("Page"))

    class Meta:
        icon = "link"


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        label=_("Network"),
        choices=[
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("linkedin", "LinkedIn"),
            ("mastodon", "Mastodon"),
            ("youtube", "YouTube"),
            ("x", "X"),
            ("other", _("Other")),
        ],
    )
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "site"


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """Who the site speaks for, how it looks and how to reach the mairie."""

    theme = models.CharField(_("theme"), max_length=50, choices=theme_choices, default="commune")
    name = models.CharField(_("name of the collectivity"), max_length=150, blank=True)
    siret = models.CharField(
        "SIRET", max_length=14, blank=True, validators=[validate_siret],
        help_text=_("14 digits, without spaces. Open data exports (deliberations) name the collectivity by it."),
    )
    legality_office = models.CharField(
        _("office of the contrôle de légalité"), max_length=9, blank=True, validators=[validate_legality_office],
        help_text=_("The préfecture or sous-préfecture the acts are sent to, as open data names it: PREF038 for the "
                    "préfecture of the Isère, SPREF0382 for a sous-préfecture."),
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    logo = models.ForeignKey(
        "library.PublicImage", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], verbose_name=_("social links"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("siret"), FieldPanel("legality_office"),
                         FieldPanel("tagline"), FieldPanel("logo"),
                         FieldPanel("theme")], heading=_("Identity")),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"),
                         FieldPanel("opening_hours")], heading=_("Contact")),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = _("site identity")

    @classmethod
    def for_request(cls, request):
        """The identity of the request's site, cached per site (sites.py):
        every page reads it (theme, header, footer). The admin's settings
        form reads the database (for_site)."""
        from .sites import identity

        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            found = identity(cls, request)
            found._request = request  # as Wagtail's, for page URLs
            setattr(request, attr_name, found)
        return getattr(request, attr_name)


@register_setting(icon="list-ul")
class Navigation(BaseSiteSetting):
    """The main menu and the footer links of a site."""

    main_menu = StreamField([("link", LinkBlock())], verbose_name=_("main menu"), blank=True)
    footer_links = StreamField([("link", LinkBlock())], verbose_name=_("footer links"), blank=True)

    panels = [FieldPanel("main_menu"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("navigation")
