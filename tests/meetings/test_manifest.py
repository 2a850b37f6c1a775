"""The proof of sending: the manifest's hashes match the stored files, its
seal holds (and breaks when tampered with), a file can be checked against
it, and changing an annex after sending yields version 2 with one notice
per member."""
import hashlib
import json
import subprocess

import pypdfium2

from django.core import mail
from django.core.files.base import ContentFile

from extensions.meetings import attestation, convocations, manifest, tasks
from extensions.meetings.models import Convocation, Delivery

from tests.core.tsa import authority  # noqa: F401  (fixture)
from tests.factories import pdf_bytes


def test_the_manifest_hashes_match_the_stored_files(convoked, annex, elus):
    convocation = convoked.convocations.get()
    data = json.loads(convocation.manifest)
    [entry] = manifest.documents_of(convocation)
    with annex.file.open("rb") as fh:
        assert entry["sha256"] == hashlib.sha256(fh.read()).hexdigest()
    assert entry["title"] == "Annexe : tableau des subventions"
    assert hashlib.sha256(convocation.manifest.encode()).hexdigest() == convocation.manifest_sha256
    assert {r["name"] for r in data["recipients"]} == {u.get_full_name() for u in elus}
    assert {r["channel"] for r in data["recipients"]} == {"email", "paper"}
    assert "Vous êtes convoqué(e) à la séance" in data["text"]
    assert [item["title"] for item in data["items"]] == [
        "Point n° 1 : budget annexe 1", "Point n° 2 : budget annexe 2"]
    assert manifest.is_sealed(convocation)


def test_the_attestation_names_documents_by_their_title(convoked, annex):
    convocation = convoked.convocations.get()
    text = " ".join(page.get_textpage().get_text_range()
                    for page in pypdfium2.PdfDocument(attestation.as_pdf(convocation)))
    assert "Annexe : tableau des subventions" in " ".join(text.split())
    assert annex.filename not in text


def test_a_tampered_manifest_breaks_the_seal(convoked):
    convocation = convoked.convocations.get()
    Convocation.objects.filter(pk=convocation.pk).update(manifest=convocation.manifest.replace("Salle", "Halle"))
    convocation.refresh_from_db()
    assert not manifest.is_sealed(convocation)


def test_a_seal_survives_the_rotation_of_the_secret_key(convoked, settings):
    convocation = convoked.convocations.get()
    old = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "une-nouvelle-clé-" + "x" * 50, [old]
    assert manifest.is_sealed(convocation)
    settings.SECRET_KEY_FALLBACKS = []
    assert not manifest.is_sealed(convocation)


def test_a_file_is_checked_against_the_manifest(convoked, annex):
    convocation = convoked.convocations.get()
    with annex.file.open("rb") as fh:
        assert manifest.file_matches(convocation, fh)["title"] == annex.title
    assert manifest.file_matches(convocation, ContentFile(b"%PDF-1.4 autre chose")) is None


def test_changing_an_annex_yields_version_2_and_one_notice_per_member(
    convoked, annex, elus, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        annex.file.save("annexe-v2.pdf", ContentFile(pdf_bytes("Tableau des subventions, version corrigée")))
    assert list(convoked.convocations.values_list("version", flat=True)) == [1, 2]
    v2 = convoked.convocations.get(version=2)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in elus[:4])
    assert "version 2" in mail.outbox[0].body
    with annex.file.open("rb") as fh:
        assert manifest.documents_of(v2)[0]["sha256"] == hashlib.sha256(fh.read()).hexdigest()
    assert v2.deliveries.get(recipient__user=elus[4]).status == Delivery.Status.TO_POST


def test_publishing_the_page_unchanged_makes_no_new_version(convoked, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        convoked.save_revision().publish()
    assert convoked.convocations.count() == 1


def test_a_new_item_makes_a_new_version(convoked, django_capture_on_commit_callbacks):
    from extensions.meetings.pages import AgendaItem

    convoked.agenda_items.add(AgendaItem(title="Point ajouté : motion", note="<p>Motion.</p>"))
    with django_capture_on_commit_callbacks(execute=True):
        convoked.save_revision().publish()
    assert convoked.convocations.count() == 2


def test_without_an_authority_the_attestation_says_there_is_no_stamp(convoked, settings):
    settings.TIMESTAMP_AUTHORITY_URL = ""
    convocation = convoked.convocations.get()
    assert convocation.timestamp_token == "" and manifest.timestamp_proof(convocation) is None
    assert "Pas d’horodatage RFC 3161" in attestation.manifest_summary(convocation)


def test_the_stamp_is_the_proof_whatever_our_keys_become(ready, agent, authority, settings,
                                                         django_capture_on_commit_callbacks):
    """A verified RFC 3161 stamp proves the manifest without our SECRET_KEY:
    after a rotation that dropped the old key, the version is still sealed;
    a changed manifest is not."""
    with django_capture_on_commit_callbacks(execute=True):
        convocation = convocations.send(ready, agent)
    convocation.refresh_from_db()
    assert manifest.timestamp_proof(convocation).verified
    assert "vérifié" in attestation.manifest_summary(convocation)
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-new-key-after-rotation", []
    assert manifest.is_sealed(convocation)
    convocation.manifest = convocation.manifest.replace(ready.title, "Autre séance")
    convocation.manifest_sha256 = hashlib.sha256(convocation.manifest.encode()).hexdigest()
    assert not manifest.is_sealed(convocation)


def test_the_task_seals_the_version_before_any_e_mail_leaves(ready, agent, settings, django_capture_on_commit_callbacks):
    """The request only records the version: reading the files and asking
    the timestamp authority happen in the task, before the e-mails."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        convocation = convocations.send(ready, agent)
    convocation.refresh_from_db()
    assert convocation.manifest == "" and convocation.manifest_sha256 == "" and not mail.outbox
    assert manifest.documents_of(convocation) == []
    assert "pas encore scellé" in attestation.manifest_summary(convocation)
    tasks.deliver_convocation.call(convocation.pk)
    convocation.refresh_from_db()
    assert manifest.is_sealed(convocation) and len(manifest.documents_of(convocation)) == 1
    assert len(mail.outbox) == 4
    sealed = convocation.manifest
    tasks.deliver_convocation.call(convocation.pk)  # a second run seals nothing again
    convocation.refresh_from_db()
    assert convocation.manifest == sealed and len(mail.outbox) == 4


def test_the_agent_downloads_the_stamp_openssl_verifies(ready, agent, authority, client, tmp_path,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        convocation = convocations.send(ready, agent)
    client.force_login(agent)
    dashboard = client.get(f"/admin/seances/{ready.pk}/").content.decode()
    assert "Horodatage RFC 3161" in dashboard
    (tmp_path / "m.json").write_bytes(client.get(f"/admin/seances/convocations/{convocation.pk}/manifeste.json").content)
    (tmp_path / "h.tsr").write_bytes(client.get(f"/admin/seances/convocations/{convocation.pk}/horodatage.tsr").content)
    result = subprocess.run(["openssl", "ts", "-verify", "-data", str(tmp_path / "m.json"), "-in",
                             str(tmp_path / "h.tsr"), "-CAfile", authority.roots], capture_output=True, text=True)
    assert "Verification: OK" in result.stdout
