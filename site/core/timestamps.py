"""RFC 3161 time stamps: proof, checkable by anyone, that some bytes existed
at a given time, signed by an outside authority (TSA). It is what makes a
convocation's manifest verifiable by a third party: unlike our server's
HMAC, it does not depend on our keys, nor on their rotation.

    token = stamp(data)           # b"" when no authority is configured
    proof = read(token, data)     # Proof(time, authority, verified, problem)

The request, the answer's parsing and the signature check are done by
rfc3161-client (a maintained library); the authority's root certificates
come from TIMESTAMP_AUTHORITY_ROOTS (a PEM file). An answer that does not
verify is never stored: a proof nobody can check is no proof.

A third party checks a stored token with OpenSSL, e.g.
    openssl ts -verify -data manifest.json -in horodatage.tsr -CAfile autorite.pem"""
import logging
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import rfc3161_client
from cryptography import x509
from django.conf import settings
from django.core.checks import Warning as CheckWarning
from django.core.checks import register
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10
# A TimeStampResp is a few kilobytes; an authority answering more is broken.
MAX_ANSWER_BYTES = 256 * 1024


class TimestampError(Exception):
    """The authority's answer is not a valid time stamp of our data."""


@dataclass(frozen=True)
class Proof:
    time: datetime | None
    authority: str
    verified: bool
    problem: str = ""


def authority_url():
    return getattr(settings, "TIMESTAMP_AUTHORITY_URL", "")


@lru_cache(maxsize=4)
def _roots(path):
    return x509.load_pem_x509_certificates(Path(path).read_bytes())


def roots():
    """The authority's root certificates, or [] when none are configured."""
    path = getattr(settings, "TIMESTAMP_AUTHORITY_ROOTS", "")
    return list(_roots(path)) if path else []


def _verify(answer, data, request=None):
    """Checks the answer's status, message imprint, nonce (when we have the
    request) and signature chain up to a configured root."""
    if answer.status not in (rfc3161_client.PKIStatus.GRANTED, rfc3161_client.PKIStatus.GRANTED_WITH_MODS):
        raise TimestampError(f"status {answer.status}: {' '.join(answer.status_string)}")
    trusted = roots()
    if not trusted:
        raise TimestampError("no root certificate configured (TIMESTAMP_AUTHORITY_ROOTS)")
    builder = (rfc3161_client.VerifierBuilder.from_request(request) if request is not None
               else rfc3161_client.VerifierBuilder())
    for root in trusted:
        builder = builder.add_root_certificate(root)
    try:
        builder.build().verify_message(answer, data)
    except (rfc3161_client.VerificationError, ValueError) as error:
        raise TimestampError(str(error)) from error


def stamp(data):
    """The authority's verified TimeStampResp (DER bytes) for `data`, or b""
    when no authority is configured or its answer is missing or invalid
    (logged: the sending goes on, the attestation says there is no time
    stamp)."""
    url = authority_url()
    if not url:
        return b""
    # SHA-256, the manifests' own hash; the answer carries the certificates.
    request = (rfc3161_client.TimestampRequestBuilder(hash_algorithm=rfc3161_client.HashAlgorithm.SHA256)
               .data(data).nonce(nonce=True).cert_request(cert_request=True).build())
    http = urllib.request.Request(url, data=request.as_bytes(),
                                  headers={"Content-Type": "application/timestamp-query"})
    try:
        with urllib.request.urlopen(http, timeout=TIMEOUT_SECONDS) as response:
            body = response.read(MAX_ANSWER_BYTES + 1)
        if len(body) > MAX_ANSWER_BYTES:
            raise TimestampError("answer too large")
        _verify(rfc3161_client.decode_timestamp_response(body), data, request)
    except OSError:
        logger.exception("The timestamp authority %s did not answer", url)
        return b""
    except (TimestampError, ValueError):
        logger.exception("The timestamp authority %s answered something we cannot verify", url)
        return b""
    return body


def _authority_name(answer):
    """The authority's name from its signing certificate (or the TSA name
    field), for people to read."""
    for der in answer.signed_data.certificates:
        certificate = x509.load_der_x509_certificate(der)
        names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        if names and not _is_ca(certificate):
            return names[0].value
    return ""


def _is_ca(certificate):
    try:
        return certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


def read(token, data):
    """What a stored token proves about `data` now: its time, its authority,
    and whether it verifies against the configured roots."""
    try:
        answer = rfc3161_client.decode_timestamp_response(bytes(token))
    except ValueError as error:
        return Proof(None, "", False, str(error))
    time, authority = answer.tst_info.gen_time, _authority_name(answer)
    try:
        _verify(answer, data)
    except TimestampError as error:
        return Proof(time, authority, False, str(error))
    return Proof(time, authority, True)


@register(deploy=True)
def check_roots(app_configs, **kwargs):
    """A time stamp authority without its roots would make every stamp
    unverifiable, hence never stored."""
    if authority_url() and not getattr(settings, "TIMESTAMP_AUTHORITY_ROOTS", ""):
        return [CheckWarning(_("TIMESTAMP_AUTHORITY_URL is set without TIMESTAMP_AUTHORITY_ROOTS: no time stamp "
                               "can be verified, so none will be stored."), id="core.W001")]
    return []
