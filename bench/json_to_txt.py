#!/usr/bin/env python3
"""Turn `winnow clean --format json` output (JSON_DIR/<id>.json, one object each)
into score.py predictions (TXT_DIR/<id>.txt holding the object's "text").

Usage: json_to_txt.py JSON_DIR TXT_DIR
Prints "<written> written, <bad> unreadable" and exits 0; a file that is not a
JSON object with a string "text" is skipped (score.py then counts it missing).
"""
import json
import sys
from pathlib import Path


def page_id(path):
    name = path.name[: -len(".json")]
    return name[: -len(".html")] if name.endswith(".html") else name


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip())
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    dst.mkdir(parents=True, exist_ok=True)
    written, bad = 0, []
    for f in sorted(src.glob("*.json")):
        try:
            text = json.loads(f.read_text(encoding="utf-8")).get("text")
        except (ValueError, AttributeError, UnicodeDecodeError):
            text = None
        if not isinstance(text, str):
            bad.append(f.name)
            continue
        (dst / f"{page_id(f)}.txt").write_text(text, encoding="utf-8")
        written += 1
    print(f"{written} written, {len(bad)} unreadable" + (f" (e.g. {bad[0]})" if bad else ""))


if __name__ == "__main__":
    main()
