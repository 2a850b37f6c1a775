"""Wagtail's page chooser, held to the privacy rules of the public site.

Wagtail lists every page of the tree to any admin user, titled by its draft
(`get_admin_display_title()`). Here a user sees the pages they hold a page
permission on, titled as in the rest of the admin, and otherwise only the
pages the public site shows them, titled as published (`page.title`): a
draft or a private page of someone else's section never reaches them.
The listed pages are filtered by the `construct_page_chooser_queryset`
hook (wagtail_hooks.py); the views below title the rows, the parent column
and the breadcrumbs, and never browse a page the user may not see."""
from django.db.models import Q
from django.urls import reverse
from wagtail.admin.views import chooser
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .privacy import visible_pages

# Every page permission Wagtail knows: any of them makes a page the user's.
PAGE_ACTIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]


def choosable_pages(request, queryset):
    """The pages of `queryset` the user may see in a chooser: theirs, and
    those the public site shows them."""
    own = PagePermissionPolicy().instances_user_has_any_permission_for(request.user, PAGE_ACTIONS)
    public = visible_pages(request, Page.objects.all())
    return queryset.filter(Q(pk__in=own.values("pk")) | Q(pk__in=public.values("pk")))


def show_published_title(page, user):
    """Wagtail's chooser templates title a page (cell text, its
    `data-admin-title`, the parent column) by `get_admin_display_title()`,
    i.e. its draft title: on a page the user may not edit, this in-memory
    copy answers with the published title instead. Returns the page."""
    if page is not None and not page.permissions_for_user(user).can_edit():
        page.draft_title = page.title
    return page


class PageTitleColumn(chooser.PageTitleColumn):
    def get_cell_context_data(self, instance, parent_context):
        show_published_title(instance, parent_context["request"].user)
        return super().get_cell_context_data(instance, parent_context)


class ParentPageColumn(chooser.ParentPageColumn):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        show_published_title(context["value"], parent_context["request"].user)
        return context


def with_published_titles(columns):
    """Wagtail's columns, the two that show a page title swapped for ours."""
    def ours(column):
        if isinstance(column, chooser.PageTitleColumn):
            return PageTitleColumn(column.name, label=column.label, is_multiple_choice=column.is_multiple_choice)
        if isinstance(column, chooser.ParentPageColumn):
            return ParentPageColumn(column.name, label=column.label)
        return column
    return [ours(column) for column in columns]


class BrowseView(chooser.BrowseView):
    @property
    def columns(self):
        return with_published_titles(super().columns)

    def get_object_list(self):
        # A folder the user may not see (asked by id, or the common
        # ancestor of the page types asked for) is browsed from the root.
        if not self.parent_page.is_root() and not choosable_pages(
            self.request, Page.objects.filter(pk=self.parent_page.pk)
        ).exists():
            self.parent_page = Page.get_first_root_node().specific
        return super().get_object_list()


class SearchView(chooser.SearchView):
    @property
    def columns(self):
        return with_published_titles(super().columns)


class ChosenMultipleView(chooser.ChosenMultipleView):
    """Answers the ids chosen with their titles: only pages the user may
    see, titled as they may see them."""

    def get(self, request):
        pages = choosable_pages(request, Page.objects.filter(pk__in=request.GET.getlist("id"))).specific()
        return self.render_chosen_response([
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": show_published_title(page, request.user).get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages
        ])
