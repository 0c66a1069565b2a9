#!/usr/bin/env python3
"""latency.py COMMITS AUDIT: COMMITS has "event_id commit_epoch" of the business transactions,
AUDIT "event_id commit_epoch recorded_epoch" of the audit rows (recorded = when the audit service
began appending it); prints matched/missing counts and the commit-to-audit-row latency
percentiles (ms), split into delivery (relay + broker + subscriber until the append starts) and
the append itself (chain lock, insert, commit)."""
import sys


def load(path, column=1):
    with open(path) as f:
        return {parts[0]: float(parts[column]) for parts in (line.split() for line in f) if len(parts) > column}


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


commits, audit, recorded = load(sys.argv[1]), load(sys.argv[2]), load(sys.argv[2], 2)
latencies = sorted((audit[i] - t) * 1000 for i, t in commits.items() if i in audit)
missing = sum(1 for i in commits if i not in audit)
span = max(commits.values()) - min(commits.values()) if len(commits) > 1 else 0
print(f"events committed {len(commits)} over {span:.1f} s ({len(commits) / span if span else 0:.0f}/s); "
      f"in the audit log {len(latencies)}; missing {missing}")
print("commit-to-audit-row latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f" % (
    percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99), latencies[-1] if latencies else float("nan")))
delivery = sorted((recorded[i] - t) * 1000 for i, t in commits.items() if i in recorded)
append = sorted((audit[i] - recorded[i]) * 1000 for i in commits if i in audit and i in recorded)
print("  of which delivery to the audit service ms: p50 %.2f  p99 %.2f; append + commit ms: p50 %.2f  p99 %.2f" % (
    percentile(delivery, 50), percentile(delivery, 99), percentile(append, 50), percentile(append, 99)))
print("RESULT p50=%.3f p99=%.3f missing=%d" % (percentile(latencies, 50), percentile(latencies, 99), missing))
