#!/usr/bin/env python3
"""Publishes bench/processes' process through the REST API and starts it COUNT times, CONNECTIONS
at once (as people and integrations would): start.py BASE_URL TOKEN BPMN_FILE COUNT CONNECTIONS [NAME].
Prints one line: how many started and how fast. Exits non-zero if any call did not answer 200."""
import json
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def call(base, token, method, path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method=method,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def main() -> int:
    base, token, bpmn, count, connections = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    name = sys.argv[6] if len(sys.argv) > 6 else "Bench"
    with open(bpmn, encoding="utf-8") as f:
        process = call(base, token, "POST", "/v1/processes", {"name": name, "xml": f.read()})
    if process.get("draftProblems"):
        print("the process does not compile: " + json.dumps(process["draftProblems"]), file=sys.stderr)
        return 1
    call(base, token, "POST", f"/v1/processes/{process['id']}:publish", {"version": process["version"]})
    began = time.monotonic()
    with ThreadPoolExecutor(connections) as pool:
        ids = list(pool.map(lambda _: call(base, token, "POST", f"/v1/processes/{process['id']}:start", {})["id"], range(count)))
    seconds = time.monotonic() - began
    print(f"{len(set(ids))} instances started through the API in {seconds:.1f} s ({len(ids) / seconds:.0f}/s, {connections} at once)")
    return 0 if len(set(ids)) == count else 1


if __name__ == "__main__":
    sys.exit(main())
