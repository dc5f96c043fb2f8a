"""The progress line a cluster run keeps on a terminal: shards done of all, records, elapsed time."""

import sys
import time
from typing import TextIO


class ProgressLine:
    """Rewrites one stderr line as shards finish, when ``enabled`` (by default: stderr is a terminal)."""

    def __init__(self, total: int, enabled: bool = None, stream: TextIO = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.done = 0
        self.records = 0
        self.start = time.monotonic()

    def advance(self, records: int) -> None:
        self.done += 1
        self.records += records
        if self.enabled:
            width = 24
            filled = width * self.done // max(1, self.total)
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} shards, {self.records:,} records, "
                              f"{time.monotonic() - self.start:.1f} s")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")
            self.stream.flush()
