"""The SCDL "Délibérations" export of a site: one row per deliberation whose
act is online, with the site's SIRET, linked from the acts page, by year;
a clear French answer when the site has no SIRET yet."""
import csv
import io

import pytest

from extensions.api.scdl import COLUMNS
from pages.models import SiteIdentity
from tests.html import links

pytestmark = pytest.mark.django_db


@pytest.fixture
def siret(home_page):
    SiteIdentity.objects.filter(site__root_page=home_page).update(siret="21120345000013")


def rows(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    reader = csv.reader(io.StringIO(response.content.decode()))
    header = next(reader)
    assert tuple(header) == COLUMNS
    return [dict(zip(header, row)) for row in reader]


def test_one_row_per_published_deliberation(civic, siret, client):
    response = client.get("/donnees/deliberations.csv")
    [row] = rows(response)
    assert response["Link"] == ('<https://schema.data.gouv.fr/schemas/scdl/deliberations/2.1.5/schema.json>; '
                                'rel="describedby"; type="application/schema+json"')
    assert (row["DELIB_ID"], row["DELIB_OBJET"], row["COLL_SIRET"]) == ("2026-001", "Budget primitif 2026",
                                                                         "21120345000013")
    assert row["DELIB_DATE"] == civic.meeting.local_start.date().isoformat()
    assert (row["VOTE_EFFECTIF"], row["VOTE_REEL"], row["VOTE_POUR"], row["VOTE_CONTRE"],
            row["VOTE_ABSTENTION"]) == ("23", "21", "18", "2", "1")
    assert row["DELIB_URL"].startswith("http")


def test_the_export_filters_by_year(civic, siret, client):
    assert len(rows(client.get("/donnees/deliberations.csv", {"annee": 2026}))) == 1
    assert rows(client.get("/donnees/deliberations.csv", {"annee": 2019})) == []
    assert client.get("/donnees/deliberations.csv", {"annee": "l'an dernier"}).status_code == 400


@pytest.mark.parametrize("role", ["anonymous", "agent", "superuser"])
def test_unpublished_deliberations_never_leave_whoever_asks(civic, siret, client_as, role):
    content = client_as(role).get("/donnees/deliberations.csv").content.decode()
    assert civic.offline.title not in content


def test_without_a_siret_the_export_explains_itself(civic, client):
    response = client.get("/donnees/deliberations.csv")
    assert response.status_code == 503
    assert "COLL_SIRET est obligatoire" in response.content.decode()


def test_the_acts_page_links_to_the_export(civic, client):
    assert "/donnees/deliberations.csv" in links(client.get("/deliberations/"))
