#!/usr/bin/env python3
"""A stand-in token issuer for the benches: the services validate bearer tokens against the
issuer's published keys (OpenID Connect discovery + JWKS), so the bench publishes its own key
and signs one access token with it, instead of running the identity service and signing in.

    bench_issuer.py DIR ISSUER_URL KEY_PEM [PERMS]
        writes DIR/.well-known/openid-configuration and DIR/jwks.json (serve DIR over HTTP at
        ISSUER_URL, e.g. python3 -m http.server) and prints an RS256 access token on stdout
        carrying the comma-separated PERMS (default clients.read).

The token carries what identity puts into a staff user's token (see CrmClaims in
services/BuildingBlocks): sub, name, perm=clients.read and client_visibility=all.
Only the standard library and the openssl command are used.
"""
import base64
import json
import os
import subprocess
import sys
import time


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def main() -> int:
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    out_dir, issuer, key_pem = sys.argv[1:4]
    perms = sys.argv[4].split(",") if len(sys.argv) == 5 else ["clients.read"]
    if not issuer.endswith("/"):
        issuer += "/"

    modulus_hex = subprocess.run(
        ["openssl", "rsa", "-in", key_pem, "-noout", "-modulus"],
        check=True, capture_output=True, text=True).stdout.strip().split("=", 1)[1]
    kid = "crmsuite-bench"
    jwks = {"keys": [{
        "kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid,
        "n": b64url(bytes.fromhex(modulus_hex)),
        "e": b64url((65537).to_bytes(3, "big")),
    }]}
    discovery = {
        "issuer": issuer,
        "jwks_uri": issuer + "jwks.json",
        "authorization_endpoint": issuer + "connect/authorize",
        "token_endpoint": issuer + "connect/token",
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }
    os.makedirs(os.path.join(out_dir, ".well-known"), exist_ok=True)
    with open(os.path.join(out_dir, ".well-known", "openid-configuration"), "w") as f:
        json.dump(discovery, f)
    with open(os.path.join(out_dir, "jwks.json"), "w") as f:
        json.dump(jwks, f)

    now = int(time.time())
    header = {"alg": "RS256", "typ": "at+jwt", "kid": kid}
    payload = {
        "iss": issuer,
        "sub": "bench-user",
        "name": "Bench User",
        "perm": perms,
        "client_visibility": "all",
        "iat": now,
        "nbf": now - 60,
        "exp": now + 4 * 3600,
    }
    signing_input = (b64url(json.dumps(header, separators=(",", ":")).encode()) + "." +
                     b64url(json.dumps(payload, separators=(",", ":")).encode()))
    signature = subprocess.run(
        ["openssl", "dgst", "-sha256", "-sign", key_pem],
        input=signing_input.encode("ascii"), check=True, capture_output=True).stdout
    print(signing_input + "." + b64url(signature))
    return 0


if __name__ == "__main__":
    sys.exit(main())
