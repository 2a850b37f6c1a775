"""Which search backend the settings select, from environment variables.
Pure Python (no Django import): config.settings.base calls it.

- nothing set: the database backend (SQLite FTS5 or PostgreSQL, with the
  French analysis of extensions.search.backends.database);
- SEARCH_URL=http(s)://... or opensearch(+https)://...: an OpenSearch 2/3 node;
- SEARCH_URL=elasticsearch(+https)://... or ELASTICSEARCH_URL=http(s)://...:
  Elasticsearch 8/9 (through the 8.x client, which both accept)."""
from urllib.parse import urlsplit, urlunsplit

DATABASE = "extensions.search.backends.database"
OPENSEARCH = "extensions.search.backends.opensearch"
ELASTICSEARCH = "extensions.search.backends.elasticsearch"

SCHEMES = {
    "http": (OPENSEARCH, "http"),
    "https": (OPENSEARCH, "https"),
    "opensearch": (OPENSEARCH, "http"),
    "opensearch+https": (OPENSEARCH, "https"),
    "elasticsearch": (ELASTICSEARCH, "http"),
    "elasticsearch+https": (ELASTICSEARCH, "https"),
}


def server_backend(url, index_prefix="parvis_", default=OPENSEARCH):
    """The WAGTAILSEARCH_BACKENDS entry for a search server at `url`."""
    parts = urlsplit(url)
    backend, scheme = SCHEMES.get(parts.scheme, (None, None))
    if backend is None:
        raise ValueError(f"Unsupported search URL scheme {parts.scheme!r} in {url!r}.")
    if parts.scheme in ("http", "https"):
        backend = default
    return {
        "BACKEND": backend,
        "URLS": [urlunsplit((scheme, parts.netloc, parts.path, "", ""))],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": 20,
        # Rebuilds fill a new index, then swap an alias: no empty results meanwhile.
        "ATOMIC_REBUILD": True,
    }


def search_backends(search_url="", elasticsearch_url="", index_prefix="parvis_"):
    """WAGTAILSEARCH_BACKENDS for the given environment values."""
    if search_url:
        return {"default": server_backend(search_url, index_prefix)}
    if elasticsearch_url:
        return {"default": server_backend(elasticsearch_url, index_prefix, default=ELASTICSEARCH)}
    return {"default": {"BACKEND": DATABASE, "ATOMIC_REBUILD": True}}
