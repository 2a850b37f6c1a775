"""`manage.py load_demo`: refuses outside DEBUG without --force, loads two
themed sites, the demo accounts and an archive of real files, and creates
nothing more when run again.

The demo is loaded once for the module, inside a transaction rolled back at
the end; each test runs in a savepoint of it."""
import io
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Page, Site, get_page_models

from library.models import ArchiveDocument, LibraryPage, PublicImage
from pages.models import SiteIdentity
from pages.roles import AGENTS, ELUS, REDACTION
from tests.html import stylesheets, visible_text

# The demo loads on SQLite (a fresh clone's `make demo`) and on PostgreSQL: both runs.
pytestmark = pytest.mark.sqlite

ACCOUNTS = {"admin": None, "redaction": REDACTION, "agent": AGENTS, "elu": ELUS, "elu2": ELUS, "externe": None}
FILE_SIGNATURES = {"pdf": b"%PDF-", "odt": b"PK"}


def row_counts():
    return {
        "pages": Page.objects.count(),
        "documents": ArchiveDocument.objects.count(),
        "images": PublicImage.objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
    }


def load_demo(**options):
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO(), **options)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            load_demo()
        yield row_counts()
        transaction.set_rollback(True)


def get(client, url, **query):
    """GET an absolute URL of one of the demo sites, with its own host."""
    parts = urlsplit(url)
    return client.get(parts.path, query, HTTP_HOST=parts.netloc)


def site(hostname):
    return Site.objects.get(hostname=hostname)


@pytest.mark.django_db
def test_refuses_outside_debug_without_force():
    assert not settings.DEBUG
    before = row_counts()
    with pytest.raises(CommandError, match="--force"):
        load_demo()
    assert row_counts() == before
    assert not get_user_model().objects.filter(username="admin").exists()


def test_second_run_creates_nothing(demo, db):
    load_demo(force=True)  # DEBUG is off here: --force lets it run
    assert row_counts() == demo


def test_demo_accounts(demo, db, rf):
    for username, role in ACCOUNTS.items():
        # The login throttle (axes) authenticates only with the request.
        user = authenticate(rf.post("/connexion/"), username=username, password=settings.DEMO_PASSWORD)
        assert user is not None, username
        roles = set(user.groups.filter(name__in=[REDACTION, AGENTS, ELUS]).values_list("name", flat=True))
        assert roles == ({role} if role else set()), username
        assert user.is_superuser == (username == "admin"), username


def test_archive_of_real_pdf_and_odt_files(demo, db):
    documents = ArchiveDocument.objects.all()
    assert documents.count() >= 30
    kinds = set()
    for document in documents:
        assert document.file_extension in FILE_SIGNATURES, document.file.name
        with document.open_file() as fh:
            assert fh.read(5).startswith(FILE_SIGNATURES[document.file_extension]), document.file.name
        kinds.add(document.kind)
    assert len(kinds) >= 4


def test_two_sites_with_their_themes(demo, db, client):
    assert site("interco.localhost").root_page.specific_class.__name__ == "HomePage"
    expected = {"localhost": "commune", "interco.localhost": "interco"}
    for hostname, theme in expected.items():
        home = site(hostname).root_page
        assert SiteIdentity.for_site(site(hostname)).theme == theme
        assert len(SiteIdentity.for_site(site(hostname)).siret) == 14
        response = get(client, home.full_url)
        assert response.status_code == 200, hostname
        assert any(href.startswith(f"/static/{theme}/") for href in stylesheets(response)), hostname
        assert SiteIdentity.for_site(site(hostname)).name in visible_text(response)


def test_acts_and_seances_are_reachable_on_both_sites(demo, db, client):
    """Issue 15: « Délibérations » and « Séances » in the main menu and on
    the council's page of both sites; the commune's home lists its latest
    acts, numbered after the deliberations it filed in the library."""
    from extensions.deliberations.pages import ActPage

    council_pages = {"localhost": "mairie/conseil-municipal",
                     "interco.localhost": "communaute-de-communes/conseil-communautaire"}
    for hostname, council_page in council_pages.items():
        home = site(hostname).root_page
        menu = visible_text(get(client, home.full_url))
        assert "Délibérations" in menu and "Séances" in menu, hostname
        page = Page.objects.get(url_path=f"{home.url_path}{council_page}/")
        html = get(client, page.full_url).content.decode()
        assert 'href="/deliberations/"' in html and 'href="/seances/"' in html, hostname
    acts = ActPage.objects.live().select_related("deliberation", "document")
    assert all(act.document.reference == act.deliberation.reference for act in acts)
    year = acts[0].deliberation.year
    filed = ArchiveDocument.objects.filter(kind="deliberation", reference__startswith=f"{year}-").exclude(
        pk__in=[act.document_id for act in acts]).values_list("reference", flat=True)
    assert min(act.deliberation.number_in_year for act in acts) == 1 + max(
        [int(reference.split("-")[1]) for reference in filed], default=0)
    home = visible_text(get(client, site("localhost").root_page.full_url))
    assert "Dernières délibérations" in home and acts.order_by("-online_on", "-pk")[0].title in home


def test_every_public_demo_page_renders(demo, db, client):
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert pages.count() >= 20
    failures = [(page.url_path, status) for page in pages if (status := get(client, page.full_url).status_code) != 200]
    assert not failures


def test_every_page_type_renders(demo, db, client):
    """The rendering smoke test of both databases: the demo has a live page of
    every page type of every app (a new type goes into the demo), and each
    renders for the demo's administrator."""
    client.force_login(get_user_model().objects.get(username="admin"))
    statuses = {}
    for model in get_page_models():
        if model is Page:
            continue
        page = model.objects.live().first()
        statuses[model._meta.label] = page and get(client, page.full_url).status_code
    assert statuses == dict.fromkeys(statuses, 200)


def test_restricted_demo_pages_stay_closed_to_visitors(demo, db, client):
    restricted = Page.objects.live().filter(depth__gt=1).not_public()
    opened = [page.url_path for page in restricted if get(client, page.full_url).status_code == 200]
    assert not opened


def test_private_council_documents_stay_private(demo, db, client):
    secret = ArchiveDocument.objects.filter(collection__view_restrictions__groups__name=ELUS).first()
    assert secret is not None
    library = LibraryPage.objects.live().filter(depth=3).first()
    listing = get(client, library.full_url)
    assert listing.status_code == 200
    assert secret.title not in listing.content.decode()
    assert client.get(secret.url).status_code == 404
    client.force_login(get_user_model().objects.get(username="elu"))
    assert secret.title in visible_text(get(client, library.full_url, q=secret.title))
    assert client.get(secret.url).status_code == 200
