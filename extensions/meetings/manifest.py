"""The proof of sending: for each convocation version, a manifest (JSON)
naming the meeting, the convocation text, every recipient with their
channel, and every document with its SHA-256; stored as the exact bytes
that were sealed by the server's signature (an HMAC of SECRET_KEY), and
timestamped by an RFC 3161 authority when MEETINGS_TSA_URL is set.

Anyone holding a file can check it against a manifest: file_matches()."""
import base64
import hashlib
import hmac
import json
import logging
import secrets
import urllib.request

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import strip_tags

logger = logging.getLogger(__name__)
SEAL_SALT = "extensions.meetings.manifest"


def sha256_of(document):
    """The SHA-256 (hex) and size of a stored document's file."""
    digest = hashlib.sha256()
    size = 0
    with document.file.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def content(meeting):
    """What the members are convened to: the part of the manifest whose
    change after sending makes a new version."""
    from .notices import convocation_text

    items = []
    # The ordre du jour's order, then creation order: items added by code
    # carry no sort_order, and PostgreSQL returns ties in any order.
    in_order = sorted(meeting.agenda_items.all(), key=lambda item: (item.sort_order is None, item.sort_order or 0, item.pk))
    for number, item in enumerate(in_order, start=1):
        documents = []
        for block in item.documents:
            document = block.value.get("document")
            if document is None:
                continue
            sha256, size = sha256_of(document)
            documents.append({
                "id": document.pk, "title": document.title, "kind": block.value["kind"],
                "filename": document.filename, "size": size, "sha256": sha256,
            })
        items.append({
            "number": number, "title": item.title,
            "rapporteur": item.rapporteur.get_full_name() if item.rapporteur else "",
            "note": strip_tags(item.note or "").strip(),
            "documents": documents,
        })
    return {
        "meeting": {
            "id": meeting.pk, "title": meeting.title, "instance": meeting.instance.name,
            "start": timezone.localtime(meeting.start).isoformat(), "place": meeting.place,
            "address": meeting.address, "public": meeting.is_public, "urgency": meeting.urgency,
            "urgency_reason": meeting.urgency_reason,
        },
        "text": convocation_text(meeting),
        "items": items,
    }


def build(meeting, version, reason, recipients, created_at):
    return {
        "version": version,
        "reason": reason,
        "created_at": timezone.localtime(created_at).isoformat(),
        **content(meeting),
        "recipients": [
            {"id": r.pk, "name": r.name, "email": r.email, "channel": r.channel,
             "postal_address": r.postal_address}
            for r in recipients
        ],
    }


def serialize(manifest):
    """The canonical bytes of a manifest (what is hashed and sealed)."""
    return json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()


def seal(data):
    return salted_hmac(SEAL_SALT, data, algorithm="sha256").hexdigest()


def is_sealed(convocation):
    """True when the stored manifest is the one this server sealed, with
    its current SECRET_KEY or one of SECRET_KEY_FALLBACKS: rotating the key
    (the old one kept as a fallback) does not break older seals."""
    data = convocation.manifest.encode()
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return hashlib.sha256(data).hexdigest() == convocation.manifest_sha256 and any(
        hmac.compare_digest(salted_hmac(SEAL_SALT, data, secret=key, algorithm="sha256").hexdigest(),
                            convocation.signature)
        for key in keys
    )


def seal_version(convocation):
    """Builds, hashes, seals and timestamps the manifest of a version created
    without one (by the task, before its e-mails leave); returns the
    version. Done once: of two tasks, the first UPDATE wins and the other
    reads its manifest."""
    if convocation.manifest:
        return convocation
    meeting = convocation.meeting
    data = serialize(build(meeting, convocation.version, convocation.reason, meeting.recipients.all(),
                           convocation.created_at))
    fields = {"manifest": data.decode(), "manifest_sha256": hashlib.sha256(data).hexdigest(),
              "signature": seal(data), "timestamp_token": timestamp(data)}
    if not type(convocation).objects.filter(pk=convocation.pk, manifest="").update(**fields):
        convocation.refresh_from_db(fields=list(fields))
        return convocation
    for name, value in fields.items():
        setattr(convocation, name, value)
    return convocation


def documents_of(convocation):
    """The document entries of a stored manifest (none while the task has
    not sealed it yet)."""
    manifest = json.loads(convocation.manifest or "{}")
    return [doc for item in manifest.get("items", []) for doc in item["documents"]]


def file_matches(convocation, fileobj, among=None):
    """The manifest's entry for the document whose content is `fileobj`'s
    (a readable binary file), or None; only documents whose id is in
    `among` when given."""
    digest = hashlib.sha256()
    for chunk in iter(lambda: fileobj.read(1 << 16), b""):
        digest.update(chunk)
    found = digest.hexdigest()
    return next((doc for doc in documents_of(convocation)
                 if doc["sha256"] == found and (among is None or doc["id"] in among)), None)


# RFC 3161: a TimeStampReq is small enough to write by hand in DER.
SHA256_OID = bytes.fromhex("0609608648016503040201")  # 2.16.840.1.101.3.4.2.1


def _der(tag, body):
    length = len(body)
    if length < 0x80:
        size = bytes([length])
    else:
        raw = length.to_bytes((length.bit_length() + 7) // 8, "big")
        size = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + size + body


def timestamp_request(digest, nonce):
    """TimeStampReq ::= SEQUENCE { version 1, messageImprint { sha256, digest }, nonce, certReq TRUE }."""
    algorithm = _der(0x30, SHA256_OID + b"\x05\x00")
    imprint = _der(0x30, algorithm + _der(0x04, digest))
    nonce_bytes = nonce.to_bytes((nonce.bit_length() + 8) // 8, "big")
    return _der(0x30, _der(0x02, b"\x01") + imprint + _der(0x02, nonce_bytes) + _der(0x01, b"\xff"))


def timestamp(data):
    """The authority's TimeStampResp (base64) for `data`, or "" when no
    authority is configured or it does not answer (logged: the seal
    remains, the timestamp is an addition)."""
    url = getattr(settings, "MEETINGS_TSA_URL", "")
    if not url:
        return ""
    request = urllib.request.Request(
        url, data=timestamp_request(hashlib.sha256(data).digest(), secrets.randbits(63)),
        headers={"Content-Type": "application/timestamp-query"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return base64.b64encode(response.read()).decode()
    except OSError:
        logger.exception("The timestamp authority %s did not answer", url)
        return ""
