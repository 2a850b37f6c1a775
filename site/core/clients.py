"""Who is asking: the one rule for a request's client address, and keyed
pseudonyms that let us compare and count addresses without storing them.

The address is the connection's (REMOTE_ADDR) unless CLIENT_IP_HEADER
names the header our own reverse proxy sets (nginx: X-Real-IP, read as
HTTP_X_REAL_IP). A header is never trusted unless configured: anyone can
send X-Forwarded-For, and a limit keyed on it is no limit. Used by the
login throttle (axes), the password forms, the public forms' limits and
the API's throttling."""
from django.conf import settings
from django.utils.crypto import salted_hmac


def client_address(request):
    """The first address of the configured proxy header, else the
    connection's; "" when neither is known."""
    header = settings.CLIENT_IP_HEADER
    value = request.META.get(header, "") if header else ""
    return value.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def pseudonym(value, purpose):
    """A stable, non-reversible stand-in for `value` (HMAC keyed by
    SECRET_KEY, salted by `purpose`: rotating the key starts every
    pseudonym afresh)."""
    return salted_hmac(f"parvis.{purpose}", value, algorithm="sha256").hexdigest()


def address_pseudonym(request, purpose):
    """A short pseudonym of the client address ("" when unknown), enough to
    group the requests of one connection."""
    address = client_address(request)
    return pseudonym(address, purpose)[:16] if address else ""
