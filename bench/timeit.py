#!/usr/bin/env python3
"""Fallback for hyperfine: run each shell COMMAND once, in order, and write
hyperfine-style JSON ({"results": [{"command", "times", "median", "user",
"system", "exit_codes"}]}) to FILE.

Usage: timeit.py --export-json FILE COMMAND...
"""
import json
import resource
import subprocess
import sys
import time


def run_once(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(command, shell=True, stdout=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "command": command,
        "times": [wall],
        "median": wall,
        "user": after.ru_utime - before.ru_utime,
        "system": after.ru_stime - before.ru_stime,
        "exit_codes": [code],
    }


def main():
    if len(sys.argv) < 4 or sys.argv[1] != "--export-json":
        sys.exit(__doc__.strip())
    results = [run_once(c) for c in sys.argv[3:]]
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump({"results": results}, f, indent=1)


if __name__ == "__main__":
    main()
