"""As little identity as the rules need: normalised e-mail addresses (and
the mailbox behind their aliases), and keyed pseudonyms of addresses and of
the client's connection (core.clients), which let us compare and count
without storing the values themselves. The purposes keep the salts the
stored pseudonyms were made with."""
from core.clients import address_pseudonym, pseudonym


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


def email_key(email):
    """The pseudonym of the mailbox: the one-vote rule keys on it."""
    return pseudonym(mailbox(email), "participation.email")


def ip_key(request):
    return address_pseudonym(request, "participation.ip")
