"""URLs of the contest screens in the admin (under /admin/participation/)."""
from django.urls import path

from . import admin_views as views

app_name = "participation_admin"

urlpatterns = [
    path("apercu/<int:entry_id>/<int:width>.jpg", views.preview, name="preview"),
    path("concours/", views.contest_index, name="contests"),
    path("concours/<int:contest_id>/", views.contest_dashboard, name="contest"),
    path("concours/<int:contest_id>/export/<str:kind>.csv", views.contest_export, name="export"),
    path("concours/<int:contest_id>/action/<str:action>/", views.contest_action, name="action"),
    path("donnees/", views.data_request, name="data_request"),
]
