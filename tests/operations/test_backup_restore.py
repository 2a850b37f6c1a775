"""scripts/backup.sh then scripts/restore.sh into another database and
other media folders: the content is there again (PostgreSQL, the
production database; skipped on SQLite)."""
import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from core.storage import private_storage
from tests.factories import ArchiveDocumentFactory, NewsIndexPageFactory, NewsPageFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.postgresql("backups are of PostgreSQL databases"),
    # pg_dump sees committed data only; the serialized rollback restores
    # the database for the next tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def url(name):
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"


@pytest.fixture
def restore_database():
    name = connection.settings_dict["NAME"] + "_restore"
    with psycopg.connect(url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def script(name, folder, **env):
    return subprocess.run(["bash", f"scripts/{name}", str(folder)], cwd=ROOT, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=300, check=False)


def test_a_backup_restores_into_another_database(home_page, settings, tmp_path, restore_database):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page), title="Réouverture de la médiathèque")
    document = ArchiveDocumentFactory(title="Procès-verbal du conseil du 12 mars")
    photo = private_storage.save("entries/photo.jpg", open(__file__, "rb"))
    media = {"MEDIA_ROOT": str(settings.MEDIA_ROOT), "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT)}

    backup = script("backup.sh", tmp_path / "backup", DATABASE_URL=url(connection.settings_dict["NAME"]), **media)
    assert backup.returncode == 0, backup.stderr
    restored = {"MEDIA_ROOT": str(tmp_path / "media2"), "PRIVATE_MEDIA_ROOT": str(tmp_path / "private2")}
    restore = script("restore.sh", tmp_path / "backup", DATABASE_URL=url(restore_database), **restored)
    assert restore.returncode == 0, restore.stderr

    with psycopg.connect(url(restore_database)) as db:
        titles = {row[0] for row in db.execute("SELECT title FROM wagtailcore_page")}
        documents = db.execute("SELECT title, file FROM library_archivedocument").fetchall()
    assert news.title in titles
    assert documents == [(document.title, document.file.name)]
    assert (Path(restored["MEDIA_ROOT"]) / document.file.name).read_bytes() == document.file.open("rb").read()
    assert (Path(restored["PRIVATE_MEDIA_ROOT"]) / photo).exists()

    again = script("restore.sh", tmp_path / "backup", DATABASE_URL=url(restore_database), **restored)
    assert again.returncode == 2 and "not empty" in again.stderr
