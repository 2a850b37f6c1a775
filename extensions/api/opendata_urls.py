"""/donnees/: the open data files of the site (public data only)."""
from django.urls import path
from django.views.decorators.http import conditional_page

from extensions.elections import opendata as elections

from . import opendata

app_name = "opendata"

urlpatterns = [
    path("agenda.ics", opendata.agenda_ics, name="agenda_ics"),
    path("agenda.json", conditional_page(opendata.AgendaView.as_view()), name="agenda_json"),
    path("deliberations.csv", opendata.deliberations_csv, name="deliberations_csv"),
    path("elections/", elections.election_files, name="election_files"),
    path("elections/<int:scrutin_id>.csv", elections.election_csv, name="election_csv"),
    path("elections/<int:scrutin_id>.json", elections.election_json, name="election_json"),
]
