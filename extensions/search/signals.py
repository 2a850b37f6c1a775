"""Keeps the search index in step with changes Wagtail's own handlers miss.

Publishing, unpublishing, deleting and saving are indexed by modelsearch's
handlers; visibility (page and collection restrictions) is applied when
searching, from the live restrictions, so a privacy change needs no
reindexing. A move changes the tree paths of a whole subtree without saving
each page: it is reindexed in the background."""
from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import post_page_move


@receiver(post_page_move)
def reindex_moved_pages(sender, instance, **kwargs):
    from .tasks import reindex_subtree

    transaction.on_commit(lambda: reindex_subtree.enqueue(instance.pk))
