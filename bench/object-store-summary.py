#!/usr/bin/env python3
"""Markdown tables from bench/object-store.sh's reports: per store, Berth beside distribution (and RGW direct),
with the ratios the goals of issue 16 are stated in. Usage: object-store-summary.py RESULTS_DIR"""
import json
import os
import sys

out = sys.argv[1]
LABELS = {"berth": "B", "berth-before": "b0", "berth-redirect": "redirect", "distribution": "d", "rgw-direct": "direct"}


def load(store, scenario, label):
    path = os.path.join(out, f"{store}-{scenario}-{label}.json")
    if not os.path.exists(path):
        return {}
    return {level["concurrency"]: level for level in json.load(open(path))["levels"]}


def fmt(value, digits=0):
    return "-" if value is None else f"{value:,.{digits}f}"


def ratio(a, b):
    return "-" if a is None or not b else f"{a / b:.2f}×"


def get(level, *keys):
    for key in keys:
        if level is None or key not in level:
            return None
        level = level[key]
    return level


def rss(level):
    server = get(level, "server") or {}
    values = [v for v in (server.get("peakRssMiB"), server.get("maxSampledRssMiB")) if v is not None]
    return max(values) if values else None


def per_gigabyte(level, key):
    value, size = get(level, key), get(level, "bytes")
    return None if value is None or not size else value / (size / 1e9)


def table(store, scenario, title, metric, unit, cpu, cpu_label, labels=("berth", "distribution")):
    runs = {label: load(store, scenario, label) for label in labels}
    runs = {label: run for label, run in runs.items() if run}
    if "berth" not in runs:
        return
    shown = list(runs)
    short = " / ".join(LABELS[label] for label in shown)
    print(f"### {title} ({store})\n")
    header = ["clients"] + [f"{label} {unit}" for label in shown]
    header += [f"berth/{label}" for label in shown[1:]]
    header += [f"p50 ms {short}", f"p99 ms {short}", f"{cpu_label} {short}", f"RSS MiB {short}"]
    per_byte = store == "rgw" and metric == "megabytesPerSecond"
    if store == "rgw":
        header.append(f"RGW CPU s {short}")
    if per_byte:
        # What each target costs the store per byte served: a redirect moves the bytes' work from Berth to RGW.
        header.append(f"RGW CPU s/GB {short}")
    header.append(f"errors {short}")
    print("| " + " | ".join(header) + " |")
    print("|" + "---:|" * (len(header) - 1) + "---|")
    for c in sorted(set().union(*[set(run) for run in runs.values()])):
        levels = [runs[label].get(c) for label in shown]
        row = [str(c)] + [fmt(get(level, metric), 0 if unit == "req/s" else 1) for level in levels]
        row += [ratio(get(levels[0], metric), get(level, metric)) for level in levels[1:]]
        row.append(" / ".join(fmt(get(level, "latency", "p50"), 1) for level in levels))
        row.append(" / ".join(fmt(get(level, "latency", "p99"), 1) for level in levels))
        row.append(" / ".join(fmt(get(level, cpu), 2) for level in levels))
        row.append(" / ".join(fmt(rss(level)) for level in levels))
        if store == "rgw":
            row.append(" / ".join(fmt(get(level, "rgwCpuSeconds"), 2) for level in levels))
        if per_byte:
            row.append(" / ".join(fmt(per_gigabyte(level, "rgwCpuSeconds"), 2) for level in levels))
        row.append(" / ".join(fmt(get(level, "errorCount")) for level in levels))
        print("| " + " | ".join(row) + " |")
    print()


