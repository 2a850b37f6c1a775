"""The admin side agents use before sending: instances and mandates as a
snippet, the meeting page's add and edit forms with the dashboard button,
and the file check of a convocation."""
from extensions.meetings.models import Instance



def test_the_agent_manages_instances(client, agent, council):
    client.force_login(agent)
    assert client.get("/admin/snippets/meetings/instance/").status_code == 200
    response = client.get(f"/admin/snippets/meetings/instance/edit/{council.pk}/")
    assert response.status_code == 200 and "Règlement intérieur" in response.content.decode()


def test_the_agent_adds_and_edits_a_meeting_page(client, agent, meeting_index, meeting):
    client.force_login(agent)
    add = client.get(f"/admin/pages/add/meetings/meetingpage/{meeting_index.pk}/")
    assert add.status_code == 200 and "Ordre du jour" in add.content.decode()
    edit = client.get(f"/admin/pages/{meeting.pk}/edit/")
    assert edit.status_code == 200
    assert f"/admin/seances/{meeting.pk}/" in edit.content.decode()


def test_a_file_is_checked_on_the_page(client, convoked, annex, elus):
    client.force_login(elus[0])  # a member: the documents are theirs to check (issue 13)
    convocation = convoked.convocations.get()
    url = f"/seances/convocations/{convocation.pk}/verification/"
    with annex.file.open("rb") as fh:
        text = client.post(url, {"file": fh}).content.decode()
    assert "est exactement le document" in text and annex.title in text
    from django.core.files.uploadedfile import SimpleUploadedFile

    other = SimpleUploadedFile("autre.pdf", b"%PDF-1.4 un autre fichier", content_type="application/pdf")
    assert "n'est pas l'un des documents" in client.post(url, {"file": other}).content.decode()


def test_a_bad_instance_is_refused_with_a_message(client, agent):
    client.force_login(agent)
    response = client.post("/admin/snippets/meetings/instance/add/", {
        "name": "Conseil incomplet", "kind": "commune", "population": "-3",
        "commission_notice_days": "3", "answer_deadline_hours": "2", "reminder_delay_hours": "48",
        "mandates-TOTAL_FORMS": "0", "mandates-INITIAL_FORMS": "0", "mandates-MIN_NUM_FORMS": "0",
        "mandates-MAX_NUM_FORMS": "1000", "information_recipients-TOTAL_FORMS": "0",
        "information_recipients-INITIAL_FORMS": "0", "information_recipients-MIN_NUM_FORMS": "0",
        "information_recipients-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 200
    assert not Instance.objects.filter(name="Conseil incomplet").exists()
