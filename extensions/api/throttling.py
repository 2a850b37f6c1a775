"""Rate limits of the API, per client address for anonymous clients and per
person for signed-in ones (session or token), counted in Django's cache.
The rates are read from settings.API_THROTTLE_RATES at each request (DRF's
own classes read them once, at import)."""
from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class SettingsRateMixin:
    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]


class AnonymousThrottle(SettingsRateMixin, AnonRateThrottle):
    pass


class PersonThrottle(SettingsRateMixin, UserRateThrottle):
    pass
