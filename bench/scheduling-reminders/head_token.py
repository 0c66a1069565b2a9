#!/usr/bin/env python3
"""Signs a team head's access token with the bench issuer's key (see ../gateway-overhead/bench_issuer.py,
which publishes the key and signs a director's token): what identity puts into the token of the head
of one team, so the week view goes through the team visibility rule, not the "all" shortcut.

    head_token.py ISSUER_URL KEY_PEM USER_ID TEAM_ID   -> prints the token
"""
import base64
import json
import subprocess
import sys
import time


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def main() -> int:
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    issuer, key_pem, user_id, team_id = sys.argv[1:5]
    now = int(time.time())
    header = {"alg": "RS256", "typ": "at+jwt", "kid": "crmsuite-bench"}
    payload = {
        "iss": issuer, "sub": user_id, "name": "Bench Team Head",
        "perm": ["scheduling.read"], "client_visibility": "team", "team": team_id, "team_head": [team_id],
        "iat": now, "nbf": now - 60, "exp": now + 4 * 3600,
    }
    signing_input = (b64url(json.dumps(header, separators=(",", ":")).encode()) + "." +
                     b64url(json.dumps(payload, separators=(",", ":")).encode()))
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key_pem],
                               input=signing_input.encode("ascii"), check=True, capture_output=True).stdout
    print(signing_input + "." + b64url(signature))
    return 0


if __name__ == "__main__":
    sys.exit(main())
