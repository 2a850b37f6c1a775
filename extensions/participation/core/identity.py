"""As little identity as the rules need: normalised e-mail addresses, and
keyed pseudonyms of addresses and of the client's connection
(core.clients), which let us compare and count without storing the values
themselves. The purposes keep the salts the stored pseudonyms were made
with."""
from core.clients import address_pseudonym, pseudonym


def normalise_email(email):
    return (email or "").strip().lower()


def email_key(email):
    return pseudonym(normalise_email(email), "participation.email")


def ip_key(request):
    return address_pseudonym(request, "participation.ip")
