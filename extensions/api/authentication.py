"""Token authentication with Wagtail's own API tokens (wagtailcore.APIToken:
only a keyed digest is stored, the key is shown once when created, and
tokens are managed and revoked in the admin under Settings › API tokens).
Wagtail resolves them for its Ninja API; this lets DRF use the same
resolution. The site's session authentication works too, with its CSRF
check."""
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication, get_authorization_header
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Bearer <key>`. A subclass of DRF's TokenAuthentication
    so that the OpenAPI schema describes it."""

    keyword = "Bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        return self.authenticate_credentials(key, request)

    def authenticate_credentials(self, key, request):
        # Wagtail's resolution: digest lookup, not revoked, active person,
        # "last used" recorded at most once a minute.
        token = BearerTokenAuth().authenticate(request._request, key) if APIToken.validate_token_format(key) else None
        if token is None:
            # The same answer for an unknown, revoked or malformed key.
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        return token.user, token
