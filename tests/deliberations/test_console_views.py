"""The console over HTTP: staff only, French refusals, a vote blocked when
the quorum is lost, query counts bounded."""
import re

import pytest

from extensions.deliberations import seance as seance_service

from .conftest import leave


@pytest.fixture
def staff_client(client, secretary):
    client.force_login(secretary)
    return client


def console_url(meeting, suffix=""):
    return f"/admin/deliberations/{meeting.pk}/{suffix}"


@pytest.mark.parametrize("role", ["anonymous", "elu", "redaction"])
def test_only_staff_who_hold_meetings_open_the_console(client_as, meeting, role):
    response = client_as(role).get(console_url(meeting))
    assert response.status_code in (302, 403)
    assert "Émargement" not in response.content.decode()


def test_the_appel_then_the_opening(staff_client, seance, members):
    html = staff_client.get(console_url(seance.meeting)).content.decode()
    assert "Appel : émargement" in html and "Constater l’absence de quorum" in html
    assert 'name="president"' not in html  # no opening below the quorum
    staff_client.post(console_url(seance.meeting, "mouvement/"), {"member": members[2].pk, "kind": "arrival"})
    staff_client.post(console_url(seance.meeting, "mouvement/"), {"member": "abc", "kind": "arrival"})
    assert seance_service.present_ids(seance) == {members[2].pk}
    response = staff_client.post(console_url(seance.meeting, "ouvrir/"), {
        "president": members[0].pk, "secretaries": [members[1].pk]}, follow=True)
    assert "Quorum non atteint : 1 membres présents, 6 sont nécessaires" in response.content.decode()
    seance.refresh_from_db()
    assert not seance.is_open
    html = staff_client.post(console_url(seance.meeting, "tous-presents/"), follow=True).content.decode()
    assert "11 présents sur 11 membres en exercice" in html and 'aria-pressed="false"' not in html
    assert "Ouverture de la séance" in html and 'name="president"' in html
    staff_client.post(console_url(seance.meeting, "ouvrir/"), {
        "president": members[0].pk, "secretaries": [members[1].pk]})
    seance.refresh_from_db()
    assert seance.is_open


def test_a_failed_quorum_offers_the_reconvocation(staff_client, seance, members):
    staff_client.post(console_url(seance.meeting, "quorum-non-atteint/"))
    html = staff_client.get(console_url(seance.meeting)).content.decode()
    assert "Créer la séance convoquée de nouveau" in html
    assert f"/admin/pages/add/meetings/meetingpage/{seance.meeting.get_parent().pk}/" in html
    assert 'id="attendance"' not in html


def test_pouvoirs_handed_in_and_revoked_from_the_console(staff_client, seance, members):
    from .conftest import arrive

    arrive(seance, *members[:6])
    staff_client.post(console_url(seance.meeting, "pouvoir/"), {"giver": members[8].pk, "holder": members[2].pk})
    html = staff_client.get(console_url(seance.meeting)).content.decode()
    assert "pouvoir à Élu Charpentier" in html and "porte le pouvoir de Élu Imbert" in html
    staff_client.post(console_url(seance.meeting, "pouvoir/"), {"giver": members[8].pk, "revoke": "1"})
    assert seance_service.attendance(seance).pouvoirs == {}


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
    assert "Quorum non atteint" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "pending"


def test_unknown_pdf_or_step_is_404(staff_client, open_seance):
    assert staff_client.get(console_url(open_seance.meeting, "pdf/autre/")).status_code == 404
    assert staff_client.post(console_url(open_seance.meeting, "apres/pv/supprimer/")).status_code == 404


def test_the_entry_point_lists_meetings_and_links_copy_requests(staff_client, seance):
    html = staff_client.get("/admin/deliberations/").content.decode()
    assert seance.meeting.title in html and "Demandes de copie papier" in html
    assert staff_client.get("/admin/deliberation_copy_requests/").status_code == 200


@pytest.mark.parametrize(
    "requests, by_president, votes_for, saved",
    [
        (2, False, 8, False),  # two members cannot ask for it
        (3, False, 4, False),  # 4 of 8 present or represented: no absolute majority
        (3, False, 5, True),
        (0, True, 5, True),  # the maire asks
    ],
)
def test_a_closed_sitting_is_asked_then_voted(staff_client, open_seance, requests, by_president, votes_for, saved):
    item = open_seance.deliberations.get(position=3)
    url = console_url(open_seance.meeting, f"point/{item.pk}/")
    data = {"huis_clos": "on", "huis_clos_requests": requests, "huis_clos_votes_for": votes_for,
            "public_requests": 0, "secret_requests": 0}
    if by_president:
        data["huis_clos_by_president"] = "on"
    response = staff_client.post(url, data)
    item.refresh_from_db()
    assert item.huis_clos is saved
    if not saved:
        assert "L2121-18" in response.content.decode()


