"""Run inside a prepared benchmark database (`manage.py shell -c`): gives
the demo contest 1,000 approved entries and prints, as JSON, the addresses
the benchmark and the soak request."""
import json

from django.apps import apps
from django.contrib.auth import get_user_model

from extensions.commissions.models import Space
from extensions.participation.models import ContestPage
from library.pages import LibraryPage
from pages.models import EventIndexPage, NewsPage
from tests.benchmarks.test_participation_gallery import ENTRIES, _bulk_entries


def open_contest():
    return next(contest for contest in ContestPage.objects.live() if contest.accepts_votes())


def prepare():
    contest = open_contest()
    if contest.entries.count() < ENTRIES:
        _bulk_entries(contest)
    home = LibraryPage.objects.live().first().get_site().root_page
    urls = {
        "home": home.full_url,
        "news": NewsPage.objects.live().public().order_by("-date").first().full_url,
        "library": LibraryPage.objects.live().first().full_url + "?kind=deliberation",
        "agenda": EventIndexPage.objects.live().first().full_url,
        "search": home.full_url + "recherche/?q=conseil+municipal",
        "gallery": contest.full_url + "galerie/",
        "entries": [contest.full_url + f"photo/{pk}/"
                    for pk in contest.votable_entries().order_by("pk").values_list("pk", flat=True)[:50]],
        "login": home.full_url + "connexion/",
        # Each élu reads "Mes espaces" and the spaces they belong to.
        "elus": {user.username: [home.full_url + "espaces/"] + [
            space.page.full_url for space in Space.objects.filter(memberships__user=user).exclude(page=None)]
            for user in get_user_model().objects.filter(username__in=["elu", "elu2"])},
    }
    if apps.is_installed("extensions.api"):
        urls["api"] = home.full_url + "api/v1/"
    print("BENCH-URLS " + json.dumps(urls))
