#!/usr/bin/env python3
"""latency.py COMMITS AUDIT: COMMITS has "event_id commit_epoch" of the business transactions,
AUDIT "event_id commit_epoch" of the audit rows; prints matched/missing counts and the
commit-to-audit-row latency percentiles (ms)."""
import sys


def load(path):
    with open(path) as f:
        return {parts[0]: float(parts[1]) for parts in (line.split() for line in f) if len(parts) == 2}


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


commits, audit = load(sys.argv[1]), load(sys.argv[2])
latencies = sorted((audit[i] - t) * 1000 for i, t in commits.items() if i in audit)
missing = sum(1 for i in commits if i not in audit)
span = max(commits.values()) - min(commits.values()) if len(commits) > 1 else 0
print(f"events committed {len(commits)} over {span:.1f} s ({len(commits) / span if span else 0:.0f}/s); "
      f"in the audit log {len(latencies)}; missing {missing}")
print("commit-to-audit-row latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f" % (
    percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99), latencies[-1] if latencies else float("nan")))
print("RESULT p50=%.3f p99=%.3f missing=%d" % (percentile(latencies, 50), percentile(latencies, 99), missing))
