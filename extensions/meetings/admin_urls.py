"""URLs of the meetings dashboard in the admin (under /admin/seances/)."""
from django.urls import path

from . import admin_views as views
from . import preparation_views

app_name = "meetings_admin"

urlpatterns = [
    path("", views.meeting_index, name="index"),
    path("nouvelle/", preparation_views.new_meeting, name="new"),
    path("<int:meeting_id>/modifier/", preparation_views.edit_meeting, name="edit"),
    path("<int:meeting_id>/envoi/", preparation_views.confirm_send, name="confirm_send"),
    path("<int:meeting_id>/", views.dashboard, name="dashboard"),
    path("<int:meeting_id>/etat/", views.status_fragment, name="status"),
    path("<int:meeting_id>/action/<str:name>/", views.action, name="action"),
    path("<int:meeting_id>/renvoi/<int:recipient_id>/", views.resend, name="resend"),
    path("convocations/<int:convocation_id>/courrier/", views.paper_letters, name="paper"),
    path("convocations/<int:convocation_id>/envoi-postal/", views.record_posting, name="posting"),
    path("convocations/<int:convocation_id>/attestation.pdf", views.attestation_pdf, name="attestation_pdf"),
    path("convocations/<int:convocation_id>/attestation.csv", views.attestation_csv, name="attestation_csv"),
    path("convocations/<int:convocation_id>/manifeste.json", views.manifest_json, name="manifest"),
    path("convocations/<int:convocation_id>/horodatage.tsr", views.timestamp_token, name="timestamp"),
]
