"""Results of a contest: each entry's public score (its votes over the most
voted entry of its category) and jury score (points given over points
possible) combined by the contest's weights, in exact fractions. Ties are
broken by the rule stated on the results page: the higher jury score, then
more public votes, then the earlier entry."""
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from .models import JuryScore

TIE_RULE = _(
    "In case of a tie, the higher jury score wins, then the larger number of public votes, "
    "then the earlier entry."
)


@dataclass
class Ranked:
    entry: object
    votes: int
    public: Fraction
    jury: Fraction
    score: Fraction
    rank: int = 0

    @property
    def score_percent(self):
        return round(float(self.score) * 100, 1)

    @property
    def jury_percent(self):
        return round(float(self.jury) * 100, 1)


def rank(rows, jury_weight, public_weight):
    """Ranks (entry, votes, jury score) rows of one category; entries need
    `submitted_at` and `pk` for the last tie-break. Pure: no database."""
    most_votes = max((votes for _entry, votes, _jury in rows), default=0)
    total_weight = jury_weight + public_weight
    ranked = []
    for entry, votes, jury in rows:
        public = Fraction(votes, most_votes) if most_votes else Fraction(0)
        score = (jury_weight * jury + public_weight * public) / total_weight
        ranked.append(Ranked(entry, votes, public, jury, score))
    ranked.sort(key=lambda r: (-r.score, -r.jury, -r.votes, r.entry.submitted_at, r.entry.pk))
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    return ranked


def jury_scores(entries):
    """{entry id: Fraction of the points possible} from the jury's scores."""
    rows = (
        JuryScore.objects.filter(entry__in=entries).values("entry")
        .annotate(points=Sum("score"), possible=Sum("criterion__max_score"))
    )
    return {row["entry"]: Fraction(row["points"], row["possible"]) for row in rows if row["possible"]}


def contest_results(contest):
    """[(category, [Ranked, ...])] for the entries in competition: the
    shortlist when the public votes on it, every approved entry otherwise."""
    entries = list(
        contest.votable_entries().select_related("category").annotate(vote_count=Count("votes"))
        .order_by("submitted_at", "pk")
    )
    jury = jury_scores(entries)
    jury_weight, public_weight = contest.weights()
    by_category = []
    for category in contest.categories.all():
        rows = [(e, e.vote_count, jury.get(e.pk, Fraction(0))) for e in entries if e.category_id == category.pk]
        by_category.append((category, rank(rows, jury_weight, public_weight)))
    return by_category


def winners(contest):
    """The winning entries of every category."""
    return [
        row.entry for _category, ranked in contest_results(contest)
        for row in ranked[:contest.winners_per_category]
    ]

