"""winnow on a Dask cluster: clean WARC files, or build archive shards from them, one task per shard.

    python3 -m winnow.dask clean --scheduler local:2 --out cleaned/ crawl/*.warc.gz
    python3 -m winnow.dask archive --scheduler tcp://head:8786 --out shards/ crawl/*.warc.gz

From Python, with a ``distributed.Client``:

    manifest = winnow.dask.clean_warcs(paths, "cleaned/", client)
    manifest = winnow.dask.archive_warcs(paths, "shards/", client, partitions=8)

Every shard is written to a temporary file and renamed into place once whole, so a rerun skips what is
finished and a worker that dies mid-task has its task run again elsewhere with no record lost or repeated.
``<out>/_manifest.json`` holds each shard's counts (records by WARC-Type, cleaned, skipped by why), errors
with their offsets, timings and peak memory. Needs Dask distributed (Debian: python3-distributed, with
/usr/bin/python3); every worker needs the winnow module and must read the inputs and write ``out``.
"""

import importlib.util
import json
import os
from typing import Any, Dict, Iterable, Optional, Union

from .._archive import Archive
from ._inputs import InputError, expand_inputs, shard_names
from ._tasks import archive_partition, clean_shard, partition_name

MISSING_DASK = ("winnow.dask needs Dask distributed: on Debian, apt-get install python3-distributed and run "
                "/usr/bin/python3 (or pip install distributed into this interpreter)")


def has_distributed() -> bool:
    """True when this interpreter can import Dask distributed."""
    return importlib.util.find_spec("distributed") is not None


def _runner():
    if not has_distributed():
        raise ImportError(MISSING_DASK)
    from . import _run
    return _run


def load_manifest(out: "PathLike") -> Dict[str, Any]:
    """The manifest a run wrote to ``<out>/_manifest.json``."""
    with open(os.path.join(os.fspath(out), "_manifest.json"), encoding="utf-8") as f:
        return json.load(f)

PathLike = Union[str, os.PathLike]

CLEAN_COUNTS = ["records", "cleaned", "failed", "types", "skipped", "input_bytes", "output_bytes"]
ARCHIVE_COUNTS = ["records", "captures", "new_versions", "already_stored", "failed", "skipped", "output_bytes"]


def clean_warcs(paths: Iterable[PathLike], out: PathLike, client: "distributed.Client", *, jobs: int = 1, level: int = 3,
                progress: Optional[bool] = None) -> Dict[str, Any]:
    """Cleans each WARC file (paths, globs or list files, see expand_inputs) into ``<out>/<name>.jsonl.zst``, one
    task per file, with the lines ``winnow clean --jsonl`` prints for it, and returns the manifest it writes to
    ``<out>/_manifest.json``. ``jobs`` threads clean within a task; ``level`` is the zstd level. Shards an
    earlier run finished are not run again. Raises InputError for inputs that name no file."""
    files = expand_inputs(os.fspath(p) for p in paths)
    out_dir = os.path.abspath(os.fspath(out))
    names = shard_names(files)
    run = _runner()
    shards = [run.Shard(names[f], names[f] + ".jsonl.zst", [f], clean_shard, (f, out_dir, names[f], jobs, level))
              for f in files]
    return run.run_shards("clean", shards, out_dir, client, CLEAN_COUNTS, progress)


def archive_warcs(paths: Iterable[PathLike], out: PathLike, client: "distributed.Client", *, partitions: Optional[int] = None,
                  jobs: int = 1, progress: Optional[bool] = None, merge: Optional[PathLike] = None) -> Dict[str, Any]:
    """Stores the pages of the WARC files in ``partitions`` archive shards, ``<out>/part-IIIII-of-NNNNN.db``: each
    shard holds the sites winnow.site_partition gives it, so a site's versions stay together and
    delta-compress. Each task reads every file and keeps its own sites. Default: two partitions per worker
    thread. Combine the shards with ``winnow archive merge``, or give ``merge``: an archive this process then
    merges every shard into (when all of them finished; its summary is the manifest's "merge"). Returns the
    manifest."""
    run = _runner()
    files = expand_inputs(os.fspath(p) for p in paths)
    out_dir = os.path.abspath(os.fspath(out))
    if partitions is None:
        partitions = max(1, 2 * sum(client.nthreads().values()))
    if not 1 <= partitions <= 100000:
        raise ValueError(f"partitions must be 1 to 100000, got {partitions}")
    shards = [run.Shard(partition_name(i, partitions), partition_name(i, partitions) + ".db", files, archive_partition,
                    (files, out_dir, i, partitions, jobs)) for i in range(partitions)]
    manifest = run.run_shards("archive", shards, out_dir, client, ARCHIVE_COUNTS, progress)
    if merge is not None and manifest["shards"]["failed"] == 0 and manifest["shards"]["unfinished"] == 0:
        with Archive(os.fspath(merge)) as merged:
            manifest["merge"] = dict(vars(merged.merge(os.path.join(out_dir, s.output) for s in shards)),
                                     output=os.path.abspath(os.fspath(merge)))
        run.write_manifest(out_dir, manifest)
    return manifest


__all__ = ["InputError", "archive_warcs", "clean_warcs", "expand_inputs", "has_distributed", "load_manifest"]
