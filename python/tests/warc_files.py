"""Writes WARC files for the tests: warcinfo, then a request and a response record per page, each its own gzip
member, as crawlers write them. Written here, independently of winnow's writer."""

import gzip
import uuid
from typing import Iterable, Tuple


def _record(warc_type: str, fields: Iterable[Tuple[str, str]], block: bytes) -> bytes:
    head = [f"WARC/1.1", f"WARC-Type: {warc_type}", f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>"]
    head += [f"{name}: {value}" for name, value in fields]
    head.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def write_warc(path, pages, compress: bool = True) -> None:
    """``pages``: (url, date "YYYY-MM-DDTHH:MM:SSZ", HTML bytes) each; a request and a 200 response record for
    each, after a warcinfo record."""
    records = [_record("warcinfo", [("WARC-Date", "2026-01-01T00:00:00Z"), ("Content-Type", "application/warc-fields")],
                       b"software: winnow tests\r\n")]
    for url, date, html in pages:
        host = url.split("/")[2]
        request = f"GET /{url.split('/', 3)[3] if url.count('/') > 2 else ''} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
        response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + f"Content-Length: {len(html)}\r\n\r\n".encode() + html)
        records.append(_record("request", [("WARC-Target-URI", url), ("WARC-Date", date),
                                           ("Content-Type", "application/http; msgtype=request")], request))
        records.append(_record("response", [("WARC-Target-URI", url), ("WARC-Date", date),
                                            ("Content-Type", "application/http; msgtype=response")], response))
    with open(path, "wb") as f:
        for record in records:
            f.write(gzip.compress(record) if compress else record)
