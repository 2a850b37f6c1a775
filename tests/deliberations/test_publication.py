"""Each adopted deliberation published as an act: pseudonymised text, PDF
in the library (kind délibération, public collection of acts), author and
online date, SHA-256 that never changes, online for two months at least."""
import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db.models import ProtectedError
from django.utils import timezone

from extensions.deliberations import publication, rules
from extensions.deliberations.pages import ActPage
from extensions.deliberations.seance import SeanceError
from library.models import ArchiveDocument

from .helpers import hold


@pytest.fixture
def held(seance, secretary, members, act_index):
    return hold(seance, secretary, members, votes={2: "contre"}, huis_clos=(3,))


def adopted(held):
    return held.deliberations.get(position=1)


def publish(deliberation, user):
    publication.pseudonymise(deliberation, deliberation.text.replace("Mme Dupont, 3 rue des Lilas", "Mme D."), user)
    return publication.publish_act(deliberation, user)


def test_pseudonymisation_comes_first(held, secretary):
    with pytest.raises(SeanceError, match="pseudonymisation"):
        publication.publish_act(adopted(held), secretary)
    assert not ActPage.objects.exists()


def test_an_act_is_published_with_its_file_author_date_and_hash(held, secretary, client,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        act = publish(adopted(held), secretary)
    document = act.document
    assert (document.kind, document.reference, document.act_date) == (
        ArchiveDocument.Kind.DELIBERATION, "2026-001", datetime.date(2026, 3, 10))
    assert document.collection.name == "Actes publiés"
    with document.file.open("rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == act.sha256
    assert (act.author_name, act.author_title) == ("Élu Arnaud", "Maire")
    html = client.get(act.url).content.decode()
    assert act.sha256 in html and "Élu Arnaud, Maire" in html and "Mme D." in html
    assert "3 rue des Lilas" not in html
    assert "Transmis en préfecture le" in html and "Exécutoire le" in html  # the recording connector acknowledged it


def test_publishing_twice_changes_nothing(held, secretary):
    act = publish(adopted(held), secretary)
    again = publication.publish_act(adopted(held), secretary)
    assert again.pk == act.pk and ActPage.objects.count() == 1 and again.sha256 == act.sha256


def test_the_file_of_a_published_act_cannot_be_replaced_nor_deleted(held, secretary):
    act = publish(adopted(held), secretary)
    document = act.document
    document.file.save("autre.pdf", ContentFile(b"%PDF-1.4 autre"), save=False)
    with pytest.raises(PermissionDenied):
        document.save()
    with pytest.raises(ProtectedError):
        ArchiveDocument.objects.get(pk=document.pk).delete()
    act.refresh_from_db()
    with ArchiveDocument.objects.get(pk=document.pk).file.open("rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == act.sha256


@pytest.mark.parametrize("position, message", [(2, "adoptée"), (3, "huis clos")])
def test_rejected_and_closed_sitting_items_are_not_published(held, secretary, position, message):
    deliberation = held.deliberations.get(position=position)
    with pytest.raises(SeanceError, match=message):
        publish(deliberation, secretary)


@pytest.mark.parametrize("extra_days, allowed", [(30, False), (1, False), (0, True)])
def test_unpublishing_is_refused_before_two_months(held, secretary, client, extra_days, allowed):
    act = publish(adopted(held), secretary)
    two_months_ago = rules.add_months(timezone.localdate(), -2)
    ActPage.objects.filter(pk=act.pk).update(online_on=two_months_ago + datetime.timedelta(days=extra_days))
    secretary.is_superuser = True
    secretary.save()
    client.force_login(secretary)
    client.post(f"/admin/pages/{act.pk}/unpublish/")
    act.refresh_from_db()
    assert act.live is not allowed


COPY = {"name": "Jeanne Martin", "email": "jeanne@example.org", "postal_address": "2 rue Haute, 12345 Saint-Aurèle"}


def test_a_paper_copy_request(held, secretary, client):
    act = publish(adopted(held), secretary)
    response = client.post(act.url, COPY)
    assert response.status_code == 302 and response["Location"].endswith("?copie=demandee#copie")
    assert act.copy_requests.get().name == "Jeanne Martin"
    assert "Votre demande est enregistrée" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("data", [{**COPY, "website": "http://spam.example"}, {**COPY, "email": "pas une adresse"}])
def test_a_bad_copy_request_changes_nothing(held, secretary, client, data):
    act = publish(adopted(held), secretary)
    response = client.post(act.url, data)
    assert response.status_code == 400 and not act.copy_requests.exists()


def test_copy_requests_are_rate_limited(held, secretary, client):
    act = publish(adopted(held), secretary)
    for _attempt in range(5):
        client.post(act.url, COPY)
    response = client.post(act.url, COPY)
    assert response.status_code == 429 and "Trop de demandes" in response.content.decode()
    assert act.copy_requests.count() == 5


def test_the_acts_index_cannot_take_young_acts_offline(held, secretary, client, act_index):
    act = publish(adopted(held), secretary)
    secretary.is_superuser = True
    secretary.save()
    client.force_login(secretary)
    client.post(f"/admin/pages/{act_index.pk}/delete/")
    response = client.post(f"/admin/bulk/wagtailcore/page/unpublish/?id={act.pk}", follow=True)
    assert "doit rester en ligne" in response.content.decode()
    act.refresh_from_db()
    assert act.live and ActPage.objects.filter(pk=act.pk).exists()
    ActPage.objects.filter(pk=act.pk).update(online_on=rules.add_months(timezone.localdate(), -3))
    client.post(f"/admin/bulk/wagtailcore/page/unpublish/?id={act.pk}")
    act.refresh_from_db()
    assert not act.live
