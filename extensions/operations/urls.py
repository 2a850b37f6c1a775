"""The health endpoint, for load balancers and monitoring."""
from django.urls import path

from .health import health

app_name = "operations"

urlpatterns = [path("sante/", health, name="health")]
