"""The proof of sending: for each convocation version, a manifest (JSON)
naming the meeting, the convocation text, every recipient with their
channel, and every document with its SHA-256; stored as the exact bytes
that were sealed by the server's signature (an HMAC of SECRET_KEY, for our
own integrity check), and time-stamped by an RFC 3161 authority when
TIMESTAMP_AUTHORITY_URL is set: the stamp is the proof a third party can
check without our keys (core.timestamps).

Anyone holding a file can check it against a manifest: file_matches()."""
import base64
import hashlib
import hmac
import json

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import strip_tags

from core import timestamps

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
    """True when the stored manifest is the one that was sealed: its
    verified RFC 3161 stamp says so whatever our keys became; without one,
    the HMAC with the current SECRET_KEY or one of SECRET_KEY_FALLBACKS
    (rotating the key, the old one kept as a fallback, keeps older seals)."""
    data = convocation.manifest.encode()
    if hashlib.sha256(data).hexdigest() != convocation.manifest_sha256:
        return False
    proof = timestamp_proof(convocation)
    if proof is not None and proof.verified:
        return True
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(
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


def timestamp(data):
    """The authority's verified RFC 3161 answer for `data`, base64 (as
    stored), or "" (core.timestamps says why in the log)."""
    return base64.b64encode(timestamps.stamp(data)).decode()


def timestamp_proof(convocation):
    """What the stored time stamp proves about the stored manifest (a
    core.timestamps.Proof), or None when the version has none."""
    if not convocation.timestamp_token:
        return None
    return timestamps.read(base64.b64decode(convocation.timestamp_token), convocation.manifest.encode())
