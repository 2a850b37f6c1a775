"""As little identity as the rules need: normalised e-mail addresses (and
the mailbox behind their aliases), and
keyed pseudonyms of addresses and IP addresses, which let us compare and
count without storing the values themselves."""
from django.conf import settings
from django.utils.crypto import salted_hmac


# Providers that deliver a.b@ to ab@ (dots in the local part are ignored),
# with the domain their aliases share.
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def normalise_email(email):
    return (email or "").strip().lower()


def mailbox(email):
    """The mailbox an address reaches, for the rules of one person: a+tag@
    is delivered to a@ by nearly every provider (sub-addressing, RFC 5233),
    and a.b@gmail.com to ab@googlemail.com. Two spellings of one mailbox
    must not make two voters (nor a juror a citizen)."""
    address = normalise_email(email)
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    local = local.split("+", 1)[0] or local
    if domain in DOTLESS_DOMAINS:
        local, domain = local.replace(".", "") or local, DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"


def pseudonym(value, purpose):
    """A stable, non-reversible stand-in for `value` (HMAC keyed by
    SECRET_KEY: rotating the key starts every pseudonym afresh)."""
    return salted_hmac(f"parvis.participation.{purpose}", value, algorithm="sha256").hexdigest()


def email_key(email):
    """The pseudonym of the mailbox: the one-vote rule keys on it."""
    return pseudonym(mailbox(email), "email")


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
