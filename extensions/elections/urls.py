"""Entry addresses of the election office (included under /elections/ in
config.urls). The public pages are Wagtail pages (pages.py)."""
from django.urls import path

from . import views

app_name = "elections"

urlpatterns = [
    path("saisie/", views.scrutin_list, name="scrutin_list"),
    path("saisie/<int:scrutin_id>/", views.bureau_list, name="bureau_list"),
    path("saisie/<int:scrutin_id>/bureau/<int:bureau_id>/", views.enter_bureau, name="enter_bureau"),
    path("saisie/<int:scrutin_id>/bureau/<int:bureau_id>/pv/", views.signed_pv, name="signed_pv"),
]
