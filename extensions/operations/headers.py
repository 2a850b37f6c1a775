"""Security headers that Django's SecurityMiddleware does not set: the
Content-Security-Policy (strict on the public site: the themes have no
inline script or style; relaxed for the Wagtail admin, which needs inline
code) and the Permissions-Policy."""
from urllib.parse import urlsplit

from django.conf import settings


def policy_text(directives):
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


def public_directives():
    """The public policy, plus the admin's origin for scripts and styles:
    Wagtail's user bar, shown to editors on every page, loads its files
    from WAGTAILADMIN_BASE_URL, which may be another site's host."""
    admin = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    origin = [f"{admin.scheme}://{admin.netloc}"] if admin.netloc else []
    directives = dict(settings.CONTENT_SECURITY_POLICY)
    for name in ("script-src", "style-src"):
        directives[name] = directives[name] + origin
    return directives


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy = policy_text(public_directives())
        self.admin_policy = policy_text(settings.ADMIN_CONTENT_SECURITY_POLICY)
        self.permissions_policy = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED)

    def __call__(self, request):
        response = self.get_response(request)
        in_admin = request.path.startswith(settings.ADMIN_URL_PREFIX)
        response.headers.setdefault("Content-Security-Policy", self.admin_policy if in_admin else self.public_policy)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
