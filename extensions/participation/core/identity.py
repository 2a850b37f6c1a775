"""As little identity as the rules need: normalised e-mail addresses, and
keyed pseudonyms of addresses and IP addresses, which let us compare and
count without storing the values themselves."""
from django.conf import settings
from django.utils.crypto import salted_hmac


def normalise_email(email):
    return (email or "").strip().lower()


def pseudonym(value, purpose):
    """A stable, non-reversible stand-in for `value` (HMAC keyed by
    SECRET_KEY: rotating the key starts every pseudonym afresh)."""
    return salted_hmac(f"parvis.participation.{purpose}", value, algorithm="sha256").hexdigest()


def email_key(email):
    return pseudonym(normalise_email(email), "email")


def client_ip(request):
    """The visitor's address. Behind a reverse proxy, set
    PARTICIPATION_CLIENT_IP_HEADER (e.g. "HTTP_X_REAL_IP") to the header the
    proxy sets; otherwise every visitor would share the proxy's address."""
    header = getattr(settings, "PARTICIPATION_CLIENT_IP_HEADER", None)
    value = request.META.get(header, "") if header else ""
    return value.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def ip_key(request):
    ip = client_ip(request)
    return pseudonym(ip, "ip")[:16] if ip else ""
