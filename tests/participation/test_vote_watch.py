"""What staff watch during the vote, and the contest dashboard: many
addresses confirmed from one connection, bursts of votes on one photo, the
shortlist as the scope of the public vote, the list of voters."""
from datetime import timedelta

from django.utils import timezone

from extensions.participation import monitoring
from extensions.participation.models import ContestPage, Vote
from tests.html import visible_text
from tests.participation.helpers import challenge_payload, last_link, make_entry


def _votes(contest, entry, count, ip_key="", start=None, spacing=timedelta(seconds=30)):
    start = start or timezone.now()
    Vote.objects.bulk_create(
        Vote(contest=contest, entry=entry, voter_key=f"{entry.pk}-{ip_key}-{n}", slot=f"e{entry.pk}-{n}",
             ip_key=ip_key, confirmed_at=start + n * spacing)
        for n in range(count)
    )


def test_many_addresses_behind_one_connection_are_flagged(contest):
    entry = make_entry(contest)
    _votes(contest, entry, 6, ip_key="aaaa")
    _votes(contest, entry, 2, ip_key="bbbb")
    flagged = monitoring.shared_connections(contest)
    assert [(row["ip_key"], row["voters"]) for row in flagged] == [("aaaa", 6)]


def test_bursts_of_votes_are_flagged(contest):
    busy, calm = make_entry(contest, title="Busy"), make_entry(contest, title="Calm")
    _votes(contest, busy, 12, ip_key="c", spacing=timedelta(seconds=20))
    _votes(contest, calm, 12, ip_key="d", spacing=timedelta(hours=1))
    assert [(entry_id, count) for entry_id, _start, count in monitoring.bursts(contest)] == [(busy.pk, 12)]


def test_the_dashboard_shows_ranking_watch_and_exports(client_as, contest):
    entry = make_entry(contest, title="Très votée")
    _votes(contest, entry, 12, ip_key="eeee", spacing=timedelta(seconds=10))
    page = client_as("agent").get(f"/admin/participation/concours/{contest.pk}/")
    assert page.status_code == 200
    text = visible_text(page)
    assert "Très votée" in text and "eeee" in text
    assert client_as("agent").get("/admin/participation/concours/").status_code == 200
    assert client_as("redaction").get(f"/admin/participation/concours/{contest.pk}/").status_code == 302


def test_winners_are_not_told_before_the_results(client_as, contest, mailoutbox):
    make_entry(contest)
    client_as("agent").post(f"/admin/participation/concours/{contest.pk}/action/winners/")
    assert mailoutbox == []


def test_staff_manage_the_list_of_voters(client_as, contest):
    agent = client_as("agent")
    agent.post(f"/admin/participation/concours/{contest.pk}/action/voters/",
               {"emails": "Un@exemple.fr\npas-une-adresse\ndeux@exemple.fr; un@exemple.fr"})
    assert sorted(contest.eligible_voters.values_list("email", flat=True)) == ["deux@exemple.fr", "un@exemple.fr"]
    agent.post(f"/admin/participation/concours/{contest.pk}/action/clear-voters/")
    assert not contest.eligible_voters.exists()


def test_when_the_public_votes_on_the_shortlist_other_photos_cannot_get_votes(client, contest):
    contest.vote_scope = ContestPage.VoteScope.SHORTLIST
    contest.save_revision().publish()
    finalist, other = make_entry(contest, shortlisted=True), make_entry(contest)
    assert 'name="email"' not in client.get(contest.url + f"photo/{other.pk}/").content.decode()
    client.post(contest.url + f"photo/{finalist.pk}/", {"email": "v@exemple.fr", "altcha": challenge_payload(client)})
    link = last_link()
    other.shortlisted, finalist.shortlisted = True, False  # the jury changes its mind before the click
    other.save()
    finalist.save()
    assert client.post(link).status_code == 400
    assert not Vote.objects.exists()
