"""The archive: every version of every page in one SQLite file (winnow::archive::Archive)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from . import _winnow

Headers = Union[Mapping[str, str], Iterable[Tuple[str, str]]]


@dataclass
class AddResult:
    """What Archive.add did: the normalised URL, the capture's time and id, the version it belongs to.

    ``new_version`` is False when the bytes equal the version before it in time;
    ``blob_existed`` when the bytes were already stored (for any URL). ``label`` is "new",
    "edited" (``words_changed`` says by how much) or "unchanged" (only boilerplate moved).
    ``stored_size`` is what the capture added to the blob store (0 when deduplicated).
    """

    url: str
    time: str
    capture_id: int
    version: int
    new_version: bool
    blob_existed: bool
    label: str
    words_changed: int
    raw_size: int
    stored_size: int
    warning: str


@dataclass
class UrlSummary:
    """One URL in the archive: its version and capture counts, latest capture time and title, and its latest
    version's change label and words changed (``gone``: its latest capture was a 404/410)."""

    url: str
    versions: int
    captures: int
    last_capture: str
    title: str
    label: str
    words_changed: int
    gone: bool


@dataclass
class LogEntry:
    """One capture in a URL's timeline (oldest first), with the version it belongs to.

    ``not_modified``: recorded from a 304; ``gone``: from a 404/410 (``version`` is then the last
    content before it). ``size`` is the version's raw byte count.
    """

    time: str
    status: int
    version: int
    new_version: bool
    not_modified: bool
    gone: bool
    size: int
    label: str
    words_changed: int


@dataclass
class Version:
    """One stored version as Archive.show returns it, with its article text (title, blank line, body).

    ``metadata`` is the article's metadata (title, authors, dates, ...) as a dict. ``gone_status``
    and ``gone_time`` are set when the capture that chose this version was a 404/410.
    """

    url: str
    version: int
    versions: int
    first_capture: str
    status: int
    headers: List[Tuple[str, str]]
    label: str
    words_changed: int
    raw_size: int
    raw_sha256: str
    title: str
    metadata: Dict[str, Any]
    text: str
    gone_status: int
    gone_time: str


@dataclass
class SearchHit:
    """One search hit (the latest matching version of a URL); matched words in [brackets] in ``snippet``.

    ``score``: lower is better (minus the number of the query's words in the title).
    """

    url: str
    version: int
    title: str
    snippet: str
    score: float


@dataclass
class Stats:
    """Counts and sizes of the archive (bytes): raw pages, their stored (compressed) form, texts, dictionaries."""

    urls: int
    captures: int
    versions: int
    page_blobs: int
    raw_bytes: int
    captured_bytes: int
    page_stored_bytes: int
    text_blobs: int
    text_bytes: int
    text_stored_bytes: int
    dictionaries: int
    dictionary_bytes: int
    stored_bytes: int
    file_bytes: int
    metadata_stored_bytes: int
    packs: int
    open_blobs: int
    file_content_bytes: int
    file_index_bytes: int
    file_table_bytes: int
    file_free_bytes: int


@dataclass
class PackReport:
    """What Archive.pack or Archive.compact did: packs written, blobs moved into them, their raw and packed
    bytes, and (compact only) the file's bytes before and after."""

    packs: int
    blobs: int
    raw_bytes: int
    packed_bytes: int
    file_bytes_before: int
    file_bytes_after: int


