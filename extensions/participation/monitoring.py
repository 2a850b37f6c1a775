"""What staff watch during a public vote: many confirmed addresses behind
one connection, and bursts of votes on one photo. Signals to look at, not
proofs: a school or a family shares one connection."""
from collections import defaultdict
from datetime import timedelta

from django.db.models import Count

from .models import Vote

MANY_VOTERS = 5
BURST_WINDOW = timedelta(minutes=10)
BURST_VOTES = 10


def shared_connections(contest, threshold=MANY_VOTERS):
    """[{ip_key, voters, votes}] for connections behind which at least
    `threshold` different addresses confirmed votes."""
    return list(
        Vote.objects.filter(contest=contest).exclude(ip_key="").values("ip_key")
        .annotate(voters=Count("voter_key", distinct=True), votes=Count("pk"))
        .filter(voters__gte=threshold).order_by("-voters")
    )


def bursts(contest, window=BURST_WINDOW, threshold=BURST_VOTES):
    """[(entry_id, start, count)]: the busiest `window` of each entry whose
    votes within one window reach `threshold`."""
    times = defaultdict(list)
    for entry_id, moment in Vote.objects.filter(contest=contest).order_by("confirmed_at").values_list(
        "entry", "confirmed_at"
    ):
        times[entry_id].append(moment)
    found = []
    for entry_id, moments in times.items():
        best, start, first = 0, None, 0
        for last, moment in enumerate(moments):
            while moment - moments[first] > window:
                first += 1
            if last - first + 1 > best:
                best, start = last - first + 1, moments[first]
        if best >= threshold:
            found.append((entry_id, start, best))
    return sorted(found, key=lambda item: -item[2])
