"""Rate limits of the API, per client address for anonymous clients and per
person for signed-in ones (session or token), counted in Django's cache.
The rates are read from settings.API_THROTTLE_RATES at each request (DRF's
own classes read them once, at import). The client address is the
project's one rule (core.clients): DRF's own reads X-Forwarded-For, which
any client can send and change at each request."""
from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from core.clients import client_address


class SettingsRateMixin:
    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]

    def get_ident(self, request):
        return client_address(request)


class AnonymousThrottle(SettingsRateMixin, AnonRateThrottle):
    pass


class PersonThrottle(SettingsRateMixin, UserRateThrottle):
    pass
