"""A procès-verbal with an item examined in a closed sitting (huis clos),
published through the real flow: its report and debate are in the complete
version kept for the members, and on no public channel (the public PDF and
its extracted text, the search page and the API search), for an anonymous
visitor as for an élu of another instance (issue 13)."""
import datetime

import pypdfium2
import pytest
from django.utils import timezone

from extensions.deliberations import minutes
from extensions.deliberations.models import Deliberation, ProcesVerbal
from library.privacy import is_private
from tests.factories import UserFactory

from .conftest import make_meeting
from .helpers import hold

MARKER = "quetzalnoir"


def pdf_text(document):
    with document.file.open("rb") as fh:
        pdf = pypdfium2.PdfDocument(fh.read())
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


@pytest.fixture
def published(seance, secretary, members, meeting_index, council, django_capture_on_commit_callbacks):
    held = hold(seance, secretary, members, huis_clos=(3,))
    Deliberation.objects.filter(seance=held, position=3).update(
        report=f"Rapport confidentiel {MARKER} sur la situation d'un agent.",
        discussion=f"Débat sur l'agent {MARKER}.")
    Deliberation.objects.filter(seance=held, position=1).update(discussion="Le budget est présenté.")
    pv = held.proces_verbal
    ProcesVerbal.objects.filter(pk=pv.pk).update(discussions="Séance sans incident.")
    pv.refresh_from_db()
    later = make_meeting(meeting_index, council, timezone.make_aware(datetime.datetime(2026, 4, 7, 19, 0)))
    minutes.adopt(pv, later)
    from django.core.files.uploadedfile import SimpleUploadedFile

    # The secretary signs the complete procès-verbal, as drafted.
    minutes.sign(pv, SimpleUploadedFile("pv.pdf", minutes.draft_pdf(held), "application/pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        minutes.publish(pv)
    pv.refresh_from_db()
    return pv


def test_the_public_version_shows_the_title_the_decision_and_the_mention_only(published):
    lines = minutes.parts(published.seance, public=True)
    item = next(line for line in lines["deliberations_and_reports"] if line.startswith("3."))
    assert item == "3. Vente d'un terrain communal — adoptée\nExaminée à huis clos."
    assert not any(MARKER in line for part in lines.values() for line in part)
    assert any(MARKER in line for part in minutes.parts(published.seance).values() for line in part)


def test_the_public_document_holds_no_word_of_the_closed_sitting(published):
    public = published.document
    public.refresh_from_db()
    assert public.collection.name == "Actes publiés" and not is_private(public)
    text = pdf_text(public)
    assert "Vente d'un terrain communal" in text and "huis clos" in text
    assert MARKER not in text
    assert public.text and MARKER not in public.text


def test_the_complete_version_is_for_the_members(published, members, client):
    complete = published.complete_document
    complete.refresh_from_db()
    assert is_private(complete) and MARKER in pdf_text(complete) and MARKER in complete.text
    assert client.get(complete.url).status_code == 404
    client.force_login(members[4])
    assert client.get(complete.url).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "other_elu", "member"])
def test_the_search_finds_the_marker_for_the_members_only(published, members, client, who):
    if who == "other_elu":
        client.force_login(UserFactory(username="elu-ailleurs", groups=["Élus"]))
    elif who == "member":
        client.force_login(members[4])
    page = client.get("/recherche/", {"q": MARKER}).content.decode()
    api = client.get("/api/v1/search/", {"q": MARKER}).json()
    if who == "member":
        assert api["count"] == 1 and api["results"][0]["title"] == published.complete_document.title
        assert published.complete_document.title in page
    else:
        assert api["count"] == 0 and "0 résultat pour" in page and "<mark>" not in page
