"""Reading a sent message as its recipient's mail client does: the raw
bytes parsed back (email.policy.default), and the headers every message of
Parvis carries."""
import re
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.utils import parseaddr


def wire(message):
    """The bytes of a Django EmailMessage as the SMTP backend sends them
    (CRLF line ends, which text/calendar needs byte for byte)."""
    return message.message().as_bytes(linesep="\r\n")


def parsed(message):
    """The raw MIME of a Django EmailMessage, parsed back."""
    return message_from_bytes(wire(message), policy=policy.default)


def sender(message):
    """(display name, address) of From. Decoded by email.header, which
    ignores the folding between two encoded words as RFC 2047 (6.2) says;
    policy.default's parser keeps a space there in a display name."""
    name, address = parseaddr(message_from_bytes(message.message().as_bytes())["From"])
    return str(make_header(decode_header(name))), address


def assert_standard_headers(message, domain, unsubscribe=False):
    """One recipient, a Message-ID on `domain`, Auto-Submitted (RFC 3834),
    and List-Unsubscribe with one click (RFC 8058) exactly when the
    notification can be turned off. Returns the parsed message."""
    raw = parsed(message)
    assert len(raw["To"].addresses) == 1
    assert re.fullmatch(rf"<[^<>@\s]+@{re.escape(domain)}>", raw["Message-ID"])
    assert raw["Auto-Submitted"] == "auto-generated"
    assert raw["Date"].datetime is not None
    if unsubscribe:
        assert re.fullmatch(r"<https?://[^<>\s]+>", raw["List-Unsubscribe"].strip())
        assert raw["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    else:
        assert raw["List-Unsubscribe"] is None and raw["List-Unsubscribe-Post"] is None
    return raw
