"""Wagtail's explorer opens any page below a user's explorable root (the
home page, for the Rédaction, whose sections sit beside the meetings) and
heads it with the page's draft title. Here a user explores only the pages
they hold a page permission on and the ancestors they walk through to
reach them (Wagtail's `explorable_instances`); any other page sends them
back to their explorable root, as Wagtail does for a page outside it."""
from functools import wraps

from django.shortcuts import redirect
from wagtail.permission_policies.pages import PagePermissionPolicy


def explorable_only(view):
    @wraps(view)
    def guarded(request, parent_page_id, **kwargs):
        policy = PagePermissionPolicy()
        if not policy.explorable_instances(request.user).filter(pk=parent_page_id).exists():
            root = policy.explorable_root_instance(request.user)
            return redirect("wagtailadmin_explore", root.pk) if root else redirect("wagtailadmin_home")
        return view(request, parent_page_id=parent_page_id, **kwargs)
    return guarded
