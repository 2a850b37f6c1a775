"""Admin choosers that ask the model's permission policy first.

Wagtail opens a snippet's chooser (browse, search, chosen) to anyone who may
enter the admin, whatever their rights on the model: the contest entries'
chooser showed pending and rejected entries to the Rédaction. A snippet
whose rows are not all public names this viewset as its
`chooser_viewset_class`, so only who may view, change or delete the model
reaches its chooser."""
from functools import wraps

from django.core.exceptions import PermissionDenied
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import SnippetChooserViewSet

ACTIONS = ["view", "change", "delete"]


class PermissionCheckedChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        model = self.model

        @wraps(view)
        def guarded(request, *args, **kwargs):
            policy = policy_registry.get_by_type(model)
            if not policy.user_has_any_permission(request.user, ACTIONS):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded
