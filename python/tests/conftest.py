"""Shared fixtures of the winnow Python tests: the repository's fixture pages and the built winnow binary."""

import os
import subprocess
from pathlib import Path

import pytest

FIXTURES = Path(os.environ.get("WINNOW_FIXTURES", Path(__file__).resolve().parents[2] / "fixtures"))


def seed_pages():
    """The seed pages and the boilerplate-family pages, sorted."""
    return sorted(FIXTURES.glob("seeds/*.html")) + sorted(FIXTURES.glob("boilerplate/*.html"))


@pytest.fixture(scope="session")
def pages():
    """(name, bytes) of every fixture page."""
    return [(p.name, p.read_bytes()) for p in seed_pages()]


@pytest.fixture(scope="session")
def winnow_cli():
    """A function running the built `winnow` binary with arguments, returning its stdout as str."""
    binary = os.environ.get("WINNOW_BIN")
    if not binary or not os.access(binary, os.X_OK):
        pytest.skip("WINNOW_BIN does not name the built winnow binary")

    def run(*args, stdin=None):
        done = subprocess.run([binary, *map(str, args)], input=stdin, capture_output=True, check=True)
        return done.stdout.decode("utf-8")

    return run
