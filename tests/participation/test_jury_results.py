"""The jury scores approved entries without seeing authors or public
counts; results combine jury and public by the contest's weights, with the
stated tie rule; the results page publishes on its date; winners are
e-mailed once."""
from datetime import timedelta
from fractions import Fraction
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import timezone

from extensions.participation.models import ContestPage, JuryScore, Vote
from extensions.participation.results import contest_results, rank
from extensions.participation.tasks import notify_winners
from tests.html import visible_text
from tests.participation.helpers import make_entry

T0 = timezone.now()


def entry(pk, minutes=0):
    return SimpleNamespace(pk=pk, submitted_at=T0 + timedelta(minutes=minutes))


def test_weights_combine_jury_and_public():
    a, b = entry(1), entry(2)
    rows = [(a, 10, Fraction(1, 2)), (b, 5, Fraction(1))]
    # 50/50: a = (0.5 + 1) / 2 = 0.75 ; b = (1 + 0.5) / 2 = 0.75 -> tie, broken by the jury: b first
    assert [r.entry for r in rank(rows, 50, 50)] == [b, a]
    # 20 jury / 80 public: a = 0.2*0.5 + 0.8*1 = 0.9 ; b = 0.2*1 + 0.8*0.5 = 0.6
    ranked = rank(rows, 20, 80)
    assert [r.entry for r in ranked] == [a, b]
    assert ranked[0].score == Fraction(9, 10) and ranked[1].score == Fraction(3, 5)


def test_ties_are_broken_by_jury_then_votes_then_the_earlier_entry():
    first, second, third = entry(1, minutes=5), entry(2, minutes=1), entry(3, minutes=0)
    # Public only: all have 4 votes and no jury: the earlier entry wins.
    ranked = rank([(first, 4, Fraction(0)), (second, 4, Fraction(0)), (third, 4, Fraction(0))], 0, 1)
    assert [r.entry for r in ranked] == [third, second, first]
    assert [r.rank for r in ranked] == [1, 2, 3]
    # Jury only, equal jury scores: more public votes wins.
    ranked = rank([(first, 9, Fraction(1, 2)), (second, 2, Fraction(1, 2))], 1, 0)
    assert [r.entry for r in ranked] == [first, second]


def test_no_votes_at_all_is_not_a_division_by_zero():
    ranked = rank([(entry(1), 0, Fraction(0))], 50, 50)
    assert ranked[0].score == 0


@pytest.fixture
def juror(users, contest):
    contest.jury.add(users["elu"])
    contest.save_revision().publish()
    return users["elu"]


def test_the_jury_scores_without_seeing_authors_or_counts(client_as, contest, juror):
    shot = make_entry(contest, title="Les toits", author_name="Nom Secret")
    Vote.objects.create(contest=contest, entry=shot, voter_key="x", slot=f"e{shot.pk}")
    jury = client_as("elu")
    listing = jury.get(f"/participation/jury/{contest.pk}/")
    assert listing.status_code == 200 and "Les toits" in visible_text(listing)
    page = jury.get(f"/participation/jury/{contest.pk}/{shot.pk}/")
    assert "Nom Secret" not in page.content.decode()
    assert "vote" not in visible_text(page).lower()
    criteria = list(contest.criteria.all())
    jury.post(f"/participation/jury/{contest.pk}/{shot.pk}/",
              {f"criterion-{criteria[0].pk}": 8, f"criterion-{criteria[1].pk}": 6})
    assert sorted(JuryScore.objects.values_list("score", flat=True)) == [6, 8]


def test_scores_out_of_range_change_nothing(client_as, contest, juror):
    shot = make_entry(contest)
    criteria = list(contest.criteria.all())
    response = client_as("elu").post(f"/participation/jury/{contest.pk}/{shot.pk}/",
                                     {f"criterion-{criteria[0].pk}": 11, f"criterion-{criteria[1].pk}": 3})
    assert response.status_code == 200
    assert not JuryScore.objects.exists()


def test_only_jury_members_score(client_as, contest, juror):
    shot = make_entry(contest)
    criterion = contest.criteria.first()
    response = client_as("agent").post(f"/participation/jury/{contest.pk}/{shot.pk}/",
                                       {f"criterion-{criterion.pk}": 5})
    assert response.status_code == 404
    assert not JuryScore.objects.exists()


def _scored_contest(contest, juror):
    """Two adult entries: the jury prefers A, the public prefers B."""
    a, b = make_entry(contest, title="A"), make_entry(contest, title="B", email="b@exemple.fr")
    for criterion in contest.criteria.all():
        JuryScore.objects.create(entry=a, criterion=criterion, juror=juror, score=10)
        JuryScore.objects.create(entry=b, criterion=criterion, juror=juror, score=5)
    for n in range(4):
        Vote.objects.create(contest=contest, entry=b, voter_key=f"v{n}", slot=f"e{b.pk}")
    Vote.objects.create(contest=contest, entry=a, voter_key="v9", slot=f"e{a.pk}")
    return a, b


@pytest.mark.parametrize("mode,jury_weight,public_weight,winner", [
    (ContestPage.VotingMode.JURY, 50, 50, "A"),
    (ContestPage.VotingMode.PUBLIC, 50, 50, "B"),
    (ContestPage.VotingMode.BOTH, 80, 20, "A"),  # A: .8*1 + .2*.25 = .85 ; B: .8*.5 + .2*1 = .6
    (ContestPage.VotingMode.BOTH, 20, 80, "B"),  # A: .2 + .8*.25 = .4 ; B: .1 + .8 = .9
])
def test_results_follow_the_contests_weights(contest, juror, mode, jury_weight, public_weight, winner):
    _scored_contest(contest, juror)
    contest.voting_mode, contest.jury_weight, contest.public_weight = mode, jury_weight, public_weight
    (adults, ranked), (_young, nobody) = contest_results(contest)
    assert ranked[0].entry.title == winner and nobody == []


def test_the_results_page_and_the_winners_email(client, contest, juror, monkeypatch):
    _scored_contest(contest, juror)
    contest.winners_per_category, contest.jury_weight, contest.public_weight = 1, 80, 20
    contest.save_revision().publish()
    published = contest.results_date
    monkeypatch.setattr("django.utils.timezone.now", lambda: published)
    text = visible_text(client.get(contest.url + "resultats/"))
    assert "A" in text and "Alex Martin" in text
    assert notify_winners.enqueue(contest.pk).return_value == 1
    assert mail.outbox[-1].to == ["auteur@exemple.fr"]
    assert notify_winners.enqueue(contest.pk).return_value == 0, "told once"


def test_vote_counts_stay_hidden_until_the_results(client, contest):
    shot = make_entry(contest)
    Vote.objects.create(contest=contest, entry=shot, voter_key="x", slot=f"e{shot.pk}")
    gallery = visible_text(client.get(contest.url + "galerie/"))
    assert "1 vote" not in gallery
    contest.hide_counts = False
    contest.save_revision().publish()
    assert "1 vote" in visible_text(client.get(contest.url + "galerie/"))
