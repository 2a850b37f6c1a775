"""Front-end URLs of contests that are not page routes, the jury's
signed-in screens among them (included under /participation/ in
config.urls, before Wagtail's catch-all)."""
from django.urls import path

from . import jury, views

app_name = "participation"

urlpatterns = [
    path("defi/", views.challenge, name="challenge"),
    path("envoi/<int:page_id>/", views.submit, name="submit"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("ma-participation/<str:token>/", views.manage, name="manage"),
    path("retirer-mon-vote/<str:token>/", views.withdraw, name="withdraw"),
    path("photo/<int:entry_id>/<int:width>.jpg", views.photo, name="photo"),
    path("jury/", jury.jury_index, name="jury"),
    path("jury/<int:contest_id>/", jury.jury_contest, name="jury_contest"),
    path("jury/<int:contest_id>/<int:entry_id>/", jury.jury_entry, name="jury_entry"),
    path("jury/photo/<int:entry_id>/<int:width>.jpg", jury.jury_photo, name="jury_photo"),
]
