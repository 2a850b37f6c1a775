"""The vocabulary of the index (with pg_trgm's trigram index on PostgreSQL)
and the list of synonyms, seeded with the abbreviations every mairie uses.
The vocabulary fills as content is indexed: `manage.py update_index` fills
it for what was indexed before."""
from django.db import migrations, models

TRIGRAMS = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS parvis_search_word_trigrams ON parvis_search_word USING gin (folded gin_trgm_ops);
"""


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGRAMS)


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS parvis_search_word_trigrams")


def seed_synonyms(apps, schema_editor):
    from extensions.search.models import DEFAULT_SYNONYMS

    apps.get_model("parvis_search", "SearchSynonyms").objects.get_or_create(defaults={"groups": DEFAULT_SYNONYMS})


class Migration(migrations.Migration):

    dependencies = [
        ('parvis_search', '0002_postgres_document_vector'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchSynonyms',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('groups', models.TextField(blank=True, default='PLU, plan local d’urbanisme\nPLUi, plan local d’urbanisme intercommunal\nCCAS, centre communal d’action sociale\nEPCI, établissement public de coopération intercommunale\nDM, décision modificative\nODJ, ordre du jour\nCM, conseil municipal', help_text='One group per line, expressions separated by commas: “PLU, plan local d’urbanisme”. A search for one expression also finds the others.', verbose_name='synonyms')),
            ],
            options={
                'verbose_name': 'search synonyms',
            },
        ),
        migrations.CreateModel(
            name='Word',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('folded', models.CharField(max_length=60, unique=True, verbose_name='folded word')),
                ('word', models.CharField(max_length=60, verbose_name='word')),
                ('weight', models.PositiveIntegerField(default=0, verbose_name='occurrences')),
            ],
            options={
                'verbose_name': 'indexed word',
                'verbose_name_plural': 'indexed words',
            },
        ),
        migrations.RunPython(trigram_index, drop_trigram_index),
        migrations.RunPython(seed_synonyms, migrations.RunPython.noop),
    ]
