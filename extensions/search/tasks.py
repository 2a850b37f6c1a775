"""Background work of search: keeping the index in step when a change
touches many objects at once."""
from django_tasks import task
from wagtail.models import Page
from wagtail.search import index


@task()
def reindex_subtree(page_id: int):
    """Reindexes a page and its descendants (their tree paths changed: the
    search servers filter visibility on them). Returns how many."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    count = 0
    for descendant in page.get_descendants(inclusive=True).specific().iterator():
        index.insert_or_update_object(descendant)
        count += 1
    return count
