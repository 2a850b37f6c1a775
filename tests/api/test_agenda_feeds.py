"""The public agenda as open data: an iCalendar feed and a JSON file of the
site's public events, filterable by year, linked from the agenda page, and
never showing a restricted event; each event page describes its event in
schema.org JSON-LD."""
import datetime
import json

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.api.conftest import restrict_to_elus
from tests.factories import EventIndexPageFactory, EventPageFactory, install_home_page
from tests.html import links

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(home_page):
    agenda = EventIndexPageFactory(parent=home_page, title="Agenda", slug="agenda")
    this_year = timezone.localdate().year
    EventPageFactory(parent=agenda, title="Marché de Noël", intro="<p>Vin chaud &amp; chalets.</p>")
    start = timezone.make_aware(datetime.datetime(this_year - 2, 1, 10, 18))
    EventPageFactory(parent=agenda, title="Vœux du maire", start=start, end=start + datetime.timedelta(hours=2))
    restrict_to_elus(EventPageFactory(parent=agenda, title="Séminaire des élus"))
    return agenda


def ics_titles(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]) for event in calendar.walk("VEVENT")}


def json_titles(response):
    assert response.status_code == 200
    return {event["title"] for event in response.json()["events"]}


def test_feeds_list_the_public_events_of_this_year_on(agenda, client):
    assert ics_titles(client.get("/donnees/agenda.ics")) == {"Marché de Noël"}
    assert json_titles(client.get("/donnees/agenda.json")) == {"Marché de Noël"}


def test_feeds_filter_by_year(agenda, client):
    year = timezone.localdate().year - 2
    assert ics_titles(client.get("/donnees/agenda.ics", {"annee": year})) == {"Vœux du maire"}
    assert json_titles(client.get("/donnees/agenda.json", {"annee": year})) == {"Vœux du maire"}


@pytest.mark.parametrize("role", ["anonymous", "elu", "superuser"])
def test_restricted_events_never_appear_whoever_asks(agenda, client_as, role):
    client = client_as(role)
    assert "Séminaire des élus" not in ics_titles(client.get("/donnees/agenda.ics"))
    assert "Séminaire des élus" not in json_titles(client.get("/donnees/agenda.json"))


def test_ics_events_carry_place_times_text_and_link(agenda, client):
    event = Calendar.from_ical(client.get("/donnees/agenda.ics").content).walk("VEVENT")[0]
    assert str(event["location"]) == "Salle des fêtes, 1 place de la Mairie"
    assert str(event["description"]) == "Vin chaud & chalets."
    assert str(event["url"]).startswith("http://")
    assert event["dtend"].dt - event["dtstart"].dt == datetime.timedelta(hours=2)


@pytest.mark.parametrize("bad", ["deux mille", "99999", "-1"])
def test_a_bad_year_is_a_french_400(agenda, client, bad):
    ics = client.get("/donnees/agenda.ics", {"annee": bad})
    data = client.get("/donnees/agenda.json", {"annee": bad})
    assert ics.status_code == data.status_code == 400
    assert "nombre entier" in ics.content.decode() or "inférieure ou égale" in ics.content.decode() \
        or "supérieure ou égale" in ics.content.decode()
    assert list(json.loads(data.content)) == ["annee"]


def test_each_sites_feed_has_its_own_events(agenda, client):
    interco = install_home_page(hostname="interco.localhost", theme="interco", title="Interco", slug="interco")
    EventPageFactory(parent=EventIndexPageFactory(parent=interco), title="Conseil communautaire")
    assert json_titles(client.get("/donnees/agenda.json", HTTP_HOST="interco.localhost")) == {"Conseil communautaire"}


def test_the_agenda_page_links_to_both_feeds(agenda, client):
    response = client.get(agenda.url)
    assert {"/donnees/agenda.ics", "/donnees/agenda.json", "/api/v1/docs/#/donnees/opendata_agenda"} <= set(links(response))


def test_the_ics_passes_both_parsers_with_a_uid_of_its_own_site(agenda, client, settings):
    from tests.core.ical import parse

    settings.ALLOWED_HOSTS = ["*"]
    uids = []
    for host in ("localhost", "127.0.0.1"):
        calendar, _ = parse(client.get("/donnees/agenda.ics", HTTP_HOST=host).content)
        uids.append([str(event["UID"]) for event in calendar.walk("VEVENT")])
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"
        assert "événements publics" in calendar["X-WR-CALDESC"]
    page = agenda.get_children().live().type(EventPageFactory._meta.model).get(title="Marché de Noël")
    assert uids == [[f"evenement-{page.pk}@localhost"]] * 2


def test_the_event_page_describes_its_event_in_schema_org(agenda, client):
    from tests.html import soup

    page = agenda.get_children().live().type(EventPageFactory._meta.model).get(title="Marché de Noël").specific
    page.title = 'Marché de Noël « d’hiver » </script>'
    page.location_name = 'Salle "Art & Culture" d\'en haut'
    page.save_revision().publish()
    [script] = soup(client.get(page.url)).find_all("script", type="application/ld+json")
    event = json.loads(script.string)
    assert (event["@context"], event["@type"], event["name"]) == ("https://schema.org", "Event", page.title)
    assert event["url"] == page.full_url
    start = datetime.datetime.fromisoformat(event["startDate"])
    assert start == page.start and start.utcoffset() == timezone.localtime(page.start).utcoffset()
    assert event["location"] == {"@type": "Place", "name": page.location_name, "address": "1 place de la Mairie"}
