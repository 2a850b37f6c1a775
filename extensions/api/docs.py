"""The OpenAPI 3 schema (drf-spectacular) and the documentation page
(Swagger UI served from this site's static files by drf-spectacular-sidecar:
no CDN, and no inline script, so a strict Content-Security-Policy holds)."""
from drf_spectacular.views import SpectacularSwaggerSplitView


class DocsView(SpectacularSwaggerSplitView):
    template_name = "api/docs.html"
