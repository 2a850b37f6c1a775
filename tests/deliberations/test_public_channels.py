"""What the public sees: the list of deliberations once online, acts in
the search and the open-data rows; an item examined in a closed sitting
(huis clos) on none of these channels, though in the procès-verbal."""
import datetime

import pytest
from wagtail.models import Site

from extensions.deliberations import listing, minutes, opendata, publication
from extensions.deliberations.opendata import SCDL_COLUMNS
from pages.models import SiteIdentity

from .helpers import hold

SECRET_TITLE = "Vente d'un terrain communal"


@pytest.fixture
def held(seance, secretary, members, act_index, django_capture_on_commit_callbacks):
    held = hold(seance, secretary, members, votes={2: "contre"}, huis_clos=(3,))
    deliberation = held.deliberations.get(position=1)
    publication.pseudonymise(deliberation, deliberation.text, secretary)
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_act(deliberation, secretary)
    return held


def list_url(act_index, seance):
    return act_index.url + act_index.reverse_subpage("deliberation_list", args=[seance.pk])


def test_the_list_is_online_only_once_published(held, act_index, client, django_assert_max_num_queries):
    assert client.get(list_url(act_index, held)).status_code == 404
    assert client.get(list_url(act_index, held)[:-2] + "999/").status_code == 404
    listing.publish_list(held)
    with django_assert_max_num_queries(25):
        html = client.get(list_url(act_index, held)).content.decode()
    assert "Budget primitif 2026" in html and "Tarifs de la cantine" in html and "rejetée" in html
    assert SECRET_TITLE not in html


def test_the_list_deadline():
    from extensions.deliberations import rules

    assert rules.deliberation_list_deadline(datetime.date(2026, 3, 10)) == datetime.date(2026, 3, 17)


def test_the_closed_sitting_item_is_in_the_minutes(held):
    assert any(SECRET_TITLE in line for line in minutes.parts(held)["deliberations_and_reports"])
    # The public version names it, with its decision, and nothing of its report.
    public = next(line for line in minutes.parts(held, public=True)["deliberations_and_reports"]
                  if SECRET_TITLE in line)
    assert "huis clos" in public and "Rapport sur" not in public


def test_the_act_index_and_search(held, act_index, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        html = client.get(act_index.url).content.decode()
    assert "Budget primitif 2026" in html and SECRET_TITLE not in html
    results = client.get("/recherche/", {"q": "terrain"}).content.decode()
    assert "terrain-communal" not in results
    results = client.get("/recherche/", {"q": "budget primitif", "type": "deliberations"}).content.decode()
    assert "/deliberations/2026-001-budget-primitif-2026/" in results


def test_scdl_rows(held, act_index):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.legality_office = "PREF012"
    identity.save()
    rows = opendata.scdl_rows()
    assert len(rows) == 1
    row = rows[0]
    assert tuple(row) == SCDL_COLUMNS
    assert row["DELIB_ID"] == "2026-001" and row["DELIB_DATE"] == datetime.date(2026, 3, 10)
    assert (row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"]) == ("7.1", "finances locales/décisions budgétaires")
    assert (row["VOTE_EFFECTIF"], row["VOTE_REEL"], row["VOTE_POUR"], row["VOTE_CONTRE"],
            row["VOTE_ABSTENTION"]) == (11, 8, 8, 0, 0)
    assert row["PREF_ID"] == "PREF012" and isinstance(row["PREF_DATE"], datetime.date)
    assert row["DELIB_URL"].endswith(".pdf") and row["COLL_NOM"] == "Accueil"
    assert opendata.scdl_rows(year=2025) == []


def test_published_deliberations_by_user(held, users, secretary):
    assert [d.title for d in opendata.published_deliberations(users["elu"])] == ["Budget primitif 2026"]
    assert opendata.published_deliberations(None).count() == 1
    assert opendata.published_deliberations(secretary).count() == 3  # staff see the closed sitting
