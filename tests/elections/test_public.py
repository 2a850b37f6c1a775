"""The public side: the results page and its JSON show validated bureaux
only, « n bureaux sur N », percentages and the seat allocation once all
are in; the cache is flushed by a validated entry; open data in the
Ministry's layout; the API."""
import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse

from extensions.elections.entry import save_result
from extensions.elections.opendata import BUREAU_COLUMNS, CANDIDATURE_COLUMNS

from .conftest import VALID


def enter(scrutin, bureau, user, validate=True, **changes):
    inscrits, votants, emargements, blancs, nuls, voix = VALID[bureau.number]
    figures = {"inscrits": inscrits, "votants": votants, "emargements": emargements, "blancs": blancs,
               "nuls": nuls, "gap_reason": "", "participation_12h": 100, "participation_17h": 300, **changes}
    current = scrutin.results.filter(bureau=bureau).first()
    return save_result(scrutin=scrutin, bureau=bureau, user=user, figures=figures,
                       voix=dict(zip(scrutin.ordered_candidatures(), voix)),
                       version=current.version if current else 0, validate=validate, reason="Correction")


def live_json(client, page):
    return client.get(page.url + "direct/").json()


def test_partial_results_show_validated_bureaux_only(client, results_page, scrutin, bureaux, agent):
    enter(scrutin, bureaux[0], agent)
    enter(scrutin, bureaux[1], agent, validate=False)  # a draft: never public
    data = live_json(client, results_page)
    assert data["bureaux"]["label"] == "1 bureau sur 3"
    assert data["totals"]["votants"] == 500 and data["totals"]["exprimes"] == 485
    assert [c["voix"] for c in data["candidatures"]] == [250, 200, 35]
    assert data["candidatures"][0]["pct_exprimes"] == 51.55  # 250 / 485
    assert data["allocation"] is None and data["outcome"] == ""
    page = client.get(results_page.url).content.decode()
    assert "1 bureau sur 3" in page and "Résultats provisoires" in page
    assert "École" not in page  # the draft bureau's row is absent


def test_complete_results_allocate_the_seats_with_each_step(client, results_page, scrutin, bureaux, agent):
    for bureau in bureaux:
        enter(scrutin, bureau, agent)
    data = live_json(client, results_page)
    assert data["bureaux"]["label"] == "3 bureaux sur 3" and data["complete"]
    # 1,455 cast: Ensemble 750 (51.5 %) bonus 14; 13 left at the highest average, all lists ≥ 5 %.
    assert [c["voix"] for c in data["candidatures"]] == [750, 600, 105]
    assert sum(c["seats"] for c in data["candidatures"]) == 27
    page = client.get(results_page.url).content.decode()
    assert "Prime majoritaire : 14 sièges sur 27 à « Ensemble »" in page
    assert "« Ensemble » obtient la prime majoritaire." in page


def test_the_index_lists_the_published_elections(client, results_page):
    page = client.get(results_page.get_parent().url).content.decode()
    assert "Municipales 2026 – 1er tour" in page


@override_settings(PAGE_CACHE_SECONDS=60)
def test_page_and_json_are_cached_and_flushed_by_a_validated_entry(client, results_page, scrutin, bureaux, agent,
                                                                   django_capture_on_commit_callbacks):
    url = results_page.url + "direct/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        enter(scrutin, bureaux[0], agent, validate=False)
    assert client.get(url)["X-Page-Cache"] == "hit"  # a draft changes nothing public
    with django_capture_on_commit_callbacks(execute=True):
        enter(scrutin, bureaux[0], agent)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert response.json()["bureaux"]["counted"] == 1


def test_csv_matches_the_national_layout(client, results_page, scrutin, bureaux, agent):
    enter(scrutin, bureaux[0], agent)
    enter(scrutin, bureaux[2], agent, validate=False)
    response = client.get(reverse("opendata:election_csv", args=[scrutin.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0] == [
        "Code du département", "Code de la commune", "Libellé de la commune", "Code du b.vote", "Inscrits",
        "Abstentions", "% Abs/Ins", "Votants", "% Vot/Ins", "Blancs", "% Blancs/Ins", "% Blancs/Vot", "Nuls",
        "% Nuls/Ins", "% Nuls/Vot", "Exprimés", "% Exp/Ins", "% Exp/Vot",
    ] + ["N°Panneau", "Nuance", "Libellé", "Voix", "% Voix/Ins", "% Voix/Exp"] * 3
    assert len(rows) == 2  # the draft bureau is not there
    assert rows[1][:9] == ["81", "999", "Saint-Aurèle", "0001", "800", "300", "37,50", "500", "62,50"]
    assert rows[1][18:24] == ["1", "L1", "Ensemble", "250", "31,25", "51,55"]
    assert len(rows[1]) == len(BUREAU_COLUMNS) + 3 * len(CANDIDATURE_COLUMNS)


def test_open_data_json_and_index(client, results_page, scrutin, bureaux, agent):
    enter(scrutin, bureaux[0], agent)
    data = client.get(reverse("opendata:election_json", args=[scrutin.pk])).json()
    assert data["rows"][0]["Code du b.vote"] == "0001"
    assert data["rows"][0]["Listes"][1] == {"N°Panneau": 2, "Nuance": "L2", "Libellé": "Agir", "Voix": 200,
                                            "% Voix/Ins": 25.0, "% Voix/Exp": 41.24}
    listing = client.get(reverse("opendata:election_files")).json()
    assert listing["scrutins"][0]["csv"].endswith(f"/donnees/elections/{scrutin.pk}.csv")


def test_the_results_page_links_its_open_data(client, results_page, scrutin):
    page = client.get(results_page.url).content.decode()
    assert f"/donnees/elections/{scrutin.pk}.csv" in page


def test_api_lists_and_details_validated_results(client, results_page, scrutin, bureaux, agent):
    enter(scrutin, bureaux[0], agent)
    enter(scrutin, bureaux[1], agent, validate=False)
    listing = client.get("/api/v1/elections/").json()
    assert [item["title"] for item in listing["results"]] == ["Municipales 2026"]
    detail = client.get(f"/api/v1/elections/{scrutin.pk}/").json()
    assert detail["bureaux"]["counted"] == 1
    assert [row["code"] for row in detail["per_bureau"]] == ["0001"]
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/elections/{id}/" in schema and "ScrutinResults" in schema


@pytest.mark.parametrize("path", ["/elections/saisie/", "/donnees/elections/999.csv"])
def test_nothing_private_or_missing_leaks(client, results_page, path):
    assert client.get(path).status_code in (302, 404)


@override_settings(PAGE_CACHE_SECONDS=300)
def test_the_page_cache_keeps_live_results_seconds_only(client, results_page, monkeypatch):
    from extensions.operations import page_cache

    timeouts = []
    real_set = page_cache.cache.set
    monkeypatch.setattr(page_cache.cache, "set", lambda key, value, timeout=None: (
        timeouts.append(timeout) if key.startswith("parvis:page:") else None, real_set(key, value, timeout))[1])
    for url in (results_page.url, results_page.url + "direct/"):
        response = client.get(url)
        assert response["Cache-Control"] == "public, max-age=5"
    assert timeouts == [5, 5]
