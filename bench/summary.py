#!/usr/bin/env python3
"""Summarise one bench/run: quality scores, timings and peak RSS, printed as a
table and written as JSON.

Usage: summary.py --raw RAW_DIR --sets aeb,wcxb-dev --out SUMMARY_JSON
                  [--timer NAME] [--build DIR] [--runs N]

RAW_DIR/<set>/score.json        score.py --json output
RAW_DIR/<set>/gumbo.txt         gumbo_parse output: "<pages> pages, <bytes> bytes"
RAW_DIR/<set>/timing/*.json     hyperfine-style exports, one per round;
                                results[0] is gumbo_parse, results[1] is clean
RAW_DIR/rss-{clean,gumbo}.txt   /usr/bin/time -v output on the largest aeb page
RAW_DIR/largest                 path of that page
"""
import argparse
import datetime
import json
import re
import statistics
import sys
from pathlib import Path

# Project targets: (now, later).
kF1Targets = {"aeb": (0.94, 0.97), "wcxb-dev": (0.90, 0.95)}
kRatioTargets = (1.5, 1.0)


def load_json(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def timings(timing_dir):
    walls = {"gumbo": [], "clean": []}
    cpus = {"gumbo": [], "clean": []}
    failed = {"gumbo": 0, "clean": 0}
    for f in sorted(timing_dir.glob("*.json")):
        data = load_json(f)
        if not data:
            continue
        for name, res in zip(("gumbo", "clean"), data["results"]):
            walls[name] += res["times"]
            cpus[name].append((res.get("user") or 0) + (res.get("system") or 0))
            failed[name] += sum(1 for c in res.get("exit_codes", []) if c)
    med = {k: statistics.median(v) if v else None for k, v in walls.items()}
    cpu = {k: statistics.median(v) if v else None for k, v in cpus.items()}
    return med, cpu, failed, len(walls["clean"])


def max_rss_kb(path):
    try:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", path.read_text())
    except OSError:
        return None
    return int(m.group(1)) if m else None


def set_row(raw, name):
    score = load_json(raw / name / "score.json") or {}
    m = re.match(r"(\d+) pages, (\d+) bytes", (raw / name / "gumbo.txt").read_text()
                 if (raw / name / "gumbo.txt").exists() else "")
    pages = int(m.group(1)) if m else score.get("pages")
    med, cpu, failed, rounds = timings(raw / name / "timing")
    clean, gumbo = med["clean"], med["gumbo"]
    return {
        "set": name,
        "pages": pages,
        "bytes": int(m.group(2)) if m else None,
        "precision": score.get("precision"),
        "recall": score.get("recall"),
        "f1": score.get("f1"),
        "missing": score.get("missing"),
        "clean_median_s": clean,
        "gumbo_median_s": gumbo,
        "ratio": clean / gumbo if clean and gumbo else None,
        "pages_per_s": pages / clean if clean and pages else None,
        "cpu_ratio": cpu["clean"] / cpu["gumbo"] if cpu["clean"] and cpu["gumbo"] else None,
        "clean_cpu_median_s": cpu["clean"],
        "gumbo_cpu_median_s": cpu["gumbo"],
        "timed_runs": rounds,
        "failed_runs": failed,
    }


def fmt(value, spec, width):
    return format(value, spec).rjust(width) if value is not None else "-".rjust(width)


def print_table(rows, rss):
    print(f"{'set':<10}{'pages':>6}{'P':>7}{'R':>7}{'F1':>7}{'clean s':>9}{'gumbo s':>9}"
          f"{'clean/gumbo':>13}{'pages/s':>9}")
    for r in rows:
        print(f"{r['set']:<10}{fmt(r['pages'], 'd', 6)}{fmt(r['precision'], '.3f', 7)}"
              f"{fmt(r['recall'], '.3f', 7)}{fmt(r['f1'], '.3f', 7)}{fmt(r['clean_median_s'], '.3f', 9)}"
              f"{fmt(r['gumbo_median_s'], '.3f', 9)}{fmt(r['ratio'], '.2f', 12)}x"
              f"{fmt(r['pages_per_s'], '.1f', 9)}")
    for r in rows:
        if r["missing"]:
            print(f"warning: {r['set']}: {r['missing']} pages have no prediction (scored as empty)")
        if any(r["failed_runs"].values()):
            print(f"warning: {r['set']}: non-zero exits in timed runs: {r['failed_runs']}")
        if r["clean_cpu_median_s"] and r["clean_median_s"] and r["clean_cpu_median_s"] > 1.2 * r["clean_median_s"]:
            print(f"warning: {r['set']}: clean used {r['clean_cpu_median_s']:.2f}s CPU in "
                  f"{r['clean_median_s']:.2f}s wall: not single-threaded?")
        if r["gumbo_cpu_median_s"] and r["gumbo_median_s"] and r["gumbo_cpu_median_s"] < 0.8 * r["gumbo_median_s"]:
            print(f"warning: {r['set']}: machine busy (gumbo_parse got {r['gumbo_cpu_median_s']:.2f}s CPU in "
                  f"{r['gumbo_median_s']:.2f}s wall); clean/gumbo by CPU time: {fmt(r['cpu_ratio'], '.2f', 0)}x")
    if rss.get("clean_kb"):
        gumbo = f" (gumbo_parse: {rss['gumbo_kb'] / 1024:.1f} MB)" if rss.get("gumbo_kb") else ""
        print(f"peak RSS, clean of the largest aeb page ({rss['page_kb']:.0f} KB): "
              f"{rss['clean_kb'] / 1024:.1f} MB{gumbo}")


def target_checks(rows):
    checks = []
    for r in rows:
        if r["set"] in kF1Targets and r["f1"] is not None:
            now, later = kF1Targets[r["set"]]
            checks.append({"what": f"{r['set']} F1", "value": r["f1"], "now": now, "later": later,
                           "met_now": r["f1"] >= now, "met_later": r["f1"] >= later})
        if r["ratio"] is not None:
            now, later = kRatioTargets
            checks.append({"what": f"{r['set']} clean/gumbo", "value": r["ratio"], "now": now,
                           "later": later, "met_now": r["ratio"] <= now, "met_later": r["ratio"] <= later})
    return checks


def print_targets(checks):
    parts = []
    for c in checks:
        op = "<=" if "gumbo" in c["what"] else ">="
        mark = "ok" if c["met_now"] else "MISSED"
        parts.append(f"{c['what']} {c['value']:.4f} {op} {c['now']} {mark}")
    if parts:
        print("targets now: " + "; ".join(parts))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", type=Path, required=True)
    ap.add_argument("--sets", required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--timer", default="")
    ap.add_argument("--build", default="")
    ap.add_argument("--runs", type=int, default=0)
    a = ap.parse_args()

    rows = [set_row(a.raw, s) for s in a.sets.split(",") if s]
    largest = (a.raw / "largest").read_text().strip() if (a.raw / "largest").exists() else None
    rss = {
        "page": largest,
        "page_kb": Path(largest).stat().st_size / 1024 if largest and Path(largest).exists() else None,
        "clean_kb": max_rss_kb(a.raw / "rss-clean.txt"),
        "gumbo_kb": max_rss_kb(a.raw / "rss-gumbo.txt"),
        "start_kb": max_rss_kb(a.raw / "rss-start.txt"),
    }
    checks = target_checks(rows)
    print_table(rows, rss)
    print_targets(checks)
    summary = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "build_dir": a.build,
        "timer": a.timer,
        "runs": a.runs,
        "sets": rows,
        "peak_rss": rss,
        "targets": checks,
    }
    a.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"written {a.out}")


if __name__ == "__main__":
    sys.exit(main())
