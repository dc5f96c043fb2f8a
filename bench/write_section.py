#!/usr/bin/env python3
"""Replaces (or adds) one benchmark's section of bench/RESULTS.md, between its <!-- NAME:begin/end --> markers.

Usage: write_section.py RESULTS.md NAME SECTION_FILE

A new section goes before the "## Text input" section (which bench/text owns to
the end of the file), else at the end. bench/results.py keeps every marked section.
"""
import sys
from pathlib import Path


def main():
    results, name, section_file = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    section = begin + "\n" + section_file.read_text(encoding="utf-8").rstrip() + "\n" + end + "\n"
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    if begin in old and end in old:
        new = old[: old.index(begin)] + section + old[old.index(end) + len(end) + 1:]
    elif "## Text input" in old:
        at = old.index("## Text input")
        new = old[:at] + section + "\n" + old[at:]
    else:
        new = old.rstrip() + "\n\n" + section
    results.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
