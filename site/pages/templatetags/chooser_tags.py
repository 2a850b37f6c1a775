"""The page chooser's breadcrumbs (templates/wagtailadmin/chooser/
_browse_results.html): Wagtail's `page_breadcrumbs` titles every ancestor
by its draft; these name only the ancestors the user may see in the
chooser, titled as the rest of the chooser titles them (pages.chooser)."""
from django import template
from django.urls import reverse
from wagtail.models import Page

from pages.chooser import choosable_pages, show_published_title

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/breadcrumbs.html", takes_context=True)
def chooser_breadcrumbs(context, page, querystring_value=""):
    request = context["request"]
    ancestors = choosable_pages(request, page.get_ancestors()) | Page.objects.filter(depth=1)
    items = [
        {
            "url": reverse("wagtailadmin_choose_page_child", args=(ancestor.pk,)) + querystring_value,
            "label": show_published_title(ancestor, request.user).get_admin_display_title(),
        }
        for ancestor in ancestors.order_by("path").specific(defer=True)
    ]
    return {"items": items, "is_expanded": True}
