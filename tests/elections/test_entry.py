"""Entry by the election office: who may enter, the law's checks with
their French messages, optimistic locking, corrections kept, the PV scan."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from extensions.elections.models import BureauResult, Correction
from tests.factories import pdf_bytes

from .conftest import post_data


def entry_url(scrutin, bureau):
    return reverse("elections:enter_bureau", args=[scrutin.pk, bureau.pk])


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 302), ("externe", 403), ("agent", 403), ("elu", 403), ("redaction", 403), ("superuser", 200),
    ("election_office", 200),
])
def test_only_the_election_office_enters(client, users, agent, scrutin, bureaux, role, status):
    user = agent if role == "election_office" else users.get(role)
    if user is not None:
        client.force_login(user)
    for url in (reverse("elections:scrutin_list"), reverse("elections:bureau_list", args=[scrutin.pk]),
                entry_url(scrutin, bureaux[0])):
        assert client.get(url).status_code == status
    response = client.post(entry_url(scrutin, bureaux[0]), post_data(1))
    assert response.status_code == (302 if status == 200 else status)
    assert BureauResult.objects.exists() is (status == 200)


def test_a_valid_bureau_is_validated(client, agent, scrutin, bureaux):
    client.force_login(agent)
    response = client.post(entry_url(scrutin, bureaux[0]), post_data(1))
    assert response.status_code == 302
    result = BureauResult.objects.get()
    assert (result.status, result.version, result.exprimes) == ("validated", 1, 485)
    assert result.voix_by_candidature() == {c.pk: v for c, v in zip(scrutin.ordered_candidatures(), [250, 200, 35])}
    assert "Bureau 1 validé" in client.get(response.url).content.decode()


def test_an_inconsistent_sum_is_refused_with_the_figures(client, agent, scrutin, bureaux):
    client.force_login(agent)
    response = client.post(entry_url(scrutin, bureaux[0]), post_data(1, voix_3=34))
    assert response.status_code == 400
    page = response.content.decode()
    assert "La somme des voix (484) doit être égale aux suffrages exprimés (485" in page
    assert not BureauResult.objects.exists()


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"votants": 900, "emargements": 900}, "votants", "plus de votants (900) que d’inscrits (800)"),
    ({"emargements": 501}, "gap_reason", "indiquez la raison"),
    ({"participation_12h": 400, "participation_17h": 300}, "participation_17h", "ne peut pas être inférieure"),
    ({"blancs": ""}, "blancs", "Obligatoire pour valider le bureau."),
])
def test_the_checks_are_attached_to_their_field(client, agent, scrutin, bureaux, changes, field, message):
    client.force_login(agent)
    response = client.post(entry_url(scrutin, bureaux[0]), post_data(1, **changes))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])


def test_a_gap_with_its_reason_is_accepted(client, agent, scrutin, bureaux):
    client.force_login(agent)
    client.post(entry_url(scrutin, bureaux[0]), post_data(1, emargements=501, gap_reason="Un électeur est parti."))
    assert BureauResult.objects.get().gap_reason == "Un électeur est parti."


def test_a_draft_may_be_partial_and_stays_a_draft(client, agent, scrutin, bureaux):
    client.force_login(agent)
    response = client.post(entry_url(scrutin, bureaux[0]), {
        "version": 0, "action": "save", "participation_12h": 120, "inscrits": 800})
    assert response.status_code == 302
    result = BureauResult.objects.get()
    assert (result.status, result.participation_12h, result.votants) == ("draft", 120, None)


def test_a_stale_form_is_refused_and_changes_nothing(client, agent, scrutin, bureaux):
    client.force_login(agent)
    client.post(entry_url(scrutin, bureaux[0]), post_data(1, action="save"))  # version 0 → 1
    client.post(entry_url(scrutin, bureaux[0]), post_data(1, version=1, action="save", blancs=11, voix_3=34))
    response = client.post(entry_url(scrutin, bureaux[0]), post_data(1, version=1, blancs=9, voix_3=36))
    assert response.status_code == 409
    assert "Un autre agent a enregistré ce bureau" in response.content.decode()
    result = BureauResult.objects.get()
    assert (result.version, result.blancs, result.status) == (2, 11, "draft")
    assert response.context["form"].initial["version"] == 2


def test_two_first_entries_of_the_same_bureau(client, agent, scrutin, bureaux):
    client.force_login(agent)
    client.post(entry_url(scrutin, bureaux[0]), post_data(1))
    response = client.post(entry_url(scrutin, bureaux[0]), post_data(1, blancs=11, voix_3=34))
    assert response.status_code == 409
    assert BureauResult.objects.get().blancs == 10


def test_a_correction_after_validation_keeps_the_previous_figures(client, agent, scrutin, bureaux):
    client.force_login(agent)
    client.post(entry_url(scrutin, bureaux[0]), post_data(1))
    response = client.post(entry_url(scrutin, bureaux[0]), post_data(1, version=1, blancs=12, voix_3=33))
    assert "dites pourquoi vous le corrigez" in " ".join(response.context["form"].errors["reason"])
    client.post(entry_url(scrutin, bureaux[0]), post_data(1, version=1, blancs=12, voix_3=33,
                                                          reason="Deux bulletins blancs oubliés."))
    correction = Correction.objects.get()
    assert correction.previous["blancs"] == 10
    assert correction.previous["voix"]["3"] == 35
    assert (correction.author, correction.reason, correction.replaced_version) == (
        agent, "Deux bulletins blancs oubliés.", 1)
    assert BureauResult.objects.get().blancs == 12
    page = client.get(entry_url(scrutin, bureaux[0])).content.decode()
    assert "Deux bulletins blancs oubliés." in page


def test_the_signed_pv_is_attached_and_only_the_office_reads_it(client, users, agent, scrutin, bureaux):
    client.force_login(agent)
    scan = SimpleUploadedFile("pv-bureau-1.pdf", pdf_bytes("PV"), content_type="application/pdf")
    client.post(entry_url(scrutin, bureaux[0]), {**post_data(1), "pv": scan})
    pv_url = reverse("elections:signed_pv", args=[scrutin.pk, bureaux[0].pk])
    response = client.get(pv_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(users["agent"])
    assert client.get(pv_url).status_code == 403


@pytest.mark.parametrize(("name", "content", "message"), [
    ("pv.pdf", b"MZ\x90\x00 not a pdf", "n’est pas un scan PDF, JPEG ou PNG"),
    ("pv.exe", b"%PDF-1.4", "pdf"),
])
def test_a_pv_that_is_not_a_scan_is_refused(client, agent, scrutin, bureaux, name, content, message):
    client.force_login(agent)
    response = client.post(entry_url(scrutin, bureaux[0]), {
        **post_data(1), "pv": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["pv"])
    assert not BureauResult.objects.exists()


def test_a_pv_too_large_is_refused(client, agent, scrutin, bureaux, settings, monkeypatch):
    monkeypatch.setattr("extensions.elections.forms.PV_MAX_BYTES", 10)
    client.force_login(agent)
    response = client.post(entry_url(scrutin, bureaux[0]), {
        **post_data(1), "pv": SimpleUploadedFile("pv.pdf", b"%PDF-1.4 more than ten bytes")})
    assert "trop volumineux" in " ".join(response.context["form"].errors["pv"])


def test_the_admin_sets_up_scrutins_bureaux_and_candidatures(client, users, scrutin):
    client.force_login(users["superuser"])
    for url, text in (("/admin/scrutins/", "Municipales 2026"), ("/admin/bureaux_de_vote/", "Mairie"),
                      ("/admin/candidatures/", "Écologie"), (f"/admin/scrutins/edit/{scrutin.pk}/", "81999")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
