"""« Élections » in the public agenda: the coming scrutin with its results
page, the past ones among past events; another site's and unpublished
pages never; one query whatever their number."""
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from extensions.elections.models import Scrutin
from extensions.elections.pages import ElectionIndexPage, ElectionResultsPage
from tests.factories import EventIndexPageFactory, HomePageFactory


@pytest.fixture
def agenda(home_page):
    return EventIndexPageFactory(parent=home_page, title="Agenda", slug="agenda")


def add_round(results_page, site, title, day, live=True):
    scrutin = Scrutin.objects.create(site=site, kind=Scrutin.Kind.PRESIDENTIELLE, title=title, day=day,
                                     commune_code="81999", commune_name="Saint-Aurèle")
    page = ElectionResultsPage(title=title, slug=f"scrutin-{scrutin.pk}", scrutin=scrutin, live=live)
    results_page.get_parent().add_child(instance=page)
    return page


def test_a_coming_election_is_in_the_agenda_and_past_ones_in_the_archive(client, agenda, results_page, site):
    add_round(results_page, site, "Présidentielle – 1er tour", timezone.localdate() + timedelta(days=10))
    add_round(results_page, site, "Référendum en préparation", timezone.localdate() + timedelta(days=20), live=False)
    coming = client.get(agenda.url).content.decode()
    assert "Présidentielle – 1er tour" in coming and "Résultats le soir du scrutin" in coming
    assert "Référendum en préparation" not in coming
    assert "Municipales 2026 – 1er tour" not in coming  # 15 March 2026 is past
    past = client.get(agenda.url, {"periode": "passes"}).content.decode()
    assert "Élections passées" in past and "Municipales 2026 – 1er tour" in past
    assert "Présidentielle – 1er tour" not in past


def test_another_sites_elections_stay_on_their_site(client, agenda, results_page, site):
    other_home = HomePageFactory(parent=site.root_page.get_parent(), title="Interco", slug="interco")
    Site.objects.create(hostname="interco.localhost", root_page=other_home)
    index = other_home.add_child(instance=ElectionIndexPage(title="Élections", slug="elections"))
    scrutin = Scrutin.objects.create(site=site, kind=Scrutin.Kind.EUROPEENNES, title="Européennes ailleurs",
                                     day=timezone.localdate() + timedelta(days=3), commune_code="81998",
                                     commune_name="Ailleurs")
    index.add_child(instance=ElectionResultsPage(title="Européennes ailleurs", slug="europeennes", scrutin=scrutin))
    assert "Européennes ailleurs" not in client.get(agenda.url).content.decode()


def test_queries_do_not_grow_with_the_number_of_elections(client, agenda, results_page, site,
                                                          django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as one:
        client.get(agenda.url)
    for n in range(5):
        add_round(results_page, site, f"Scrutin {n}", date(2030, 1, 1) + timedelta(days=n))
    cache.clear()
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(agenda.url)
