"""Template tags for the site's navigation: main menu, footer links and
breadcrumb, built from the per-site Navigation setting and the page tree.

A menu runs a fixed number of queries whatever its length, and never shows a
page the visitor may not see (unpublished, or behind a view restriction)."""
from django import template
from django.utils.translation import gettext as _
from wagtail.models import Site

from pages import navigation

register = template.Library()


def _current_state(url, request_path):
    """aria-current value of a link: "page" on the page itself, "true" on
    the section the visitor is in, None elsewhere."""
    if url == request_path:
        return "page"
    if url != "/" and request_path.startswith(url):
        return "true"
    return None


def navigation_links(request, field_name):
    """The visible links of a Navigation field (cached per site: pages/navigation.py)."""
    return navigation.links(request, field_name, _current_state)


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main menu of the current site: {% main_menu %}."""
    return {"links": navigation_links(context["request"], "main_menu")}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """The footer links of the current site: {% footer_links %}."""
    return {"links": navigation_links(context["request"], "footer_links")}


def routed_ancestors(page, root):
    """The ancestors of `page` from `root` down, as Wagtail's routing left
    them on each page it walked through (no query), or None when a page
    was reached otherwise."""
    chain, node = [], page
    while node.depth > root.depth:
        node = node.__dict__.get("_cached_parent_obj")
        if node is None or not node.path.startswith(root.path):
            return None
        chain.append(node)
    return chain[::-1]


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, current_label=None):
    """Where the page sits in its site: {% breadcrumb %}, or
    {% breadcrumb current_label=document.title %} for a sub-route of the page
    (the page then becomes a link and `current_label` the last item)."""
    request, page = context["request"], context.get("page")
    site = Site.find_for_request(request)
    if page is None or site is None or (page.pk == site.root_page_id and not current_label):
        return {"items": []}
    ancestors = routed_ancestors(page, site.root_page)
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gte=site.root_page.depth, path__startswith=site.root_page.path)
    ancestors = [ancestor for ancestor in [*ancestors, *([page] if current_label else [])] if ancestor.live]
    items = [
        {"label": _("Home") if ancestor.pk == site.root_page_id else ancestor.title, "url": ancestor.get_url(request)}
        for ancestor in ancestors
    ]
    items.append({"label": current_label or page.title, "url": None})
    return {"items": items}