def test_an_epci_copy_is_sent_from_the_after_screen(staff_client, seance, secretary, members, council, mailoutbox):
    from extensions.deliberations.models import InformationCopy
    from extensions.meetings.models import InformationRecipient, Instance

    from .helpers import hold

    Instance.objects.filter(pk=council.pk).update(kind=Instance.Kind.EPCI)
    InformationRecipient.objects.create(instance=council, name="Jeanne Roux", email="jeanne@commune.localhost")
    seance.meeting.instance.refresh_from_db()
    held = hold(seance, secretary, members)
    copy = held.information_copies.get(kind=InformationCopy.Kind.LIST)
    assert "Envoyer la copie" in staff_client.get(console_url(held.meeting, "apres/")).content.decode()
    url = console_url(held.meeting, f"apres/copie/{copy.pk}/")
    staff_client.post(url)
    assert staff_client.post(url).status_code == 404  # already sent
    assert len(mailoutbox) == 1


def test_after_the_seance_over_http(staff_client, seance, secretary, members, meeting_index, council, act_index):
    """Every screen after the séance, through each status of the
    procès-verbal and the publication of an act."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from tests.factories import pdf_bytes

    from .conftest import make_meeting
    from .helpers import hold

    held = hold(seance, secretary, members)
    following = make_meeting(meeting_index, council, timezone.make_aware(datetime.datetime(2026, 4, 7, 19)))
    after = console_url(held.meeting, "apres/")
    html = staff_client.get(after).content.decode()
    assert "Teneur des débats" in html and "À mettre en ligne au plus tard le 17 mars 2026" in html
    staff_client.post(console_url(held.meeting, "apres/liste/"))
    staff_client.post(console_url(held.meeting, "apres/discussions/"), {"discussions": "Débat sur le budget."})
    staff_client.post(console_url(held.meeting, "apres/pv/adopt/"), {"meeting": following.pk})
    assert "Déposer le procès-verbal signé" in staff_client.get(after).content.decode()
    staff_client.post(console_url(held.meeting, "apres/pv/sign/"),
                      {"signed_file": SimpleUploadedFile("pv.pdf", pdf_bytes("PV signé"), "application/pdf")})
    staff_client.post(console_url(held.meeting, "apres/pv/publish/"))
    html = staff_client.get(after).content.decode()
    assert "Publié le" in html and "En ligne depuis le" in html
    for what in ("proces-verbal", "liste", "cloture"):
        response = staff_client.get(console_url(held.meeting, f"pdf/{what}/"))
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")

    item = held.deliberations.get(position=1)
    act_url = console_url(held.meeting, f"point/{item.pk}/acte/")
    staff_client.post(act_url, {"public_text": "Le conseil approuve le budget."})
    staff_client.post(act_url, {"publish": "1"})
    html = staff_client.get(act_url).content.decode()
    assert "SHA-256" in html and item.act.sha256 in html
    assert staff_client.get("/admin/deliberations/registres/", {"registre": council.pk, "annee": 2026})[
        "Content-Type"] == "application/pdf"
    assert "Aucune délibération dans ce registre" in staff_client.get(
        "/admin/deliberations/registres/", {"registre": council.pk, "annee": 1999}, follow=True).content.decode()
    home = staff_client.get(act_index.url).content.decode()
    assert "Procès-verbal" in home


def test_what_the_vote_depended_on_is_fixed_after_it(staff_client, open_seance, members):
    from .conftest import all_for

    item = open_seance.deliberations.get(position=1)
    seance_service.record_vote(item, all_for(open_seance, item))
    staff_client.post(console_url(open_seance.meeting, f"point/{item.pk}/"), {
        "text": item.text, "secret_requests": 5, "discussion": "Débat bref."})
    staff_client.post(console_url(open_seance.meeting, f"point/{item.pk}/retrait/"), {"member": members[2].pk})
    item.refresh_from_db()
    assert (item.discussion, item.secret_requests, item.withdrawn_members.count()) == ("Débat bref.", 0, 0)
    response = staff_client.post(console_url(open_seance.meeting, f"point/{item.pk}/"), {"text": " "}, follow=True)
    assert "ne peut être adoptée sans son texte" in response.content.decode()
    item.refresh_from_db()
    assert item.text


def test_the_vote_grid_assumes_no_answer(staff_client, open_seance, members):
    item = open_seance.deliberations.get(position=1)
    url = console_url(open_seance.meeting, f"point/{item.pk}/")
    html = staff_client.get(url).content.decode()
    assert "checked" not in html.split('id="vote-form"')[1].split("</form>")[0]
    assert "Tous pour" in html and "Voix restant à saisir" in html
    filled = staff_client.get(url, {"remplir": "pour"}).content.decode()
    assert len(re.findall(r'value="pour"[^>]* checked>', filled)) == 8 and "adoptée" in filled
    voices = {f"voice_{m.pk}": "pour" for m in members[:8]}
    del voices[f"voice_{members[3].pk}"]
    response = staff_client.post(url + "vote/", voices, follow=True)
    assert "Consignez chaque voix" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "pending"


def test_a_withdrawal_changes_the_items_quorum(staff_client, open_seance, members):
    item = open_seance.deliberations.get(position=1)
    url = console_url(open_seance.meeting, f"point/{item.pk}/")
    for member in members[2:5]:
        staff_client.post(url + "retrait/", {"member": member.pk})
    html = staff_client.get(url).content.decode()
    assert "5 membres participent (3 retirés)" in html and 'id="vote-blocked"' in html
    staff_client.post(url + "retrait/", {"member": members[4].pk})
    assert "6 membres participent (2 retirés)" in staff_client.get(url).content.decode()


def test_a_vote_corrected_from_the_console(staff_client, open_seance, members):
    from .conftest import all_for

    item = open_seance.deliberations.get(position=1)
    item = seance_service.record_vote(item, all_for(open_seance, item))
    url = console_url(open_seance.meeting, f"point/{item.pk}/")
    choices = {f"voice_{m.pk}": "pour" for m in members[:8]} | {f"voice_{members[7].pk}": "contre"}
    response = staff_client.post(url + "vote/", choices, follow=True)
    assert "Consignez chaque voix" in response.content.decode()  # no reason given
    response = staff_client.post(url + "vote/", choices | {"reason": "Erreur de saisie"}, follow=True)
    html = response.content.decode()
    assert "garde son numéro" in html and "Erreur de saisie" in html and "7 pour, 1 contre" in html
    item.refresh_from_db()
    assert (item.contre, item.reference) == (1, "2026-001")


def test_closing_asks_what_became_of_each_item(staff_client, open_seance):
    url = console_url(open_seance.meeting, "clore/")
    html = staff_client.get(url).content.decode()
    assert "3 points n’ont pas été votés" in html and "checked" not in html
    first, second, third = open_seance.deliberations.order_by("position")
    response = staff_client.post(url, {f"fate_{first.pk}": "postponed", f"fate_{second.pk}": "withdrawn"},
                                 follow=True)
    assert "Précisez ce qu’il advient de chaque point" in response.content.decode()
    open_seance.refresh_from_db()
    assert open_seance.closed_at is None
    staff_client.post(url, {f"fate_{first.pk}": "postponed", f"fate_{second.pk}": "withdrawn",
                            f"fate_{third.pk}": "not_examined"})
    open_seance.refresh_from_db()
    assert open_seance.closed_at is not None
    assert open_seance.deliberations.get(position=1).get_status_display() == "reporté"


def test_the_guide_is_linked_from_the_console(staff_client, open_seance):
    assert "/aide/secretaire-tenir-la-seance/" in staff_client.get(console_url(open_seance.meeting)).content.decode()
    html = staff_client.get("/aide/secretaire-tenir-la-seance/").content.decode()
    assert "<h1>Tenir la séance</h1>" in html


def test_the_dashboard_counts_down_the_legal_deadlines(staff_client, seance, secretary, members):
    from .helpers import hold

    hold(seance, secretary, members)  # séance of 10 March 2026, list not online
    html = staff_client.get("/admin/").content.decode()
    assert "Délais légaux" in html and "Liste des délibérations à mettre en ligne" in html
    assert "en retard de" in html  # its week ran out long ago
