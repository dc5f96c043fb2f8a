#!/usr/bin/env python3
"""A short check that the built winnow module works under whichever interpreter runs it (ctest: the PATH python3)."""

import os
import subprocess
import sys
import tempfile

import winnow
import winnow.dask  # imports everywhere; a cluster run needs Dask distributed, and says so when it is missing

PAGE = (b"<html><head><title>Harbour tides</title></head><body><nav><a href='/'>Home</a></nav><article>"
        b"<p>The harbour's tide gauges were moved last spring, and the readings have drifted by several "
        b"centimetres since then, the port authority said on Tuesday.</p></article></body></html>")


def main():
    article = winnow.clean_html(PAGE, url="https://example.com/a")
    assert article.title == "Harbour tides", article
    assert "tide gauges" in article.to_markdown() and "Home" not in article.text
    try:
        winnow.clean_html(b"\x00\x01\x02" * 50)
        raise AssertionError("binary input was accepted")
    except winnow.InvalidInput:
        pass
    with tempfile.TemporaryDirectory() as tmp, winnow.Archive(os.path.join(tmp, "a.db")) as archive:
        assert archive.add("https://example.com/a", PAGE).version == 1
        assert archive.show("https://example.com/a").title == "Harbour tides"
    if not winnow.dask.has_distributed():
        run = subprocess.run([sys.executable, "-m", "winnow.dask", "clean", "--scheduler", "local:1", "--out", "x", "y"],
                             capture_output=True, text=True)
        assert run.returncode == 2 and "python3-distributed" in run.stderr and "Traceback" not in run.stderr, run
    print(f"winnow {winnow.__version__} works under {sys.executable} (Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
