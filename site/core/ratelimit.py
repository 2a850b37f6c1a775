"""The one rate limiter of the public forms and the password forms: events
counted per (scope, key) in Django's cache, in fixed windows that start at
the first event. Keys are hashed, so a key may be any text (an address, an
e-mail pseudonym). Sign-in forms are throttled by django-axes instead (at
the authentication layer, see core.authentication)."""
import hashlib

from django.core.cache import cache


def _cache_key(scope, key):
    return f"parvis:rate:{scope}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"


def count(scope, key, window):
    """Counts one more event and returns the number in the current window."""
    cache_key = _cache_key(scope, key)
    if cache.add(cache_key, 1, window):
        return 1
    try:
        return cache.incr(cache_key)  # does not extend the window
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, window)
        return 1


def exceeded(scope, key, limit):
    """Whether `key` has reached `limit` events in its window (counts nothing)."""
    return cache.get(_cache_key(scope, key), 0) >= limit


def within_limit(scope, key, limit, window):
    """Counts one more event for `key` in `scope` and says whether it stays
    within `limit` events per `window` seconds. No key (an unknown address)
    is not limited."""
    return not key or count(scope, key, window) <= limit
