"""The attestation of sending of one convocation version, as PDF and CSV:
each member with the channel, the sending time (or posting date), the
delivery status, the first consultation, the acknowledgement and the
answer; the documents with their SHA-256; the manifest's fingerprint and
seal; then the audit trail of the meeting."""
import csv
import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.pdf import Document

from . import manifest
from .audit import trail
from .models import Delivery


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "d/m/Y H:i:s") if moment else ""


def rows(convocation):
    """One row per recipient of the version, in the columns of headings()."""
    deliveries = (Delivery.objects.filter(convocation=convocation)
                  .select_related("recipient").order_by("recipient__name", "pk"))
    result = []
    for delivery in deliveries:
        recipient = delivery.recipient
        sent = _when(delivery.sent_at) or (delivery.posted_on.strftime("%d/%m/%Y") if delivery.posted_on else "")
        status = delivery.get_status_display()
        if delivery.message_id:
            status = f"{status} ({delivery.message_id})"
        elif delivery.error:
            status = f"{status} : {delivery.error}"
        result.append([
            recipient.name, recipient.get_channel_display(), sent, status, _when(recipient.first_opened_at),
            _when(recipient.acknowledged_at),
            recipient.get_answer_display() if recipient.expects_answer else "—",
        ])
    return result


def headings():
    return [_("Member"), _("Channel"), _("Sent or posted"), _("Delivery"), _("First consultation"),
            _("Acknowledged"), _("Answer")]


def audit_rows(meeting):
    return [
        [_when(event.at), event.get_kind_display(), event.recipient.name if event.recipient else "",
         (event.actor.get_full_name() or event.actor.get_username()) if event.actor else _("platform"), event.detail]
        for event in trail(meeting)
    ]


def audit_headings():
    return [_("Date"), _("Event"), _("Recipient"), _("By"), _("Detail")]


def as_csv(convocation):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    meeting = convocation.meeting
    version = _("version %(version)d") % {"version": convocation.version}
    writer.writerow([_("Attestation of sending"), meeting.title, version])
    writer.writerow([_("Manifest SHA-256"), convocation.manifest_sha256, _("Server seal"), convocation.signature])
    writer.writerow(headings())
    writer.writerows(rows(convocation))
    writer.writerow([])
    writer.writerow(audit_headings())
    writer.writerows(audit_rows(meeting))
    # A BOM so that spreadsheet programs read the accents right.
    return ("\ufeff" + out.getvalue()).encode()


def as_pdf(convocation):
    meeting = convocation.meeting
    doc = Document(
        _("Attestation of sending — %(title)s") % {"title": meeting.title},
        _("%(instance)s — convocation version %(version)d (%(reason)s) of %(date)s") % {
            "instance": meeting.instance.name, "version": convocation.version,
            "reason": convocation.get_reason_display(), "date": _when(convocation.created_at)},
    )
    doc.paragraph(manifest_summary(convocation))
    doc.heading(_("Recipients"))
    doc.table(headings(), rows(convocation), widths=[34, 18, 25, 40, 25, 25, 23])
    documents = manifest.documents_of(convocation)
    if documents:
        doc.heading(_("Documents sent"))
        # The title the members saw, not the storage name (suffixed by the
        # storage when two uploads share a name): the SHA-256 identifies the file.
        doc.table([_("Document"), _("SHA-256")], [[d["title"], d["sha256"]] for d in documents],
                  widths=[90, 100], size=6.5)
    doc.heading(_("Audit trail"))
    doc.table(audit_headings(), audit_rows(meeting), widths=[28, 35, 35, 30, 62], size=6.5)
    return doc.output()


def manifest_summary(convocation):
    if not convocation.manifest:
        return _("The sending task has not sealed this version's manifest yet: download the attestation again "
                 "in a moment.")
    sealed = _("the seal is valid") if manifest.is_sealed(convocation) else _("THE SEAL DOES NOT MATCH")
    text = _("Manifest SHA-256: %(sha)s. Server seal (HMAC-SHA256): %(seal)s — %(state)s.") % {
        "sha": convocation.manifest_sha256, "seal": convocation.signature, "state": sealed}
    return f"{text} {timestamp_summary(manifest.timestamp_proof(convocation))}"


def timestamp_summary(proof):
    """The RFC 3161 stamp in words: the proof a third party can check."""
    if proof is None:
        return _("No RFC 3161 time stamp: no authority was configured or it did not answer.")
    values = {"time": _when(proof.time) or "?",
              "authority": proof.authority or _("unnamed authority")}
    if proof.verified:
        return _("RFC 3161 time stamp of %(time)s by %(authority)s: verified.") % values
    return _("RFC 3161 time stamp of %(time)s by %(authority)s: NOT VERIFIED (%(problem)s).") % {
        **values, "problem": proof.problem}
