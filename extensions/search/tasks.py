"""Background work of search: keeping the index in step when a change
touches many objects at once, and counting searches off the request."""
from django_tasks import task
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.search import index


@task()
def record_search(query: str):
    """One hit for `query` in the "Search terms" report (Wagtail's search
    promotions): three statements the search page no longer waits for."""
    Query.get(query).add_hit()


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
