"""Type stub of the native extension winnow._winnow (python/src/*.cc); use the public ``winnow`` package instead."""

from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

_Input = Union[bytes, bytearray, memoryview, str]
_Headers = Union[Dict[str, str], Iterable[Tuple[str, str]]]

__version__: str
DEFAULT_USER_AGENT: str

def library_versions() -> Dict[str, str]:
    """The versions of Gumbo, libcurl, SQLite and zstd this module runs with."""

def _raise_error(kind: int, message: str) -> None:
    """For tests: raises the exception an Error of ErrorKind number `kind` becomes."""

def _register_errors(classes: Sequence[type]) -> None:
    """Internal: winnow/__init__.py hands over its exception classes, one per ErrorKind in order."""

class NativeArticle:
    """An article as the C++ library holds it; winnow.Article wraps it."""

    def render(self, format: str, links: bool = False) -> str:
        """The article as `winnow clean --format FORMAT` prints it (text, markdown, html, json), ending with a newline."""
    def blocks(self) -> List[Tuple[str, int, bool, list, list, List[List[str]], bool, str, str]]:
        """The body blocks as tuples (kind, level, ordered, spans, items, rows, header_row, code, text)."""

def clean_html(data: _Input, url: Optional[str] = None, charset: Optional[str] = None,
               content_type: Optional[str] = None, max_input_bytes: int = ...,
               page_type: Optional[str] = None) -> Tuple[NativeArticle, Dict[str, Any]]:
    """Cleans one page without the GIL; returns (NativeArticle, winnow.Article's fields). Raises winnow.Error subclasses."""

def clean_text(data: _Input, explain: bool = False, charset: Optional[str] = None,
               max_input_bytes: int = ...) -> Tuple[NativeArticle, Dict[str, Any], str, list, bool]:
    """Cleans extracted text without the GIL; returns (NativeArticle, fields, kept_text, verdict tuples, paragraphs)."""

def sniff_input_kind(data: _Input) -> str:
    """'html' or 'text': how `winnow clean` would read these bytes."""

class NativeArchive:
    """winnow::archive::Archive, used by one thread at a time (others wait without the GIL); winnow.Archive wraps it."""

    closed: bool
    def __init__(self, path: str, read_only: bool = False, create: bool = True) -> None:
        """Opens or creates the archive file at `path`."""
    def add(self, url: str, raw: _Input, time: Optional[str] = None, status: Optional[int] = None,
            headers: Optional[_Headers] = None, charset: Optional[str] = None) -> Dict[str, Any]:
        """Archive::add_capture; returns winnow.AddResult's fields."""
    def urls(self) -> List[Dict[str, Any]]:
        """Archive::list; winnow.UrlSummary fields per URL."""
    def log(self, url: str) -> List[Dict[str, Any]]:
        """Archive::log; winnow.LogEntry fields per capture."""
    def show(self, url: str, version: Optional[int] = None, at: Optional[str] = None) -> Dict[str, Any]:
        """Archive::show; winnow.Version's fields, with metadata_json not yet parsed."""
    def raw(self, url: str, version: Optional[int] = None, at: Optional[str] = None) -> bytes:
        """Archive::raw: the exact bytes of a version."""
    def diff(self, url: str, a: Optional[int] = None, b: Optional[int] = None) -> str:
        """Archive::diff: a unified diff of two versions' article texts."""
    def search(self, query: str, limit: int = 20, fts: bool = False) -> List[Dict[str, Any]]:
        """Archive::search; winnow.SearchHit fields per hit."""
    def stats(self) -> Dict[str, int]:
        """Archive::stats."""
    def verify(self) -> Dict[str, Any]:
        """Archive::verify."""
    def pack(self, force: bool = ...) -> Dict[str, int]:
        """Archive::pack; winnow.PackReport fields."""
    def compact(self) -> Dict[str, int]:
        """Archive::compact; winnow.PackReport fields."""
    def merge(self, shards: List[str]) -> Dict[str, Any]: ...
    def import_warc(self, paths: List[str], jobs: int = 1, partition_index: int = 0,
                    partition_count: int = 1) -> Dict[str, Any]:
        """WarcImporter over each file; winnow.ImportSummary fields."""
    def export_warc(self, path: str, urls: List[str], since: str, until: str, cdxj: str) -> Dict[str, int]:
        """export_warc; winnow.ExportSummary fields."""
    def close(self) -> None:
        """Closes the file; later calls raise winnow.InvalidInput."""

class FetchBatch:
    """fetch::fetch_all on a background thread that never takes the GIL; winnow.fetch drives it."""

    def __init__(self, requests: List[Tuple[str, List[Tuple[str, str]]]], options: Dict[str, Any]) -> None:
        """Starts fetching; `options` holds fetch::Options fields by name."""
    def next(self) -> Optional[Tuple[str, Dict[str, Any]]]:
        """('response', fields) or ('notice', fields) as each arrives; None when the batch is over."""
    def close(self) -> None:
        """Stops the batch at once and waits for its thread."""

class WarcRecord:
    """One WARC record (winnow::warc::Record); winnow.warc.Record."""

    type: str
    version: str
    headers: List[Tuple[str, str]]
    target_uri: str
    date: str
    record_id: str
    offset: int
    length: int
    content_length: int
    block_truncated: bool
    block: bytes
    payload: bytes
    http: Optional[Dict[str, Any]]
    def header(self, name: str) -> str:
        """The first value of a WARC header (ASCII case ignored); "" when absent."""
    def decoded_payload(self) -> bytes:
        """The payload with chunked transfer coding and gzip/deflate/br/zstd content coding undone."""

class WarcReader:
    """winnow::warc::Reader over a file or bytes; winnow.warc.records."""

    @staticmethod
    def open(path: str) -> "WarcReader":
        """Opens a WARC file ("-" = standard input)."""
    @staticmethod
    def from_bytes(data: bytes, name: str) -> "WarcReader":
        """Reads a WARC held in memory; `name` is used in errors."""
    def __iter__(self) -> "WarcReader": ...
    def __next__(self) -> WarcRecord: ...

class WarcCleaner:
    """winnow clean's WARC path on a background thread; winnow.clean_warc."""

    def __init__(self, path: str, jobs: int = 1) -> None: ...
    def __iter__(self) -> "WarcCleaner": ...
    def __next__(self) -> str:
        """The next record's JSON line (as `winnow clean --jsonl`)."""
    def close(self) -> None:
        """Stops the cleaning and waits for its thread."""

def clean_warc_to_file(path: str, out_path: str, jobs: int = 1, level: int = 3) -> Dict[str, Any]:
    """Cleans a WARC into one zstd-compressed JSON Lines file (winnow clean --jsonl's lines); returns the tally:
    records, cleaned, failed, skipped, types, error ({message, offset} or None)."""

def site_partition(url: str, count: int) -> int:
    """The partition (0..count-1) of a URL's site: a stable hash, the same in every process."""
