"""winnow.fetch against a real http.server the test starts on 127.0.0.1 (never the internet)."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import winnow

FAST = dict(delay=0, retries=0, backoff=0.01, timeout=10, connect_timeout=5)


class Handler(BaseHTTPRequestHandler):
    """Pages /page/N, a robots.txt that disallows /private/, a 404, a redirect, a big body and a slow page."""

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's name
        path = self.path
        if path == "/robots.txt":
            self.send(200, b"User-agent: *\nDisallow: /private/\nCrawl-delay: 500\n", "text/plain")
        elif path.startswith("/page/"):
            n = path.rsplit("/", 1)[1]
            echo = self.headers.get("X-Echo", "")
            self.send(200, f"<html><title>Page {n}</title><p>Body of page {n}. {echo}</p></html>".encode(),
                      headers=[("ETag", f'"{n}"')])
        elif path == "/moved":
            self.send(301, headers=[("Location", "/page/7")])
        elif path == "/big":
            self.send(200, b"x" * 200_000)
        elif path == "/slow":
            time.sleep(3)
            self.send(200, b"late")
        else:
            self.send(404, b"no such page")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


def test_fetches_every_url_as_it_completes(server):
    urls = [f"{server}/page/{n}" for n in range(20)]
    responses = list(winnow.fetch(urls, concurrency=8, per_host=8, max_crawl_delay=0, **FAST))
    assert sorted(r.index for r in responses) == list(range(20))
    for r in responses:
        assert r.ok and r.error is None and r.status == 200
        assert r.url == urls[r.index] and r.final_url == r.url
        assert r.body == f"<html><title>Page {r.index}</title><p>Body of page {r.index}. </p></html>".encode()
        assert r.content_type.startswith("text/html") and r.header("etag") == f'"{r.index}"'
        assert r.attempts == 1 and r.seconds >= 0
    # The fetched bytes go straight into clean_html.
    assert winnow.clean_html(responses[0].body).title.startswith("Page")


def test_request_headers_redirects_and_notices(server):
    notices = []
    [r] = winnow.fetch([(f"{server}/page/3", {"X-Echo": "hello"})], on_notice=notices.append, max_crawl_delay=0.01,
                       **FAST)
    assert b"hello" in r.body
    assert notices and "Crawl-delay" in notices[0].message and notices[0].origin.startswith("http://127.0.0.1")
    [moved] = winnow.fetch([f"{server}/moved"], max_crawl_delay=0, **FAST)
    assert moved.ok and moved.final_url == f"{server}/page/7" and moved.redirects == [(f"{server}/moved", 301)]


def test_every_failure_kind(server):
    requests = [f"{server}/missing", f"{server}/private/x", f"{server}/big", "ftp://127.0.0.1/file",
                "http://bad host/", f"http://127.0.0.1:{closed_port()}/"]
    by_index = {r.index: r for r in winnow.fetch(requests, max_body_bytes=100_000, max_crawl_delay=0, **FAST)}
    expected = [winnow.NotFound, winnow.Refused, winnow.TooLarge, winnow.Unsupported, winnow.InvalidInput,
                winnow.Refused]  # the closed port's robots.txt cannot be fetched: RFC 9309 says no
    for index, cls in enumerate(expected):
        r = by_index[index]
        assert type(r.error) is cls, (requests[index], r.error)
        assert not r.ok and r.body == b"" and r.error.message
        with pytest.raises(cls):
            r.raise_for_error()
    assert by_index[0].status == 404


def test_closed_port_is_a_network_error():
    [r] = winnow.fetch([f"http://127.0.0.1:{closed_port()}/page"], robots=False, **FAST)
    assert isinstance(r.error, winnow.Network) and r.error.kind == "network"
    assert "refused" in r.error.message
    with pytest.raises(winnow.Network):
        r.raise_for_error()


def test_timeout_is_a_network_error(server):
    [r] = winnow.fetch([f"{server}/slow"], robots=False, **{**FAST, "timeout": 0.5})
    assert isinstance(r.error, winnow.Network) and "timed out" in r.error.message


def test_breaking_out_stops_the_batch(server):
    started = time.monotonic()
    responses = winnow.fetch([f"{server}/slow"] * 4 + [f"{server}/page/1"], robots=False, concurrency=1,
                             per_host=1, **FAST)
    first = next(responses)
    responses.close()
    assert first.index == 0 and time.monotonic() - started < 8


def test_other_threads_run_while_fetching(server):
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        [r] = winnow.fetch([f"{server}/slow"], robots=False, **FAST)
    finally:
        done.set()
        counter.join()
    assert r.ok and ticks > 100  # 3 s of waiting left the GIL free


def test_bad_options():
    with pytest.raises(TypeError):
        winnow.fetch(["http://127.0.0.1/"], concurrency="many")
