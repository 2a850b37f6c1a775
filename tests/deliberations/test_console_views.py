"""The console over HTTP: staff only, French refusals, a vote blocked when
the quorum is lost, query counts bounded."""
import pytest

from extensions.deliberations import seance as seance_service

from .conftest import leave


@pytest.fixture
def staff_client(client, secretary):
    client.force_login(secretary)
    return client


def console_url(meeting, suffix=""):
    return f"/admin/seances/{meeting.pk}/{suffix}"


@pytest.mark.parametrize("role", ["anonymous", "elu", "redaction"])
def test_only_staff_who_hold_meetings_open_the_console(client_as, meeting, role):
    response = client_as(role).get(console_url(meeting))
    assert response.status_code in (302, 403)
    assert "Émargement" not in response.content.decode()


def test_opening_and_signing_in(staff_client, seance, members):
    response = staff_client.get(console_url(seance.meeting))
    assert "Ouverture de la séance" in response.content.decode()
    staff_client.post(console_url(seance.meeting, "ouvrir/"), {
        "president": members[0].pk, "secretaries": [members[1].pk]})
    seance.refresh_from_db()
    assert seance.is_open
    staff_client.post(console_url(seance.meeting, "mouvement/"), {"member": members[2].pk, "kind": "arrival"})
    staff_client.post(console_url(seance.meeting, "mouvement/"), {"member": "abc", "kind": "arrival"})
    assert seance_service.present_ids(seance) == {members[2].pk}


def test_the_vote_is_blocked_when_the_quorum_is_lost(staff_client, open_seance, members, django_assert_max_num_queries):
    leave(open_seance, *members[5:7])  # 8 arrived, 2 left: 6 of 11, still a quorum
    item = open_seance.deliberations.get(position=1)
    url = console_url(open_seance.meeting, f"point/{item.pk}/")
    with django_assert_max_num_queries(60):
        html = staff_client.get(url).content.decode()
    assert "Quorum atteint" in html
    leave(open_seance, members[4])
    html = staff_client.get(url).content.decode()
    assert "Quorum non atteint" in html and 'id="vote-blocked"' in html
    response = staff_client.post(url + "vote/", {f"voice_{m.pk}": "pour" for m in members}, follow=True)
    assert "Pas de quorum" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "pending"


def test_unknown_pdf_or_step_is_404(staff_client, open_seance):
    assert staff_client.get(console_url(open_seance.meeting, "pdf/autre/")).status_code == 404
    assert staff_client.post(console_url(open_seance.meeting, "apres/pv/supprimer/")).status_code == 404