def sustained(store):
    runs = {label: load(store, "sustained", label) for label in ("berth", "distribution")}
    if not all(runs.values()):
        return
    single = [get(run.get(1), "latency", "p50") for run in runs.values()]
    single = [s for s in single if s]
    if not single:
        return
    bound = 2 * min(single)
    print(f"### Sustained concurrency, whole-image pulls ({store})\n")
    print(f"Bound: p99 ≤ 2 × the faster single-client time = {bound:,.0f} ms, zero errors; each client pulls three times.\n")
    print("| clients | p99 ms berth | p99 ms distribution | errors berth / distribution |")
    print("|---:|---:|---:|---|")
    best = {}
    for c in sorted(set(runs["berth"]) | set(runs["distribution"])):
        cells = []
        for label, run in runs.items():
            level = run.get(c)
            p99 = get(level, "latency", "p99")
            ok = level is not None and p99 is not None and p99 <= bound and get(level, "errorCount") == 0
            if ok and all((run.get(k) is not None and get(run.get(k), "latency", "p99") <= bound and get(run.get(k), "errorCount") == 0) for k in run if k <= c):
                best[label] = c
            cells.append(fmt(p99) + ("" if ok else " ✗"))
        errors = " / ".join(fmt(get(run.get(c), "errorCount")) for run in runs.values())
        print(f"| {c} | {cells[0]} | {cells[1]} | {errors} |")
    b, d = best.get("berth"), best.get("distribution")
    print(f"\n**Sustained concurrency ({store}): Berth {b or 0}, distribution {d or 0}"
          + (f" ({b / d:.1f}×)" if b and d else "") + ".**\n")
    # The same run against fixed bounds: a bound derived from the faster target's single-client time rules out the
    # slower target from its first level, so the ratio is also given for bounds both can meet.
    print("| bound (p99 of a whole-image pull, zero errors) | Berth | distribution | ratio |")
    print("|---|---:|---:|---:|")
    for fixed in (500, 1000, 2000):
        counts = [sustained_count(run, fixed) for run in runs.values()]
        print(f"| {fixed:,} ms | {counts[0]} | {counts[1]} | {ratio(counts[0], counts[1])} |")
    print()


def sustained_count(run, bound):
    """The largest client count at which this and every smaller level stayed within the bound with zero errors."""
    best = 0
    for c in sorted(run):
        p99 = get(run[c], "latency", "p99")
        if p99 is None or p99 > bound or get(run[c], "errorCount") != 0:
            break
        best = c
    return best


def crowd(store):
    runs = {label: load(store, "crowd", label) for label in ("berth", "distribution")}
    if not runs["berth"]:
        return
    print(f"### The crowd: many clients pulling one image at once ({store})\n")
    print("| target | clients | seconds until the last finishes | MB/s | server CPU s | peak RSS MiB | RGW CPU s | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, run in runs.items():
        for c, level in sorted(run.items()):
            print(f"| {label} | {c} | {fmt(get(level, 'elapsedSeconds'), 2)} | {fmt(get(level, 'megabytesPerSecond'))} | "
                  f"{fmt(get(level, 'server', 'cpuSeconds'), 2)} | {fmt(rss(level))} | {fmt(get(level, 'rgwCpuSeconds'), 2)} | {fmt(get(level, 'errorCount'))} |")
    print()


for store in ("rgw", "filesystem"):
    table(store, "manifest", "Manifest GET by tag", "requestsPerSecond", "req/s", "serverCpuMicrosecondsPerRequest", "CPU µs/req")
    table(store, "head", "Manifest HEAD by tag", "requestsPerSecond", "req/s", "serverCpuMicrosecondsPerRequest", "CPU µs/req")
    table(store, "pull", "Blob pull, all clients the same image", "megabytesPerSecond", "MB/s", "serverCpuSecondsPerGigabyte", "CPU s/GB",
          ("berth", "berth-redirect", "distribution", "rgw-direct"))
    table(store, "cold", "Cold blob pull (Berth's caches off, distinct images)", "megabytesPerSecond", "MB/s", "serverCpuSecondsPerGigabyte",
          "CPU s/GB", ("berth", "berth-redirect", "rgw-direct"))
    table(store, "coldbytes", "Cold blob bytes (content cache off, links and manifests seen before, distinct images)",
          "megabytesPerSecond", "MB/s", "serverCpuSecondsPerGigabyte", "CPU s/GB", ("berth", "berth-redirect", "rgw-direct"))
    table(store, "mixed", "Mixed (90% manifest GET, 9% pull, 1% push)", "requestsPerSecond", "req/s", "serverCpuMicrosecondsPerRequest", "CPU µs/req")
    table(store, "push", "Push, monolithic", "megabytesPerSecond", "MB/s", "serverCpuSecondsPerGigabyte", "CPU s/GB",
          ("berth", "berth-before", "distribution"))
    table(store, "chunked", "Push, chunked", "megabytesPerSecond", "MB/s", "serverCpuSecondsPerGigabyte", "CPU s/GB",
          ("berth", "berth-before", "distribution"))
    sustained(store)
    crowd(store)
