#!/usr/bin/env python3
"""Writes bench/RESULTS.md from a bench/run: figures, reference extractors, the ten worst pages of each set.

Usage: results.py --summary bench/out/summary.json --data bench-data --pred bench/out
                  --shared ../shared/bench --out bench/RESULTS.md --command "bench/run ..."

Per-page scores use ../shared/bench/score.py itself (imported), so they are the
benchmark's own definitions. Every sentence in the analysis is computed from
the figures, so the file never says more than the run showed.
"""
import argparse
import collections
import importlib.util
import json
import os
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse


# bench/text writes this section of RESULTS.md; bench/run leaves it alone.
TEXT_SECTION = "## Text input (`winnow clean --input text`)"


def load_scorer(shared):
    spec = importlib.util.spec_from_file_location("score", shared / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def paragraphs(text):
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text or "") if p.strip()]


def first_difference(gold, pred):
    """The first extra output paragraph, else the first missing gold paragraph."""
    gold_flat = " ".join(gold.split())
    pred_flat = " ".join(pred.split())
    for p in paragraphs(pred):
        if p[:60] not in gold_flat:
            return "extra: " + p[:80]
    for p in paragraphs(gold):
        if p[:60] not in pred_flat:
            return "missing: " + p[:80]
    return ""


def error_kind(gold, pred, precision, recall):
    if not gold.strip():
        return "no gold text"
    if not pred.strip():
        return "empty output"
    if recall < 0.3:
        return "wrong container"
    low_p, low_r = precision < 0.8, recall < 0.8
    if low_p and low_r:
        return "both"
    if low_r:
        return "missed part of the article"
    if low_p:
        return "kept boilerplate"
    return "small differences"


def page_rows(kind, data, pred, scorer):
    rows = []
    if kind == "aeb":
        gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id, item in gold.items():
            body = item.get("articleBody", "")
            text = scorer.read_pred(pred, page_id)
            tp, fp, fn = scorer.aeb_counts(body, text)
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            rows.append((f, p, r, page_id, item.get("url", ""), body, text))
    else:
        for f in sorted((data / "ground-truth").glob("*.json")):
            item = json.loads(f.read_text(encoding="utf-8"))
            body = (item.get("ground_truth") or {}).get("main_content") or ""
            text = scorer.read_pred(pred, f.stem)
            p, r, f1 = scorer.word_prf(body, text)
            rows.append((f1, p, r, f.stem, item.get("url", ""), body, text))
    rows.sort(key=lambda row: (row[0], row[3]))
    return rows


def reference_figures(shared_readme):
    """Rows of the shared README's reference table (the one whose header starts with "extractor"),
    as dicts keyed by its header cells."""
    rows, header = [], None
    for line in shared_readme.read_text(encoding="utf-8").splitlines():
        if not line.strip().startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells if cells[0] == "extractor" else []
        elif header and not set("".join(cells)) <= set("-: "):
            rows.append(dict(zip(header, cells)))
    return rows


def reference_cell(row, *starts):
    """The cell of `row` whose header starts with one of `starts`, or ""."""
    for name, value in row.items():
        if name.startswith(starts):
            return value
    return ""


