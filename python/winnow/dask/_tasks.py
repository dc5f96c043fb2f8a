"""The work one cluster task does on a worker: a WARC cleaned into a shard, or a partition of sites archived.

Each task writes its output under ``<out>/_tmp/`` with a name no other attempt uses, writes its statistics
to ``<out>/_shards/<name>.json``, and only then renames the output into place. A shard whose output exists is
therefore whole, and a task that dies (a killed worker) leaves only a temporary file behind: Dask runs it
again elsewhere, and every record still lands exactly once.
"""

import json
import os
import resource
import socket
import time
import uuid
from typing import Any, Dict, List, Optional

from .. import _winnow
from .._archive import Archive

STATS_DIR = "_shards"
TMP_DIR = "_tmp"


def stats_path(out_dir: str, name: str) -> str:
    return os.path.join(out_dir, STATS_DIR, name + ".json")


def _write_json_atomically(path: str, value: Dict[str, Any]) -> None:
    tmp = f"{path}.{uuid.uuid4().hex}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(tmp, path)


def finished_stats(out_dir: str, name: str, output: str, inputs: List[str]) -> Optional[Dict[str, Any]]:
    """The statistics of a shard an earlier run finished: its output exists and its inputs have the sizes
    they had then; else None (the shard must run)."""
    if not os.path.exists(os.path.join(out_dir, output)):
        return None
    try:
        with open(stats_path(out_dir, name), encoding="utf-8") as f:
            stats = json.load(f)
    except (OSError, ValueError):
        return None
    try:
        if stats.get("input_bytes") != sum(os.path.getsize(p) for p in inputs):
            return None
    except OSError:
        return None
    return stats


def _peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def _where() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _finish(out_dir: str, name: str, output: str, tmp: str, stats: Dict[str, Any]) -> Dict[str, Any]:
    _write_json_atomically(stats_path(out_dir, name), stats)
    os.replace(tmp, os.path.join(out_dir, output))  # the output appears whole, after its statistics
    return stats


def _tmp_path(out_dir: str, output: str) -> str:
    os.makedirs(os.path.join(out_dir, TMP_DIR), exist_ok=True)
    os.makedirs(os.path.join(out_dir, STATS_DIR), exist_ok=True)
    return os.path.join(out_dir, TMP_DIR, f"{output}.{uuid.uuid4().hex}")


def clean_shard(path: str, out_dir: str, name: str, jobs: int = 1, level: int = 3) -> Dict[str, Any]:
    """Cleans one WARC file into ``<out_dir>/<name>.jsonl.zst``: the lines of ``winnow clean --jsonl``, in
    record order, zstd-compressed. Returns the shard's statistics (records, cleaned, failed, skipped and
    types by count, error with its offset, seconds, worker, peak memory). Returns the statistics of the
    attempt that finished the shard without working again when one did (the driver submits only unfinished
    shards, so that is an attempt whose worker died after the rename). A damaged WARC is not an exception: the lines before
    the damage are kept and the error is in the statistics."""
    output = name + ".jsonl.zst"
    done = finished_stats(out_dir, name, output, [path])
    if done is not None:  # an earlier attempt renamed it into place, then its worker died before reporting
        return done
    start = time.monotonic()
    tmp = _tmp_path(out_dir, output)
    try:
        tally = _winnow.clean_warc_to_file(path, tmp, max(1, jobs), level)
        stats = dict(tally, input=path, output=output, input_bytes=os.path.getsize(path),
                     output_bytes=os.path.getsize(tmp), seconds=round(time.monotonic() - start, 3),
                     worker=_where(), peak_rss_bytes=_peak_rss_bytes(), resumed=False)
        return _finish(out_dir, name, output, tmp, stats)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def partition_name(index: int, count: int) -> str:
    return f"part-{index:05d}-of-{count:05d}"


def archive_partition(paths: List[str], out_dir: str, index: int, count: int, jobs: int = 1) -> Dict[str, Any]:
    """Imports the records of partition ``index`` of ``count`` (the sites winnow.site_partition puts there) from
    every WARC file into ``<out_dir>/part-IIIII-of-NNNNN.db``, a whole winnow archive. Returns its statistics
    (the import's counts, errors, seconds, worker, peak memory); like clean_shard, it does not work again on a
    partition an earlier attempt finished."""
    name = partition_name(index, count)
    output = name + ".db"
    done = finished_stats(out_dir, name, output, paths)
    if done is not None:  # as in clean_shard
        return done
    start = time.monotonic()
    tmp = _tmp_path(out_dir, output)
    try:
        with Archive(tmp) as archive:
            summary = archive.import_warc(paths, jobs=jobs, partition=(index, count))
        if os.path.exists(tmp + "-wal"):  # closing folds SQLite's log into the file; never move half an archive
            raise RuntimeError(f"{tmp}: SQLite's write-ahead log is still there after closing")
        stats = dict(vars(summary), inputs=len(paths), output=output, partition=[index, count],
                     input_bytes=sum(os.path.getsize(p) for p in paths), output_bytes=os.path.getsize(tmp),
                     seconds=round(time.monotonic() - start, 3), worker=_where(), peak_rss_bytes=_peak_rss_bytes(),
                     resumed=False)
        return _finish(out_dir, name, output, tmp, stats)
    finally:
        for leftover in (tmp, tmp + "-wal", tmp + "-shm"):
            if os.path.exists(leftover):
                os.unlink(leftover)
