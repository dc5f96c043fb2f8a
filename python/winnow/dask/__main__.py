"""python3 -m winnow.dask: clean WARC files, or build archive shards, on a Dask cluster (see winnow.dask)."""

import argparse
import os
import signal
import sys
from typing import Any, Dict, List, Optional

from .._errors import Error
from . import MISSING_DASK, archive_warcs, clean_warcs, expand_inputs, has_distributed

MANIFEST = "_manifest.json"

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 -m winnow.dask",
        description="Run winnow over WARC files on a Dask cluster: one task per file (clean) or per partition "
                    "of sites (archive). Finished shards are kept, so a rerun resumes.",
        epilog="exit codes: 0 all shards done, 1 some input failed (see the manifest), 2 bad usage, 130 interrupted")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--scheduler", required=True, metavar="ADDRESS|local:N",
                         help="a running scheduler (tcp://HOST:8786), or local:N for N worker processes here")
        sub.add_argument("--out", required=True, metavar="DIR", help="output folder, on storage every worker writes")
        sub.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                         help="threads per task (default 1: one task per worker thread does the parallel work)")
        bar = sub.add_mutually_exclusive_group()
        bar.add_argument("--progress", dest="progress", action="store_true", default=None,
                         help="show the progress line even when stderr is not a terminal")
        bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show it")
        sub.add_argument("inputs", nargs="+", metavar="INPUT",
                         help="WARC files (.warc, .warc.gz, .warc.zst), globs, or text files listing them")

    clean = commands.add_parser("clean", help="clean every HTML record into DIR/<input name>.jsonl.zst",
                                description="Clean every HTML record of each WARC into DIR/<input name>.jsonl.zst "
                                            "(the lines of winnow clean --jsonl), and write DIR/_manifest.json.")
    common(clean)
    clean.add_argument("--level", type=int, default=3, metavar="L", help="zstd level of the shards (default 3)")
    archive = commands.add_parser("archive", help="store the pages in one archive shard per partition of sites",
                                  description="Store the pages of the WARC files in DIR/part-*.db, one archive "
                                              "per partition of sites; combine them with winnow archive merge.")
    common(archive)
    archive.add_argument("--partitions", type=int, default=None, metavar="N",
                         help="number of shards (default: two per worker thread)")
    archive.add_argument("--merge", metavar="ARCHIVE", default=None,
                         help="once every shard is done, merge them all into ARCHIVE here (winnow archive merge)")
    return parser


def _report(manifest: Dict[str, Any], out_dir: str) -> int:
    shards, totals = manifest["shards"], manifest["totals"]
    counts = ", ".join(f"{totals.get(k, 0):,} {k.replace('_', ' ')}"
                       for k in ("records", "cleaned", "captures", "new_versions", "failed") if k in totals)
    print(f"winnow.dask: {shards['total']} shards ({shards['ran']} ran, {shards['resumed']} resumed, "
          f"{shards['failed']} failed) in {manifest['wall_seconds']:.1f} s: {counts}", file=sys.stderr)
    if "merge" in manifest:
        merged = manifest["merge"]
        print(f"winnow.dask: merged {merged['shards']} shards into {merged['output']}: {merged['stored']:,} captures "
              f"stored, {merged['already_stored']:,} already there", file=sys.stderr)
    for error in manifest["errors"]:
        where = f" (offset {error['offset']})" if "offset" in error else ""
        print(f"winnow.dask: error: {error['shard']}: {error['message']}{where}", file=sys.stderr)
    print(f"winnow.dask: manifest: {os.path.join(out_dir, MANIFEST)}", file=sys.stderr)
    return EXIT_SOME_FAILED if manifest["errors"] or shards["failed"] else EXIT_OK


def _interrupt(signum: int, frame: Optional[object]) -> None:
    raise KeyboardInterrupt


def main(argv: Optional[List[str]] = None) -> int:
    args = _parser().parse_args(argv)
    if not has_distributed():
        print(f"winnow.dask: error: {MISSING_DASK}", file=sys.stderr)
        return EXIT_USAGE
    from ._cluster import check_scheduler, connect, has_dashboard
    error = None
    if not 1 <= args.jobs <= 256:
        error = "--jobs must be 1 to 256"
    elif getattr(args, "level", 3) not in range(1, 20):
        error = "--level must be 1 to 19"
    elif getattr(args, "partitions", None) is not None and not 1 <= args.partitions <= 100000:
        error = "--partitions must be 1 to 100000"
    elif os.path.exists(args.out) and not os.path.isdir(args.out):
        error = f"--out {args.out}: not a directory"
    if error is None:
        try:
            check_scheduler(args.scheduler)
            inputs = expand_inputs(args.inputs)  # before any cluster starts: a typo fails at once
        except (ValueError, OSError) as bad:
            error = str(bad)
    if error:
        print(f"winnow.dask: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with connect(args.scheduler) as client:
            if has_dashboard() and client.dashboard_link:
                print(f"winnow.dask: Dask dashboard: {client.dashboard_link}", file=sys.stderr)
            if args.command == "clean":
                manifest = clean_warcs(inputs, args.out, client, jobs=args.jobs, level=args.level,
                                       progress=args.progress)
            else:
                manifest = archive_warcs(inputs, args.out, client, partitions=args.partitions, jobs=args.jobs,
                                         progress=args.progress, merge=args.merge)
    except KeyboardInterrupt:
        print("winnow.dask: interrupted; finished shards are kept: run the same command again to resume",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    except (OSError, Error) as failure:
        print(f"winnow.dask: error: {failure}", file=sys.stderr)
        return EXIT_SOME_FAILED
    return _report(manifest, args.out)


if __name__ == "__main__":
    sys.exit(main())
