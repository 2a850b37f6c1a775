"""The public side of the acts (issue 15, item 5): one numbering (the act's
number in the library, the search and on the act page), the home page's
« Dernières délibérations » listing acts in a fixed number of queries, and
the act page's facts: online date, transmission, executory date and the
means of appeal."""
import importlib
from html import unescape

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from extensions.deliberations import publication
from extensions.deliberations.home import latest_acts
from extensions.deliberations.pages import ActPage
from library.models import ArchiveDocument
from tests.factories import ArchiveDocumentFactory

from .helpers import hold


def publish_all(seance, secretary):
    acts = []
    for deliberation in seance.deliberations.filter(outcome="adopted").order_by("number_in_seance"):
        publication.pseudonymise(deliberation, deliberation.text, secretary)
        acts.append(publication.publish_act(deliberation, secretary))
    return acts


def test_the_home_lists_the_latest_acts_in_a_fixed_number_of_queries(seance, secretary, members, act_index,
                                                                     client, home_page):
    held = hold(seance, secretary, members)
    [first, *others] = publish_all(held, secretary)
    others_ids = [act.pk for act in others]
    ActPage.objects.filter(pk__in=others_ids).update(live=False)
    client.get(home_page.url)  # what the first request of a process caches
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        html = client.get(home_page.url).content.decode()
    assert "Dernières délibérations" in html and first.title in html and "2026-001" in html
    ActPage.objects.filter(pk__in=others_ids).update(live=True)
    cache.clear()  # the anonymous copy of the home page (extensions.operations.page_cache)
    with CaptureQueriesContext(connection) as all_of_them:
        html = unescape(client.get(home_page.url).content.decode())
    assert all(act.title in html for act in others) and "Toutes les délibérations" in html
    assert len(all_of_them) == len(one)
    assert [act.pk for act in latest_acts(RequestFactory().get("/"), home_page)] == sorted([first.pk, *others_ids], reverse=True)


def test_the_act_number_is_the_library_and_search_number(seance, secretary, members, act_index, client):
    held = hold(seance, secretary, members)
    act = publish_all(held, secretary)[0]
    assert act.document.reference == act.deliberation.reference == "2026-001"
    html = client.get(act.url).content.decode()
    assert "Délibération n° 2026-001" in html


def test_the_act_page_tells_its_dates_and_the_means_of_appeal(seance, secretary, members, act_index, client,
                                                              django_capture_on_commit_callbacks):
    held = hold(seance, secretary, members)
    with django_capture_on_commit_callbacks(execute=True):
        act = publish_all(held, secretary)[0]
    html = " ".join(client.get(act.url).content.decode().split())
    assert "Mis en ligne le" in html and "Transmis en préfecture le" in html and "Exécutoire le" in html
    assert "tribunal administratif territorialement compétent dans un délai de deux mois" in html
    assert "Télérecours citoyens" in html and "www.telerecours.fr" in html
    assert act.document.url in html


def test_the_migration_gives_the_library_the_register_numbers(seance, secretary, members, act_index):
    held = hold(seance, secretary, members)
    act = publish_all(held, secretary)[0]
    ArchiveDocument.objects.filter(pk=act.document_id).update(reference="DEL-2026-001")
    filed = ArchiveDocumentFactory(kind="deliberation", reference="DEL-2025-058")
    interco = ArchiveDocumentFactory(kind="deliberation", reference="CC-DEL-2024-7")
    order = ArchiveDocumentFactory(kind="arrete", reference="ARR-2025-041")
    migration = importlib.import_module("extensions.deliberations.migrations.0003_one_numbering")
    migration.one_numbering(apps, None)
    references = dict(ArchiveDocument.objects.values_list("pk", "reference"))
    assert references[act.document_id] == "2026-001"
    assert (references[filed.pk], references[interco.pk], references[order.pk]) == (
        "2025-058", "2024-007", "ARR-2025-041")
