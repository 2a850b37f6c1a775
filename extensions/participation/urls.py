"""Public URLs of contests that are not page routes (included under
/participation/ in config.urls, before Wagtail's catch-all)."""
from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("defi/", views.challenge, name="challenge"),
    path("envoi/<int:page_id>/", views.submit, name="submit"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("ma-participation/<str:token>/", views.manage, name="manage"),
    path("retirer-mon-vote/<str:token>/", views.withdraw, name="withdraw"),
    path("photo/<int:entry_id>/<int:width>.jpg", views.photo, name="photo"),
]
