"""WARC files (ISO 28500) in Python: read records, clean a crawl (winnow::warc and winnow clean's WARC path).

    import winnow
    for record in winnow.warc.records("crawl.warc.gz"):
        print(record.type, record.target_uri, record.offset, len(record.payload))
    articles = list(winnow.clean_warc("crawl.warc.gz", jobs=2))   # one dict per HTML record
"""

from __future__ import annotations

import json
import os
from typing import Any, BinaryIO, Dict, Iterator, Union

from . import _winnow

#: One WARC record: ``type`` ("response", "request", "revisit", ...), ``version``, ``headers`` (the WARC
#: headers as (name, value) pairs), ``header(name)``, ``target_uri``, ``date``, ``record_id``, ``offset`` and
#: ``length`` (where it lies in the file: its gzip member or zstd frame when compressed), ``content_length``,
#: ``block`` (bytes; empty with ``block_truncated`` past 256 MiB), ``http`` (a dict with status, reason,
#: method, target, version and headers, or None), ``payload`` (the block after the HTTP head, still encoded)
#: and ``decoded_payload()`` (chunked and gzip/deflate/br/zstd coding undone).
Record = _winnow.WarcRecord


def records(source: Union[str, os.PathLike, bytes, BinaryIO]) -> Iterator[Record]:
    """Iterates over the records of a WARC file: plain, gzip (per record or one stream) or zstd (IIPC, dictionary).

    ``source`` is a path (read as a stream, in bounded memory), bytes, or a binary file object (read
    whole first). Reading and inflating run without the GIL. Raises winnow.InvalidInput naming the file
    and offset at damage, after every record before it came out; winnow.Io when the file cannot be read.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return iter(_winnow.WarcReader.from_bytes(bytes(source), "bytes"))
    if hasattr(source, "read"):
        name = getattr(source, "name", "file object")
        return iter(_winnow.WarcReader.from_bytes(source.read(), str(name)))
    return iter(_winnow.WarcReader.open(os.fspath(source)))


def clean_warc(path: Union[str, os.PathLike], jobs: int = 1) -> Iterator[Dict[str, Any]]:
    """Cleans every HTML record of a WARC file, yielding one dict per record in record order.

    The dicts have the fields of ``winnow clean --jsonl``: source, offset, warc_date, warc_record_id,
    then the article's (url, title, authors, published, ..., text, word_count, warnings), or
    ``error`` instead for a record that could not be cleaned. Pages are 2xx responses and resources
    whose Content-Type is HTML (sniffed when absent); revisits and other records are skipped.
    ``jobs`` threads clean at once (0 = one per core); the output is the same whatever ``jobs`` is.
    Damage in the file raises winnow.InvalidInput after the records before it were yielded.
    """
    if jobs < 0:
        raise ValueError("jobs must be 0 (one per core) or more")
    if jobs == 0:
        jobs = os.cpu_count() or 1
    cleaner = _winnow.WarcCleaner(os.fspath(path), jobs)
    try:
        for line in cleaner:
            yield json.loads(line)
    finally:
        cleaner.close()
