"""/donnees/: the open data files of the site (public data only)."""
from django.urls import path

from . import opendata

app_name = "opendata"

urlpatterns = [
    path("agenda.ics", opendata.agenda_ics, name="agenda_ics"),
    path("agenda.json", opendata.agenda_json, name="agenda_json"),
    path("deliberations.csv", opendata.deliberations_csv, name="deliberations_csv"),
]
