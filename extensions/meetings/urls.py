"""Front-end addresses of meetings outside the page tree: the personal
links of convocations, the calendar feeds, the check of a file against a
convocation's manifest. Meeting pages themselves are served by Wagtail."""
from django.urls import path

from . import feeds, member_views, views

app_name = "meetings"

urlpatterns = [
    path("convocation/<str:token>/", member_views.personal, name="personal"),
    path("convocation/<str:token>/documents/<int:document_id>/", member_views.personal_document,
         name="personal_document"),
    path("convocation/<str:token>/documents/<int:document_id>/pdf/", member_views.personal_document,
         {"as_pdf": True}, name="personal_document_pdf"),
    path("calendrier/", feeds.my_calendar, name="my_calendar"),
    path("calendrier/nouveau/", feeds.issue_feed, name="issue_feed"),
    path("calendrier/retrait/", feeds.revoke_feed, name="revoke_feed"),
    path("calendrier/seances.ics", feeds.public_feed, name="public_feed"),
    path("calendrier/prive/<str:token>.ics", feeds.private_feed, name="private_feed"),
    path("convocations/<int:convocation_id>/verification/", views.check_file, name="check_file"),
]
