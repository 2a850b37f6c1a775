"""A real RFC 3161 time stamp authority for the tests: OpenSSL's `ts -reply`
(an implementation nobody here wrote) behind a local HTTP server, with its
own root and signing certificates made at start."""
import datetime
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CONFIG = """[ tsa ]
default_tsa = parvis_tests
[ parvis_tests ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def _certificate(name, key, issuer_name, issuer_key, *, ca):
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
               .issuer_name(issuer_name).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1))
               .not_valid_after(now + datetime.timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False),
            critical=True)
    else:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _write(path, certificate=None, key=None):
    if certificate is not None:
        path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    else:
        path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))


def make_authority(folder, name="Autorité d'horodatage de test"):
    """Root and signing certificates, key and OpenSSL configuration in
    `folder`; returns the configuration file."""
    root_key, tsa_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    root_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Racine de test")])
    root = _certificate("Racine de test", root_key, root_name, root_key, ca=True)
    _write(folder / "root.pem", root)
    _write(folder / "tsa.pem", _certificate(name, tsa_key, root_name, root_key, ca=False))
    _write(folder / "tsa.key", key=tsa_key)
    (folder / "serial").write_text("01\n")
    config = folder / "ts.cnf"
    config.write_text(CONFIG.format(dir=folder))
    return config


class _Handler(BaseHTTPRequestHandler):
    config = None

    def do_POST(self):
        query = self.rfile.read(int(self.headers["Content-Length"]))
        with tempfile.TemporaryDirectory() as scratch:
            (Path(scratch) / "q.tsq").write_bytes(query)
            subprocess.run(["openssl", "ts", "-reply", "-config", str(self.config), "-queryfile",
                            f"{scratch}/q.tsq", "-out", f"{scratch}/r.tsr"], check=True, capture_output=True)
            answer = (Path(scratch) / "r.tsr").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


class Authority:
    """Started on a free port; .url, .roots (PEM path), .stop()."""

    def __init__(self, folder):
        handler = type("Handler", (_Handler,), {"config": make_authority(folder)})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.roots = str(folder / "root.pem")
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def authority(settings, tmp_path):
    """An authority the settings point at, with its root trusted."""
    served = Authority(tmp_path)
    settings.TIMESTAMP_AUTHORITY_URL = served.url
    settings.TIMESTAMP_AUTHORITY_ROOTS = served.roots
    yield served
    served.stop()
