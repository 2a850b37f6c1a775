"""The procès-verbal: drafted with every mandatory part (L2121-15), refused
while one is missing, adopted at a later séance, signed, published within a
week of its adoption."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from extensions.deliberations import minutes
from extensions.deliberations.models import ProcesVerbal
from extensions.deliberations.seance import SeanceError
from library.models import ArchiveDocument
from tests.factories import pdf_bytes

from .conftest import make_meeting
from .helpers import hold


@pytest.fixture
def held(seance, secretary, members):
    return hold(seance, secretary, members)


@pytest.fixture
def next_meeting(meeting_index, council):
    return make_meeting(meeting_index, council, timezone.make_aware(datetime.datetime(2026, 4, 7, 19, 0)))


def test_the_draft_has_every_part_but_the_discussions(held):
    parts = minutes.parts(held)
    assert "Séance du mardi 10 mars 2026" in parts["date_and_hour"][0]
    assert parts["president"] == ["Élu Arnaud"]
    assert parts["secretaries"] == ["Élu Bernard"]
    assert any("arrivée de Élu Hubert" in line for line in parts["members_present_and_represented"])
    assert len(parts["quorum"]) == 3 and "8 présents sur 11 en exercice" in parts["quorum"][0]
    assert parts["ballot_requests"] == ["Aucune."]
    assert minutes.missing_parts(held) == ["Teneur des débats"]


def test_a_public_ballot_is_reported_with_names(seance, secretary, members):
    item = seance.deliberations.get(position=1)
    item.public_requests = 2
    item.save()
    held = hold(seance, secretary, members)
    result = minutes.parts(held)["ballot_results"][0]
    assert "scrutin public" in result and "Pour\u00a0: Élu Arnaud" in result


def test_adoption_is_refused_while_a_part_is_missing(held, next_meeting):
    pv = held.proces_verbal
    with pytest.raises(SeanceError, match="Teneur des débats"):
        minutes.adopt(pv, next_meeting)
    assert pv.status == ProcesVerbal.Status.DRAFT


def test_the_workflow_to_publication(held, next_meeting, meeting):
    pv = held.proces_verbal
    ProcesVerbal.objects.filter(pk=pv.pk).update(discussions="Le maire présente le budget ; M. Fabre s'y oppose.")
    pv.refresh_from_db()
    with pytest.raises(SeanceError, match="ultérieure"):
        minutes.adopt(pv, meeting)  # the same meeting
    minutes.adopt(pv, next_meeting)
    assert (pv.status, pv.adopted_at, pv.adopted_on) == ("adopted", next_meeting, datetime.date(2026, 4, 7))
    assert minutes.deadline(pv) == datetime.date(2026, 4, 14)
    with pytest.raises(SeanceError, match="signé"):
        minutes.publish(pv)
    with pytest.raises(Exception, match="PDF"):
        minutes.sign(pv, SimpleUploadedFile("pv.pdf", b"not a pdf"))
    minutes.sign(pv, SimpleUploadedFile("pv.pdf", pdf_bytes("Procès-verbal signé")))
    document = minutes.publish(pv)
    assert pv.status == "published"
    assert document.kind == ArchiveDocument.Kind.PROCES_VERBAL
    assert document.collection.name == "Actes publiés"
    with pytest.raises(SeanceError):
        minutes.publish(pv)  # a second click


def test_publication_is_refused_when_a_part_went_missing(held, next_meeting):
    pv = held.proces_verbal
    ProcesVerbal.objects.filter(pk=pv.pk).update(discussions="Débats.")
    pv.refresh_from_db()
    minutes.adopt(pv, next_meeting)
    minutes.sign(pv, SimpleUploadedFile("pv.pdf", pdf_bytes("PV")))
    ProcesVerbal.objects.filter(pk=pv.pk).update(discussions="")
    held.secretaries.clear()
    pv.refresh_from_db()
    with pytest.raises(SeanceError, match="Secrétaires"):
        minutes.publish(pv)
    assert pv.status == "signed"
