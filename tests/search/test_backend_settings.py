"""SEARCH_URL and ELASTICSEARCH_URL choose the backend; nothing set means
the database."""
import pytest

from extensions.search.backend_settings import DATABASE, ELASTICSEARCH, OPENSEARCH, search_backends


def test_the_database_by_default():
    assert search_backends()["default"]["BACKEND"] == DATABASE


@pytest.mark.parametrize("url, backend, host", [
    ("http://127.0.0.1:9250", OPENSEARCH, "http://127.0.0.1:9250"),
    ("opensearch+https://search.example.org", OPENSEARCH, "https://search.example.org"),
    ("elasticsearch://es:9200", ELASTICSEARCH, "http://es:9200"),
    ("elasticsearch+https://user:pw@es:9200", ELASTICSEARCH, "https://user:pw@es:9200"),
])
def test_search_url_names_the_server(url, backend, host):
    conf = search_backends(search_url=url)["default"]
    assert (conf["BACKEND"], conf["URLS"], conf["ATOMIC_REBUILD"]) == (backend, [host], True)


def test_elasticsearch_url():
    conf = search_backends(elasticsearch_url="https://es.example.org:9200", index_prefix="commune_")["default"]
    assert (conf["BACKEND"], conf["URLS"], conf["INDEX_PREFIX"]) == (ELASTICSEARCH, ["https://es.example.org:9200"], "commune_")


def test_an_unknown_scheme_is_refused():
    with pytest.raises(ValueError):
        search_backends(search_url="ftp://example.org")
