#!/usr/bin/env python3
"""Label each line of a page's full text: 1 if it belongs to the gold article, else 0.

  label_lines.py SET DATA_DIR TEXT_DIR OUT_DIR

SET is `aeb` or `wcxb` (where the gold text lives, as score.py reads it),
or `expect` for pages with .expect files (fixtures/boilerplate: `+` lines);
TEXT_DIR holds <id>.txt full-page text (page_text.py), one block per line;
OUT_DIR gets <id>.labels, one 0/1 per non-empty line. The labels are training
data for `winnow clean --input text`; they stay in the ignored bench-data folder.

A line is article when its words occur, in order, inside the gold text: as a
whole gold line for short lines (fewer than 4 words: a word like "Share" also
occurs inside gold sentences), and by word-trigram cover for longer ones.
"""
import json
import re
import sys
from pathlib import Path

TOKEN = re.compile(r"\w+")


def words(text):
    return TOKEN.findall(text.lower())


def golds(kind, data_dir):
    if kind == "expect":
        return {f.stem: "\n".join(l[2:] for l in f.read_text(encoding="utf-8").splitlines() if l.startswith("+ "))
                for f in sorted(data_dir.glob("*.expect"))}
    if kind == "aeb":
        data = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
        return {k: v.get("articleBody", "") for k, v in data.items()}
    out = {}
    for f in sorted((data_dir / "ground-truth").glob("*.json")):
        gt = json.loads(f.read_text(encoding="utf-8")).get("ground_truth") or {}
        out[f.stem] = (gt.get("title") or "") + "\n" + (gt.get("main_content") or "")
    return out


def labeller(gold):
    joined = " " + " ".join(words(gold)) + " "
    gold_lines = {" ".join(words(line)) for line in gold.splitlines()}
    gw = words(gold)
    trigrams = {tuple(gw[i:i + 3]) for i in range(len(gw) - 2)}

    def label(line):
        w = words(line)
        if not w:
            return 0
        if len(w) < 4:
            return int(" ".join(w) in gold_lines)
        if " " + " ".join(w) + " " in joined:
            return 1
        grams = [tuple(w[i:i + 3]) for i in range(len(w) - 2)]
        covered = sum(g in trigrams for g in grams) / len(grams)
        return int(covered >= 0.5)
    return label


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    kind, data_dir, text_dir, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
    out.mkdir(parents=True, exist_ok=True)
    for page_id, gold in golds(kind, data_dir).items():
        text = text_dir / f"{page_id}.txt"
        if not text.exists() or not gold.strip():
            continue
        label = labeller(gold)
        lines = [l for l in text.read_text(encoding="utf-8").splitlines() if l.strip()]
        (out / f"{page_id}.labels").write_text("".join(f"{label(l)}\n" for l in lines))


if __name__ == "__main__":
    main()
