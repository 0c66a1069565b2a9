#!/usr/bin/env python3
"""The week view as the staff UI loads it: ListItems over REST for one week (from/to), page after
page (page size PAGE_SIZE, default 1000: the most the service allows for a window, as the staff UI asks) until there is no next page token; one view =
all its pages. Sequential, one keep-alive connection, against 127.0.0.1 only.

    week_view.py BASE_URL PATH TOKEN WEEKS_FILE WARMUP VIEWS SEED [PAGE_SIZE]
        WEEKS_FILE: one "from to" pair (RFC 3339 UTC) a line. Prints one line per measured view
        ("ms items pages bytes") and a last line "RESULT views=... p50_ms=... p95_ms=... items_avg=... pages_avg=... errors=...".
"""
import http.client
import random
import re
import sys
import time
import urllib.parse

NEXT = re.compile(rb'"nextPageToken"\s*:\s*"([^"]*)"')
# An item of ListItems, or a cell of the calendar view (GET /v1/calendar): both name their owner.
ITEM = re.compile(rb'"ownerUserId"\s*:')


def main() -> int:
    base, path, token, weeks_file = sys.argv[1:5]
    warmup, views, seed = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
    page_size = sys.argv[8] if len(sys.argv) > 8 else "1000"
    url = urllib.parse.urlsplit(base)
    if url.hostname != "127.0.0.1":
        print("week_view.py targets 127.0.0.1 only", file=sys.stderr)
        return 2
    weeks = [line.split() for line in open(weeks_file) if line.strip()]
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    headers = {"Authorization": "Bearer " + token, "Accept": "application/json"}
    times, items_seen, pages_seen, bytes_seen, errors = [], [], [], [], 0
    for n in range(warmup + views):
        start, end = rng.choice(weeks)
        page_token, items, pages, size = "", 0, 0, 0
        t0 = time.perf_counter()
        while True:
            query = {"from": start, "to": end, "pageSize": page_size}
            if page_token:
                query["pageToken"] = page_token
            conn.request("GET", path + "?" + urllib.parse.urlencode(query), headers=headers)
            response = conn.getresponse()
            body = response.read()
            pages += 1
            size += len(body)
            if response.status != 200:
                errors += 1
                print(f"status {response.status}: {body[:300]!r}", file=sys.stderr)
                break
            items += len(ITEM.findall(body))
            found = NEXT.search(body)
            page_token = found.group(1).decode() if found else ""
            if not page_token:
                break
        elapsed = (time.perf_counter() - t0) * 1000
        if n >= warmup:
            times.append(elapsed)
            items_seen.append(items)
            pages_seen.append(pages)
            bytes_seen.append(size)
            print(f"{elapsed:.2f} {items} {pages} {size}")
    ordered = sorted(times)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    print(f"RESULT views={len(times)} p50_ms={p(0.50):.2f} p95_ms={p(0.95):.2f} "
          f"items_avg={sum(items_seen) / len(items_seen):.0f} pages_avg={sum(pages_seen) / len(pages_seen):.1f} kb_avg={sum(bytes_seen) / len(bytes_seen) / 1024:.0f} errors={errors}")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