def git_revision(repo):
    try:
        rev = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
        return rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--summary", type=Path, required=True)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--pred", type=Path, required=True)
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--jobs-json", type=Path, help="hyperfine JSON of a `winnow clean -j 0` run")
    ap.add_argument("--jobs-set", default="wcxb-dev", help="the set that --jobs-json timed")
    ap.add_argument("--repo", type=Path, default=Path(__file__).resolve().parent.parent)
    a = ap.parse_args()

    summary = json.loads(a.summary.read_text())
    scorer = load_scorer(a.shared)
    sets = {s["set"]: s for s in summary["sets"]}
    lines = [
        "# Benchmark results",
        "",
        "Generated by `bench/results.py` at the end of a full `bench/run`; do not edit by hand.",
        "",
        f"- command: `{a.command}`",
        f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, commit {git_revision(a.repo)}",
        f"- machine: {os.cpu_count()} cores, {cpu_model()}; build `{summary.get('build_dir', '?')}`",
        f"- timing: {summary.get('timer')}, {summary.get('runs')} alternating runs of each command, medians; "
        "both commands single-threaded and reading the same files",
        "",
        "## Quality (score.py)",
        "",
        "| set | pages | precision | recall | F1 |",
        "|---|---|---|---|---|",
    ]
    for s in summary["sets"]:
        lines.append(f"| {s['set']} | {s['pages']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
    lines += [
        "",
        "## Speed: cleaning against a plain Gumbo parse of the same pages, same run",
        "",
        "| set | clean median s | Gumbo parse median s | clean ÷ parse (wall) | clean ÷ parse (CPU) | pages/s |",
        "|---|---|---|---|---|---|",
    ]
    for s in summary["sets"]:
        cpu = s.get("cpu_ratio")
        lines.append(f"| {s['set']} | {s['clean_median_s']:.3f} | {s['gumbo_median_s']:.3f} | "
                     f"{s['ratio']:.2f}× | {cpu:.2f}× | {s['pages_per_s']:.0f} |" if cpu is not None else
                     f"| {s['set']} | {s['clean_median_s']:.3f} | {s['gumbo_median_s']:.3f} | "
                     f"{s['ratio']:.2f}× | | {s['pages_per_s']:.0f} |")
    rss = summary.get("peak_rss") or {}
    if rss.get("clean_kb") and rss.get("page_kb"):
        rss["page_bytes"] = rss["page_kb"] * 1024
        multiple = rss["clean_kb"] * 1024 / rss["page_bytes"]
        lines += ["", f"Peak memory cleaning the largest aeb page ({rss['page_bytes'] / 1e6:.2f} MB): "
                      f"{rss['clean_kb'] / 1024:.1f} MB resident, {multiple:.1f}× the page "
                      f"(a plain Gumbo parse of it: {rss.get('gumbo_kb', 0) / 1024:.1f} MB)."]
        if rss.get("start_kb"):
            lines[-1] += (f" Of winnow's figure, {rss['start_kb'] / 1024:.1f} MB is the binary and its shared "
                          "libraries at start (`winnow --help`: libcurl, OpenSSL, SQLite and theirs), "
                          f"so the page itself costs {(rss['clean_kb'] - rss['start_kb']) / 1024:.1f} MB.")
    if a.jobs_json and a.jobs_json.exists():
        result = json.loads(a.jobs_json.read_text())["results"][0]
        median = result.get("median", result["mean"])
        pages = sets[a.jobs_set]["pages"]
        lines += ["", f"Multi-core: `winnow clean -j 0` ({os.cpu_count()} cores) cleans {a.jobs_set} at "
                      f"{pages / median:.0f} pages/s (median of {len(result.get('times', [])) or 1} runs); "
                      "the single-core figures above are the headline."]

    refs = reference_figures(a.shared / "README.md")
    aeb = sets.get("aeb")
    if refs and aeb:
        lines += [
            "",
            "## Against other extractors",
            "",
            "Reference figures from `../shared/bench/README.md`, measured elsewhere on this kind of machine "
            "with the same scorer (trafilatura and the others cannot be installed here: no PyPI access). "
            "winnow's row is this run's.",
            "",
            "| extractor | aeb F1 | wcxb-dev article F1 | pages/s, one core (aeb) | peer's whole-process CPU ÷ winnow's |",
            "|---|---|---|---|---|",
        ]
        wcxb = sets.get("wcxb-dev")
        wcxb_f1 = f"**{wcxb['f1']:.3f}**" if wcxb else ""
        lines.append(f"| **winnow (this run)** | **{aeb['f1']:.3f}** | {wcxb_f1} | "
                     f"**{aeb['pages_per_s']:.0f}** (whole command) | |")
        for row in refs:
            lines.append(f"| {row['extractor']} | {reference_cell(row, 'aeb')} | {reference_cell(row, 'wcxb')} | "
                         f"{reference_cell(row, 'pages/s')} | {reference_cell(row, '×', 'x ')} |")
        lines += ["", "The peers' pages/s are in process with the pages already in memory; winnow's is the whole "
                      "`winnow clean` command, reading files. The last column is the shared README's, measured "
                      "against winnow at the commit it names."]

    for s in summary["sets"]:
        kind = "aeb" if s["set"] == "aeb" else "wcxb"
        rows = page_rows(kind, a.data / s["set"], a.pred / s["set"], scorer)
        worst = rows[:10]
        lines += [
            "",
            f"## The ten worst {s['set']} pages",
            "",
            "| id | host | P | R | F1 | output / gold words | kind of error | first difference |",
            "|---|---|---|---|---|---|---|---|",
        ]
        kinds = collections.Counter()
        for f1, p, r, page_id, url, gold, pred in worst:
            kind_of = error_kind(gold, pred, p, r)
            kinds[kind_of] += 1
            diff = first_difference(gold, pred).replace("|", "\\|")
            lines.append(f"| {page_id[:12]} | {urlparse(url).netloc} | {p:.2f} | {r:.2f} | {f1:.2f} | "
                         f"{len(pred.split())} / {len(gold.split())} | {kind_of} | {diff} |")
        below = sum(1 for row in rows if row[0] < 0.5)
        lost = sum(1 - row[0] for row in rows) / max(1, len(rows))
        lost_worst = sum(1 - row[0] for row in worst) / max(1, len(rows))
        parts = ", ".join(f"{n} {k}" for k, n in kinds.most_common())
        lines += [
            "",
            f"Analysis: of these ten, {parts}. {below} of {len(rows)} pages score below F1 0.5; "
            f"the ten worst cost {lost_worst:.3f} of the mean F1 and all pages together {lost:.3f}.",
        ]
    # Sections other benchmarks own survive a rewrite of the rest: every one between <!-- NAME:begin/end -->
    # markers (bench/archive, fetch, hostile, python, warc, dask, page-types) and bench/text's (from its heading
    # to the end).
    old = a.out.read_text(encoding="utf-8") if a.out.exists() else ""
    kept = ""
    for found in list(re.finditer(r"<!-- ([\w-]+):begin -->.*?<!-- \1:end -->\n?", old, re.S)):
        kept += "\n" + found.group(0)
        old = old.replace(found.group(0), "")
    text = "\n" + old[old.find(TEXT_SECTION):] if TEXT_SECTION in old else ""
    a.out.write_text("\n".join(lines) + "\n" + kept + text, encoding="utf-8")


if __name__ == "__main__":
    main()
