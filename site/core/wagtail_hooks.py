"""The admin's help menu lists our French guides (core.guides) in the place
of Wagtail's English editor guide and release notes."""
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .guides import available


@hooks.register("construct_help_menu")
def french_guides(request, menu_items):
    menu_items[:] = [item for item in menu_items
                     if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")] + [
        MenuItem(title, reverse("core:guide", args=[slug]), icon_name="help", order=1050 + n, name=f"guide-{slug}")
        for n, (slug, title) in enumerate(available())
    ]
