"""The index follows every change: publishing, unpublishing, moving,
deleting, changing privacy, replacing a document's file; `update_index`
rebuilds, and on a search server the rebuild never shows empty results."""
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder
from wagtail.models import PageViewRestriction

from extensions.search.engine import Search, SearchParams
from pages.models import StandardPage
from pages.roles import ELUS
from tests.factories import ArchiveDocumentFactory, StandardPageFactory, pdf_bytes


@pytest.fixture
def found(request_as, refresh):
    """found("word") is the titles an anonymous visitor finds."""

    def search(word, role="anonymous"):
        refresh()
        engine = Search(request_as(role), SearchParams(query=word))
        return {result.title for result in engine.present(engine.merged()[0:20])}

    return search


def test_publishing_and_unpublishing(search_backend, home_page, found):
    draft = home_page.add_child(instance=StandardPage(title="Projet de kermesse", live=False))
    assert found("kermesse") == set()
    draft.save_revision().publish()
    assert found("kermesse") == {"Projet de kermesse"}
    draft.refresh_from_db()
    draft.unpublish()
    assert found("kermesse") == set()


def test_moving_out_of_a_private_section(search_backend, home_page, found, django_capture_on_commit_callbacks):
    private = StandardPageFactory(parent=home_page, title="Section des élus")
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set(Group.objects.filter(name=ELUS))
    page = StandardPageFactory(parent=private, title="Calendrier de la brocante")
    assert found("brocante") == set()
    with django_capture_on_commit_callbacks(execute=True):
        page.move(home_page, pos="last-child")
    assert found("brocante") == {"Calendrier de la brocante"}


def test_privacy_changes(search_backend, home_page, elus_collection, found):
    page = StandardPageFactory(parent=home_page, title="Fête de la moisson")
    document = ArchiveDocumentFactory(title="Règlement de la moisson")
    assert found("moisson") == {"Fête de la moisson", "Règlement de la moisson"}
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    document.collection = elus_collection
    document.save()
    assert found("moisson") == set()
    assert found("moisson", role="elu") == {"Fête de la moisson", "Règlement de la moisson"}


def test_deleting(search_backend, home_page, found):
    page = StandardPageFactory(parent=home_page, title="Tournoi de pétanque")
    document = ArchiveDocumentFactory(title="Résultats de pétanque")
    page.delete()
    document.delete()
    assert found("pétanque") == set()


def test_replacing_a_file_reindexes_its_text(search_backend, home_page, found, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = ArchiveDocumentFactory(
            title="Annexe", file=ContentFile(pdf_bytes("Inventaire des lampadaires."), name="annexe.pdf")
        )
    assert found("lampadaires") == {"Annexe"}
    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(pdf_bytes("Inventaire des abribus."), name="annexe-v2.pdf")
        document._set_document_file_metadata()
        document.save()
    assert found("lampadaires") == set()
    assert found("abribus") == {"Annexe"}


def test_update_index_rebuilds(search_backend, home_page, found):
    ArchiveDocumentFactory(title="Plan de désherbage")
    call_command("update_index", verbosity=0)
    assert found("désherbage") == {"Plan de désherbage"}


# The database backends rebuild inside a transaction: nothing to prove there.
@pytest.mark.backends("opensearch", "elasticsearch")
def test_a_server_rebuild_keeps_answering(search_backend, home_page, found):
    ArchiveDocumentFactory(title="Plan de fleurissement")
    assert found("fleurissement") == {"Plan de fleurissement"}
    seen_during_rebuild = []
    original_finish = ElasticsearchAtomicIndexRebuilder.finish

    def finish(rebuilder):
        # The new index is full but not yet swapped in: searches use the old one.
        seen_during_rebuild.append(found("fleurissement"))
        return original_finish(rebuilder)

    with mock.patch.object(ElasticsearchAtomicIndexRebuilder, "finish", finish):
        call_command("update_index", verbosity=0)
    assert seen_during_rebuild and all(titles == {"Plan de fleurissement"} for titles in seen_during_rebuild)
    assert found("fleurissement") == {"Plan de fleurissement"}
