"""/sante/: is this web server able to answer? Checks the database, the
cache and the search backend; 503 when one of them fails, so a load balancer
takes the server out. The answer names the checks only, never an error's
text (it could carry a host name or a password from a URL)."""
import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def check_cache():
    key, value = f"parvis:health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def check_search():
    """A search server (OpenSearch, Elasticsearch) must answer a ping; the
    database backend lives in the database, already checked."""
    client = getattr(get_search_backend(), "es", None)
    return client is None or bool(client.ping())


CHECKS = {"database": check_database, "cache": check_cache, "search": check_search}


def run_check(name, check):
    try:
        return "ok" if check() else "error"
    except Exception:  # any failure means "not healthy"; the log keeps the details
        logger.exception("Health check %s failed", name)
        return "error"


@never_cache
def health(request):
    results = {name: run_check(name, check) for name, check in CHECKS.items()}
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": results},
                        status=200 if healthy else 503)
