"""Fetching: many URLs politely (robots.txt, per-host limits and delays, retries), yielded as each completes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _winnow
from ._errors import Error

DEFAULT_USER_AGENT: str = _winnow.DEFAULT_USER_AGENT

RequestLike = Union[str, Tuple[str, Union[Mapping[str, str], Sequence[Tuple[str, str]]]]]


@dataclass
class Notice:
    """Something worth telling that is not one request's outcome, e.g. a capped Crawl-delay for ``origin``."""

    origin: str
    message: str


@dataclass
class Response:
    """The outcome for one URL (fetch::Response).

    ``index`` is the URL's position in the input, ``url`` as requested, ``final_url`` after the
    ``redirects`` ((url, status) hops). ``body`` is decoded (gzip, br, zstd undone) and empty on
    error. ``error`` is None when the final response arrived whole with a status below 400 (304
    included); otherwise a winnow.Error instance (not raised): Network (no connection, timeout,
    TLS, another 4xx/5xx), NotFound (404/410), Refused (robots.txt), TooLarge (a limit),
    Unsupported (not http(s)), InvalidInput (an unparsable URL).
    """

    index: int
    url: str
    final_url: str
    redirects: List[Tuple[str, int]]
    status: int
    headers: List[Tuple[str, str]]
    body: bytes
    content_type: str
    seconds: float
    attempts: int
    error: Optional[Error] = field(default=None)

    @property
    def ok(self) -> bool:
        """True when the request succeeded (``error`` is None)."""
        return self.error is None

    def header(self, name: str) -> str:
        """The value of header ``name`` (case-insensitive), or "" when absent."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), "")

    def raise_for_error(self) -> "Response":
        """Raises ``error`` when the request failed; returns the response otherwise."""
        if self.error is not None:
            raise self.error
        return self


def _request(item: RequestLike) -> Tuple[str, List[Tuple[str, str]]]:
    if isinstance(item, str):
        return item, []
    url, headers = item
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    return url, [(str(k), str(v)) for k, v in pairs]


def fetch(urls: Iterable[RequestLike], concurrency: int = 16, per_host: int = 2, delay: float = 1.0,
          robots: bool = True, max_crawl_delay: float = 30, connect_timeout: float = 10, timeout: float = 60,
          low_speed_bytes: int = 1, low_speed_time: float = 15, max_body_bytes: int = 20 << 20,
          max_redirects: int = 20, retries: int = 3, backoff: float = 1.0, max_retry_after: float = 120,
          user_agent: str = DEFAULT_USER_AGENT, insecure: bool = False,
          on_notice: Optional[Callable[[Notice], None]] = None) -> Iterator[Response]:
    """Fetches every URL and yields one Response per URL, in completion order (``Response.index`` says which).

    ``urls`` holds URLs, or (url, headers) pairs for extra request headers (If-None-Match, ...).
    The options mirror fetch::Options (and ``winnow fetch``): ``concurrency`` transfers at once,
    ``per_host`` to one host, ``delay`` seconds between two starts on one host (grows after
    429/503 and to a Crawl-delay, capped at ``max_crawl_delay``), ``robots`` obeys robots.txt,
    ``connect_timeout``/``timeout`` seconds, an abort below ``low_speed_bytes``/s for
    ``low_speed_time`` s, ``max_body_bytes`` decoded, ``max_redirects`` hops, ``retries`` with
    exponential ``backoff`` (Retry-After honoured up to ``max_retry_after``), ``user_agent``,
    ``insecure`` (no TLS verification). ``on_notice`` is called with each Notice.

    A failed request yields a Response whose ``error`` says why; it never stops the batch. The
    C++ fetcher runs on a background thread without the GIL; responses wait in a queue until
    taken. Closing the generator early (``break``, or letting it go) stops the batch at once.
    """
    requests = [_request(u) for u in urls]
    options = dict(concurrency=concurrency, per_host=per_host, delay=delay, robots=robots,
                   max_crawl_delay=max_crawl_delay, connect_timeout=connect_timeout, timeout=timeout,
                   low_speed_bytes=low_speed_bytes, low_speed_time=low_speed_time, max_body_bytes=max_body_bytes,
                   max_redirects=max_redirects, retries=retries, backoff=backoff, max_retry_after=max_retry_after,
                   user_agent=user_agent, insecure=insecure)
    return _responses(_winnow.FetchBatch(requests, options), on_notice)


def _responses(batch: "_winnow.FetchBatch", on_notice: Optional[Callable[[Notice], None]]) -> Iterator[Response]:
    try:
        while True:
            item = batch.next()
            if item is None:
                return
            what, fields = item
            if what == "notice":
                if on_notice is not None:
                    on_notice(Notice(**fields))
                continue
            yield Response(**fields)
    finally:
        batch.close()
