"""Runs a cluster job's shards: skips the finished ones, submits the rest, gathers their statistics into
``<out>/_manifest.json``."""

import contextlib
import datetime
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

from distributed import Client, as_completed

from .. import __version__
from ._progress import ProgressLine
from ._tasks import STATS_DIR, TMP_DIR, _write_json_atomically, finished_stats

MANIFEST = "_manifest.json"


@dataclass
class Shard:
    """One task: ``function(*args)`` on a worker, making ``output`` in the out folder from ``inputs``."""
    name: str
    output: str
    inputs: List[str]
    function: Callable[..., Dict[str, Any]]
    args: tuple


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add_counts(into: Dict[str, Any], stats: Dict[str, Any], keys: List[str]) -> None:
    for key in keys:
        value = stats.get(key)
        if isinstance(value, dict):
            bucket = into.setdefault(key, {})
            for name, count in value.items():
                bucket[name] = bucket.get(name, 0) + count
        elif isinstance(value, int):
            into[key] = into.get(key, 0) + value


def _errors_of(name: str, stats: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The problems a shard's statistics report: a task that failed, damage that ended a WARC (with its offset),
    pages an import could not store."""
    found = []
    error = stats.get("error")
    if error:
        found.append(dict({"shard": name, "input": stats.get("input")}, **error))
    for message in stats.get("errors") or []:
        found.append({"shard": name, "message": message})
    return found


def prepare_out_dir(out_dir: str) -> None:
    """Creates the out folder and its working folders, and drops the temporary files of runs that died."""
    os.makedirs(os.path.join(out_dir, STATS_DIR), exist_ok=True)
    shutil.rmtree(os.path.join(out_dir, TMP_DIR), ignore_errors=True)
    os.makedirs(os.path.join(out_dir, TMP_DIR), exist_ok=True)


def run_shards(command: str, shards: List[Shard], out_dir: str, client: Client, count_keys: List[str],
               progress: Optional[bool] = None) -> Dict[str, Any]:
    """Runs every shard not finished by an earlier run (one task each, any worker), and writes and returns the
    manifest: per shard its statistics, totals of ``count_keys``, the errors, and timings. A shard whose task
    raised is listed with its error and left unfinished, so a rerun tries it again. On KeyboardInterrupt the
    tasks are cancelled and the manifest (``interrupted``: true) is written before it propagates."""
    prepare_out_dir(out_dir)
    started, start = _now(), time.monotonic()
    results: Dict[str, Dict[str, Any]] = {}
    pending = []
    for shard in shards:
        done = finished_stats(out_dir, shard.name, shard.output, shard.inputs)
        if done is not None:
            results[shard.name] = dict(done, resumed=True)
        else:
            pending.append(shard)
    line = ProgressLine(len(pending), enabled=progress)
    token = uuid.uuid4().hex[:8]
    futures = {client.submit(shard.function, *shard.args, key=f"winnow-{command}-{shard.name}-{token}", pure=False):
               shard for shard in pending}
    interrupted = False
    try:
        for future in as_completed(futures):
            shard = futures[future]
            try:
                stats = future.result()
            except Exception as failure:  # the task raised: report it, leave the shard for a rerun
                stats = {"inputs": shard.inputs, "output": None, "resumed": False,
                         "error": {"message": f"{type(failure).__name__}: {failure}"}}
            results[shard.name] = stats
            line.advance(int(stats.get("records") or 0))
    except KeyboardInterrupt:
        interrupted = True
        client.cancel(list(futures))
        raise
    finally:
        line.close()
        manifest = _manifest(command, shards, results, count_keys, started, time.monotonic() - start, client,
                             interrupted)
        write_manifest(out_dir, manifest)
        with contextlib.suppress(OSError):
            os.rmdir(os.path.join(out_dir, TMP_DIR))  # when empty: no task is still writing
    return manifest


def write_manifest(out_dir: str, manifest: Dict[str, Any]) -> None:
    """Writes ``<out_dir>/_manifest.json`` atomically."""
    _write_json_atomically(os.path.join(out_dir, MANIFEST), manifest)


def _manifest(command: str, shards: List[Shard], results: Dict[str, Dict[str, Any]], count_keys: List[str],
              started: str, seconds: float, client: Client, interrupted: bool) -> Dict[str, Any]:
    totals: Dict[str, Any] = {}
    errors: List[Dict[str, Any]] = []
    per_shard = []
    for shard in shards:
        stats = results.get(shard.name)
        if stats is None:
            per_shard.append({"shard": shard.name, "output": None, "unfinished": True})
            continue
        _add_counts(totals, stats, count_keys)
        errors.extend(_errors_of(shard.name, stats))
        per_shard.append(dict(stats, shard=shard.name))
    ran = sum(1 for s in results.values() if not s.get("resumed") and s.get("output"))
    resumed = sum(1 for s in results.values() if s.get("resumed"))
    failed = sum(1 for s in results.values() if not s.get("output"))
    try:
        workers = len(client.scheduler_info().get("workers", {}))
    except Exception:  # the scheduler went away; the manifest is still worth writing
        workers = None
    return {
        "command": command, "winnow_version": __version__, "scheduler": str(client.scheduler.address),
        "workers": workers, "started": started, "finished": _now(), "wall_seconds": round(seconds, 3),
        "interrupted": interrupted,
        "shards": {"total": len(shards), "ran": ran, "resumed": resumed, "failed": failed,
                   "unfinished": len(shards) - len(results)},
        "totals": totals, "errors": errors, "inputs": per_shard,
    }
