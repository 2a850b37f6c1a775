"""The project's URLs plus a login view added later, with nothing done to
throttle it (tests/security/test_login_throttling.py)."""
from django.contrib.auth.views import LoginView
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("nouvelle-connexion/", LoginView.as_view(template_name="wagtailcore/login.html")),
               *project_urlpatterns]
