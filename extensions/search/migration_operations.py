"""What this app's migrations share: SQL that only PostgreSQL runs (the
text search configurations, functions and indexes of backends/postgres.py;
SQLite and the search servers need none of it). Migrations import it, so it
keeps its signature."""
from django.db import migrations


def postgresql_only(forwards, backwards):
    """A RunPython running each statement of `forwards` (or of `backwards`
    when unapplied) on PostgreSQL, and nothing elsewhere; one string is one
    statement list."""

    def run(statements):
        statements = [statements] if isinstance(statements, str) else statements

        def operation(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for sql in statements:
                    schema_editor.execute(sql)

        return operation

    return migrations.RunPython(run(forwards), run(backwards))
