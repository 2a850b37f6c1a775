"""RFC 3161 stamps: asked of a real authority (OpenSSL), verified before
they are stored, and checkable later by us and by OpenSSL itself."""
import subprocess

import pytest

from core import timestamps
from tests.core.tsa import Authority, authority  # noqa: F401  (fixture)

pytestmark = pytest.mark.sqlite


def test_no_authority_no_stamp(settings):
    settings.TIMESTAMP_AUTHORITY_URL = ""
    assert timestamps.stamp(b"manifest") == b""


def test_a_stamp_is_verified_and_names_its_authority(authority):
    token = timestamps.stamp(b"manifest")
    proof = timestamps.read(token, b"manifest")
    assert proof.verified and proof.authority == "Autorité d'horodatage de test" and proof.time is not None


def test_a_stamp_does_not_prove_other_bytes(authority):
    proof = timestamps.read(timestamps.stamp(b"manifest"), b"manifest, changed")
    assert not proof.verified and proof.problem


def test_an_authority_we_do_not_trust_is_not_stored(authority, settings, tmp_path):
    (tmp_path / "other").mkdir()
    stranger = Authority(tmp_path / "other")
    try:
        settings.TIMESTAMP_AUTHORITY_URL = stranger.url  # roots are still the first authority's
        assert timestamps.stamp(b"manifest") == b""
    finally:
        stranger.stop()


def test_an_authority_that_does_not_answer_gives_no_stamp(authority, settings):
    authority.stop()
    assert timestamps.stamp(b"manifest") == b""


def test_openssl_verifies_what_we_store(authority, tmp_path):
    """A third party needs only the manifest, the token and the authority's
    root certificate."""
    (tmp_path / "manifest.json").write_bytes(b"manifest")
    (tmp_path / "horodatage.tsr").write_bytes(timestamps.stamp(b"manifest"))
    result = subprocess.run(["openssl", "ts", "-verify", "-data", str(tmp_path / "manifest.json"), "-in",
                             str(tmp_path / "horodatage.tsr"), "-CAfile", authority.roots],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "Verification: OK" in result.stdout


def test_the_deploy_check_warns_of_an_authority_without_roots(settings):
    settings.TIMESTAMP_AUTHORITY_URL, settings.TIMESTAMP_AUTHORITY_ROOTS = "https://tsa.example/", ""
    assert [w.id for w in timestamps.check_roots(None)] == ["core.W001"]
