"""Images are filed only in collections with no view restriction. Images
are always public, and the name of a private collection (one per private
space, « Espace · … ») is private too: the image chooser, the image
listing's filter, the upload and edit forms all take their collections from
the permission policy, narrowed here."""
from wagtail.images import get_image_model
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy

from .privacy import unrestricted_collections


class PublicImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    def collections_user_has_any_permission_for(self, user, actions):
        return unrestricted_collections(super().collections_user_has_any_permission_for(user, actions))


def register():
    # exact_class: wagtail.images registers its own policy for the image
    # model in its ready(), which may run after ours; an exact-class entry
    # wins whatever the order.
    model = get_image_model()
    register_permission_policy(model, PublicImagePermissionPolicy(
        model, auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user",
    ), exact_class=True)
