"""The one client-address rule (core.clients): a proxy header is trusted
only when configured; and the shared rate limiter (core.ratelimit)."""
from django.test import RequestFactory

from core import ratelimit
from core.clients import address_pseudonym, client_address


def request(**meta):
    return RequestFactory().get("/", **meta)


def test_the_connection_address_unless_a_header_is_configured(settings):
    settings.CLIENT_IP_HEADER = ""
    forged = request(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.9", HTTP_X_REAL_IP="198.51.100.8")
    assert client_address(forged) == "192.0.2.1"


def test_the_configured_header_first_address(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client_address(request(REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.5, 10.0.0.1")) == "203.0.113.5"
    assert client_address(request(REMOTE_ADDR="127.0.0.1")) == "127.0.0.1", "no header: the connection"


def test_address_pseudonyms_are_stable_short_and_per_purpose(settings):
    settings.CLIENT_IP_HEADER = ""
    one, same = request(REMOTE_ADDR="192.0.2.1"), request(REMOTE_ADDR="192.0.2.1")
    assert address_pseudonym(one, "a") == address_pseudonym(same, "a") != address_pseudonym(one, "b")
    assert len(address_pseudonym(one, "a")) == 16 and "192.0.2.1" not in address_pseudonym(one, "a")
    assert address_pseudonym(request(REMOTE_ADDR=""), "a") == ""


def test_the_limiter_counts_per_scope_and_key():
    assert [ratelimit.within_limit("s", "k", 2, 60) for _ in range(3)] == [True, True, False]
    assert ratelimit.within_limit("s", "other", 2, 60) and ratelimit.within_limit("t", "k", 2, 60)
    assert ratelimit.exceeded("s", "k", 2) and not ratelimit.exceeded("s", "other", 2)
    assert ratelimit.within_limit("s", "", 0, 60), "no key, no limit"