@dataclass
class VerifyReport:
    """What Archive.verify found; an empty ``problems`` list means the archive is sound."""

    blobs_checked: int
    versions_checked: int
    captures_checked: int
    problems: List[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


@dataclass
class ImportSummary:
    """What Archive.import_warc did over all its files: records read, captures stored (of which began a new
    version), pages the archive already held, pages that failed, the other records by why they were skipped
    ("request", "revisit", "not HTML", "HTTP 3xx", ...), and the error messages (a failed page's, or damage
    that ended a file: the records before it were imported)."""

    records: int
    captures: int
    new_versions: int
    already_stored: int
    failed: int
    skipped: Dict[str, int] = field(default_factory=dict)
    errors: List[str] = field(default_factory=list)


@dataclass
class MergeSummary:
    """What Archive.merge did: shard archives read, their captures, how many were stored (of which began a
    new version), how many this archive already held, and pages cleaned again (see Archive.merge)."""

    shards: int
    captures: int
    stored: int
    already_stored: int
    new_versions: int
    cleaned_again: int


@dataclass
class ExportSummary:
    """What Archive.export_warc wrote: records after the warcinfo (of which revisits), URLs and captures."""

    records: int
    revisits: int
    urls: int
    captures: int


class Archive:
    """An archive file: every version of every page, compressed and deduplicated.

    Opens (creating unless ``read_only`` or not ``create``) the SQLite file at ``path``. Use it as
    a context manager, or call close(). Methods release the GIL while the C++ library works; one
    archive object serves one call at a time (other threads wait), while several processes or
    Archive objects may open the same file at once. Failures raise winnow.Error subclasses:
    InvalidInput (not a winnow archive, damaged, a malformed URL or time), Io (cannot open or
    write), NotFound (an unknown URL or version), Unsupported (written by a newer winnow).
    """

    def __init__(self, path: Union[str, os.PathLike], read_only: bool = False, create: bool = True) -> None:
        self.path = os.fspath(path)
        self._native = _winnow.NativeArchive(self.path, read_only, create)

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Archive({self.path!r}{', closed' if self.closed else ''})"

    @property
    def closed(self) -> bool:
        """True once close() was called; every other method then raises InvalidInput."""
        return self._native.closed

    def close(self) -> None:
        """Seals what was stored into packs when enough is open (pack()), then closes the file (committed
        captures are safe either way); calling it again does nothing."""
        self._native.close()

    def pack(self, force: bool = False) -> PackReport:
        """Seals the blobs stored since the last pack (each still its own zstd frame) into packs, sorted by site
        so a site's pages compress together, once they hold 4 MiB (any at all with ``force``), as every winnow
        command that stores does when it ends, and close() does. One transaction: a failure leaves them
        readable, unpacked. Raises InvalidInput on a read-only archive, Io when the disk is full."""
        return PackReport(**self._native.pack(force))

    def compact(self) -> PackReport:
        """Rewrites the archive as tightly as it can hold, as ``winnow archive compact`` does: every page, text
        and metadata repacked by site at a higher level, the search index merged, free pages given back. The
        same bytes read back; an archive of an older winnow is brought to the packed format. Needs free disk
        space about the archive's size. Raises InvalidInput on a read-only archive, Io when the disk is full."""
        return PackReport(**self._native.compact())

    def add(self, url: str, raw: Union[bytes, str], time: Optional[str] = None, status: Optional[int] = None,
            headers: Optional[Headers] = None, charset: Optional[str] = None) -> AddResult:
        """Records a capture of ``url`` (http(s) or file URL; normalised): ``raw`` is the page exactly as received.

        ``time`` is ISO 8601 (default now; an earlier time than the URL's latest capture takes its
        place in the timeline), ``status`` the HTTP status, ``headers`` the response headers (a
        dict or (name, value) pairs), ``charset`` a forced charset label for cleaning. Raises
        InvalidInput for a bad URL or time or binary bytes, TooLarge above 64 MiB, Io on write errors.
        """
        return AddResult(**self._native.add(url, raw, time, status, headers, charset))

    def urls(self) -> List[UrlSummary]:
        """Every URL in the archive, sorted by URL."""
        return [UrlSummary(**d) for d in self._native.urls()]

    def log(self, url: str) -> List[LogEntry]:
        """The URL's captures in time order, oldest first. Raises NotFound for a URL not in the archive."""
        return [LogEntry(**d) for d in self._native.log(url)]

    def show(self, url: str, version: Optional[int] = None, at: Optional[str] = None) -> Version:
        """One version with its article text: the latest, ``version`` (1-based; -1 = latest) or the one current ``at`` a time.

        A date alone for ``at`` means the end of that day. Raises NotFound for an unknown URL, a
        version out of range or a time before the first capture; InvalidInput for a malformed URL or time.
        """
        d = self._native.show(url, version, at)
        d["metadata"] = json.loads(d.pop("metadata_json") or "{}")
        return Version(**d)

    def raw(self, url: str, version: Optional[int] = None, at: Optional[str] = None) -> bytes:
        """The exact bytes captured for a version (chosen as in show()), checked against their SHA-256."""
        return self._native.raw(url, version, at)

    def diff(self, url: str, a: Optional[int] = None, b: Optional[int] = None) -> str:
        """A unified diff (3 lines of context) of the article texts of versions ``a`` and ``b``; default the last two.

        Empty when the texts are equal. Raises as show(), and NotFound when the URL has one version
        and no pair is given.
        """
        return self._native.diff(url, a, b)

    def search(self, query: str, limit: int = 20, fts: bool = False) -> List[SearchHit]:
        """Full-text search over titles and article texts: one hit per URL (its latest matching version),
        URLs with more of the query's words in the title first, at most ``limit``.

        Plain words (all must occur) and "quoted phrases", matched as written; with ``fts``, SQLite
        FTS5 syntax (AND, OR, NOT, NEAR, prefix*). Raises InvalidInput for an empty or malformed query.
        """
        return [SearchHit(**d) for d in self._native.search(query, limit, fts)]

    def stats(self) -> Stats:
        """Counts and sizes."""
        return Stats(**self._native.stats())

    def verify(self) -> VerifyReport:
        """Decompresses every blob and rechecks every hash, version, capture and index row.

        Problems are listed in the report; only a failure to read the file at all raises.
        """
        return VerifyReport(**self._native.verify())

    def merge(self, shards: Iterable[Union[str, os.PathLike]]) -> MergeSummary:
        """Stores every capture of the shard archives (opened read-only) here, as ``winnow archive merge`` does:
        in time order over all shards, as one process adding them all would, so identical bytes are stored
        once, a URL's versions are numbered in time order and their labels worked out again where shards meet.
        Captures this archive already holds are skipped, so merging a shard twice adds nothing. Raises
        InvalidInput for a shard that is not a winnow archive (or is this file), Io when one cannot be read or
        storing fails; the captures stored before a failure stay.
        """
        return MergeSummary(**self._native.merge([os.fspath(s) for s in shards]))

    def import_warc(self, path: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]], jobs: int = 1,
                    partition: Optional[Tuple[int, int]] = None) -> ImportSummary:
        """Stores the pages of one WARC file (or each of several) as captures, as ``winnow archive import`` does.

        WARC-Date is the capture time, the HTTP response gives status and headers, a 304 is an unchanged
        capture and a 404/410 a gone one, a revisit the capture of the bytes it repeats. What the archive
        already holds is not stored again, so importing a file twice adds nothing. ``jobs`` threads clean
        pages while this one stores. A page that fails is counted and listed in ``errors``; raises Io or
        InvalidInput only when the archive itself cannot be written.

        ``partition=(i, n)`` stores only the records whose site falls in partition ``i`` of ``n``
        (winnow.site_partition, a stable hash of the URL's site, as ``archive import --partition i/n``), so
        n tasks build n archive shards with each site whole in one; the rest count as skipped,
        "another partition".
        """
        paths = [os.fspath(path)] if isinstance(path, (str, os.PathLike)) else [os.fspath(p) for p in path]
        index, count = partition if partition is not None else (0, 1)
        if count < 1 or not 0 <= index < count:
            raise ValueError(f"partition must be (i, n) with 0 <= i < n, got {partition!r}")
        return ImportSummary(**self._native.import_warc(paths, max(1, jobs), index, count))

    def export_warc(self, path: Union[str, os.PathLike], urls: Optional[Iterable[str]] = None,
                    since: Optional[str] = None, until: Optional[str] = None,
                    cdxj: Optional[Union[str, os.PathLike]] = None) -> ExportSummary:
        """Writes every capture (or those of ``urls``, between ``since`` and ``until``) to a WARC file.

        ``path`` ends in .warc.gz (a gzip member per record), .warc.zst (zstd with a dictionary trained from
        the records) or .warc; ``cdxj`` also writes a CDXJ index as pywb reads it. Fetched pages become
        response records with their status and headers, saved files resource records, repeated captures
        revisits. Raises NotFound for a URL not in the archive, Io when the file cannot be written (nothing
        is left at ``path`` then).
        """
        return ExportSummary(**self._native.export_warc(os.fspath(path), list(urls or []), since or "", until or "",
                                                        os.fspath(cdxj) if cdxj else ""))
