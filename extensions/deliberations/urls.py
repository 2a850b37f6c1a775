"""Admin URLs of the séance (mounted under /admin/deliberations/ by wagtail_hooks)."""
from django.urls import path

from . import views

app_name = "deliberations"
urlpatterns = [
    path("<int:meeting_id>/", views.console, name="console"),
    path("<int:meeting_id>/ouvrir/", views.open_seance, name="open"),
    path("<int:meeting_id>/quorum-non-atteint/", views.failed_quorum, name="failed_quorum"),
    path("<int:meeting_id>/mouvement/", views.movement, name="movement"),
    path("<int:meeting_id>/tous-presents/", views.all_present, name="all_present"),
    path("<int:meeting_id>/pouvoir/", views.pouvoir, name="pouvoir"),
    path("<int:meeting_id>/point/<int:deliberation_id>/", views.item, name="item"),
    path("<int:meeting_id>/point/<int:deliberation_id>/vote/", views.vote, name="vote"),
    path("<int:meeting_id>/point/<int:deliberation_id>/retrait/", views.withdrawal, name="withdrawal"),
    path("<int:meeting_id>/point/<int:deliberation_id>/acte/", views.act, name="act"),
    path("<int:meeting_id>/clore/", views.close, name="close"),
    path("<int:meeting_id>/apres/", views.after, name="after"),
    path("<int:meeting_id>/apres/discussions/", views.save_discussions, name="discussions"),
    path("<int:meeting_id>/apres/liste/", views.publish_list, name="publish_list"),
    path("<int:meeting_id>/apres/pv/<str:step>/", views.pv_step, name="pv_step"),
    path("<int:meeting_id>/apres/copie/<int:copy_id>/", views.send_copy, name="send_copy"),
    path("<int:meeting_id>/pdf/<str:what>/", views.pdf, name="pdf"),
    path("", views.seances, name="seances"),
    path("registres/", views.yearly_tables, name="registers"),
]
