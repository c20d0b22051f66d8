"""Per-state-dir identities: TLS CA + server certificate, OCI API signing key + config, Azure SP.

Everything is generated once per state dir and reused on restart, so SDK configs written by a
previous run keep working. ``credentials.json`` holds the identities (it is the twin's own
secret store: the state dir is a test fixture, not a vault).
"""

import base64
import datetime
import hashlib
import ipaddress
import json
import os
import secrets
import uuid

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from emulator import rules

CREDENTIALS_FILE = "credentials.json"
CA_CERT_FILE = "ca.pem"
SERVER_CERT_FILE = "server.pem"
SERVER_KEY_FILE = "server.key"
OCI_KEY_FILE = "oci_api_key.pem"
OCI_PUBLIC_KEY_FILE = "oci_api_key_public.pem"
OCI_CONFIG_FILE = "oci_config"
OCI_PROFILE = "DEFAULT"

_OCID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"   # OCIDs use lower-case base32


def new_ocid(resource_type, region_key=None):
    """An OCID of the real shape: ``ocid1.<type>.oc1.<region>.aaaaaaaa<52 base32 chars>``.

    Global resources (tenancy, user, compartment) have an empty region segment (``oc1..``).
    """
    unique = "aaaaaaaa" + "".join(secrets.choice(_OCID_ALPHABET) for _ in range(52))
    return "ocid1.%s.oc1.%s.%s" % (resource_type, region_key or "", unique)


def oci_fingerprint(public_key):
    """OCI's key fingerprint: colon-separated MD5 of the DER SubjectPublicKeyInfo."""
    der = public_key.public_bytes(serialization.Encoding.DER,
                                  serialization.PublicFormat.SubjectPublicKeyInfo)
    digest = hashlib.md5(der).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def _write(path, data, mode=0o600):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def _pem_private(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _make_tls(state_dir):
    """A CA and a server certificate for 127.0.0.1/localhost, signed by that CA."""
    now = datetime.datetime.now(datetime.timezone.utc)
    not_before = now - datetime.timedelta(days=1)
    not_after = now + datetime.timedelta(days=3650)

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "interconnect twin CA %s" % uuid.uuid4().hex[:8])])
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before).not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )

    server_key = ec.generate_private_key(ec.SECP256R1())
    server_cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before).not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName([
            x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=False, key_cert_sign=False,
                                     crl_sign=False, content_commitment=False, data_encipherment=False,
                                     key_agreement=False, encipher_only=False, decipher_only=False),
                       critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(server_key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    _write(os.path.join(state_dir, CA_CERT_FILE), ca_cert.public_bytes(serialization.Encoding.PEM), 0o644)
    _write(os.path.join(state_dir, SERVER_CERT_FILE), server_cert.public_bytes(serialization.Encoding.PEM), 0o644)
    _write(os.path.join(state_dir, SERVER_KEY_FILE), _pem_private(server_key))


def _make_oci(state_dir):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    key_file = os.path.join(state_dir, OCI_KEY_FILE)
    _write(key_file, _pem_private(key))
    _write(os.path.join(state_dir, OCI_PUBLIC_KEY_FILE), public_pem, 0o644)
    identity = {
        "tenancy": new_ocid("tenancy"),
        "user": new_ocid("user"),
        "compartment_id": new_ocid("compartment"),
        "fingerprint": oci_fingerprint(key.public_key()),
        "region": rules.OCI_REGION,
        "key_file": key_file,
        "config_file": os.path.join(state_dir, OCI_CONFIG_FILE),
        "profile": OCI_PROFILE,
        "public_key_pem": public_pem.decode("ascii"),
    }
    config = (
        "[%s]\nuser=%s\nfingerprint=%s\ntenancy=%s\nregion=%s\nkey_file=%s\n"
        % (OCI_PROFILE, identity["user"], identity["fingerprint"], identity["tenancy"],
           identity["region"], key_file)
    )
    _write(identity["config_file"], config)
    return identity


def _make_azure():
    return {
        "tenant_id": str(uuid.uuid4()),
        "client_id": str(uuid.uuid4()),
        # Entra secrets are 40 characters of a URL-safe alphabet; any printable value works here.
        "client_secret": base64.urlsafe_b64encode(secrets.token_bytes(30)).decode("ascii"),
        "subscription_id": str(uuid.uuid4()),
        "location": rules.AZURE_LOCATION,
    }


def ensure(state_dir):
    """Create the state dir's identities on first use; return them (the ``Twin.identity`` dict).

    Returned keys: ``oci`` (tenancy, user, compartment_id, fingerprint, region, key_file,
    config_file, profile, public_key_pem), ``azure`` (tenant_id, client_id, client_secret,
    subscription_id, location) and ``tls`` (ca_bundle, cert_file, key_file).
    """
    os.makedirs(state_dir, exist_ok=True)
    state_dir = os.path.abspath(state_dir)
    path = os.path.join(state_dir, CREDENTIALS_FILE)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            identity = json.load(fh)
    else:
        _make_tls(state_dir)
        identity = {"oci": _make_oci(state_dir), "azure": _make_azure()}
        _write(path, json.dumps(identity, indent=2))
    identity["tls"] = {
        "ca_bundle": os.path.join(state_dir, CA_CERT_FILE),
        "cert_file": os.path.join(state_dir, SERVER_CERT_FILE),
        "key_file": os.path.join(state_dir, SERVER_KEY_FILE),
    }
    return identity
