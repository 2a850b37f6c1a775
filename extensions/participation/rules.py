"""Rules of a contest stated once, as pure functions: date windows, the age
of digital consent, who may not take part."""
from .core.identity import mailbox

DIGITAL_CONSENT_AGE = 15


def is_open(now, start, end):
    """Date windows include their opening moment and exclude their closing
    one: at 18:00 sharp, a window closing at 18:00 is closed."""
    return start is not None and end is not None and start <= now < end


def needs_parental_consent(age):
    """Under 15, a minor's consent to the processing of their data for an
    online service must be given together with a parent: loi n° 78-17 du
    6 janvier 1978 (Informatique et Libertés), article 45, which sets the
    age that article 8 of the RGPD leaves to each State."""
    return age < DIGITAL_CONSENT_AGE


def lines(text):
    """The non-empty lines of a text field, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def excluded_email(email, excluded_domains, jury_emails):
    """True when the address belongs to the organiser's staff (one of the
    excluded domains) or to a jury member."""
    email = mailbox(email)
    domain = email.rpartition("@")[2]
    domains = {d.lower().lstrip("@") for d in excluded_domains}
    return domain in domains or email in {mailbox(j) for j in jury_emails if j}
