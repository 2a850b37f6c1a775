"""The database backend, chosen by the database in use like modelsearch's
own: PostgreSQL and SQLite (with FTS5) get Parvis' French subclasses; other
databases get modelsearch's backend with the engine's protocol's defaults
(protocol.py: no facets, exact counts)."""
from django.db import connection
from modelsearch.backends.database import SearchBackend as stock_backend

from .protocol import BackendProtocol, ResultsProtocol


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up
    if connection.vendor == "postgresql":
        from .postgres import FrenchPostgresSearchBackend

        return FrenchPostgresSearchBackend(params)
    backend = stock_backend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        # Imported only here: the module needs the FTS5 table's model.
        from .sqlite import FrenchSQLiteSearchBackend

        return FrenchSQLiteSearchBackend(params)
    return with_protocol(type(backend))(params)


def with_protocol(backend_class):
    results = type(backend_class.results_class.__name__, (ResultsProtocol, backend_class.results_class), {})
    attributes = {"results_class": results, "is_database": True}
    return type(backend_class.__name__, (BackendProtocol, backend_class), attributes)
