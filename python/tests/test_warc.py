"""winnow.warc.records, winnow.clean_warc and Archive.import_warc/export_warc on WARCs Debian's wget writes
from pages an http.server serves on 127.0.0.1 (never the internet)."""

import functools
import gzip
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

import winnow

from conftest import seed_pages


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The seed pages and a style sheet served from a temporary directory: (base URL, {name: bytes})."""
    root = tmp_path_factory.mktemp("site")
    files = {p.name: p.read_bytes() for p in seed_pages() if p.parent.name == "seeds"}
    files["style.css"] = b"body { color: #222; }\n"
    for name, data in files.items():
        (root / name).write_bytes(data)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", files
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def crawl(site, tmp_path_factory):
    """wget's .warc.gz of every file of the site."""
    wget = shutil.which("wget")
    if not wget:
        pytest.skip("wget is not installed (apt-get install wget)")
    base, files = site
    stem = tmp_path_factory.mktemp("crawl") / "crawl"
    # A few tries: on a loaded CI machine the test server once lost one page of the crawl (wget got no answer).
    run = subprocess.run([wget, "--no-verbose", "--no-config", "--no-proxy", "--tries=3", "--retry-connrefused",
                          "--waitretry=1", "--timeout=10", f"--warc-file={stem}", "-O", "/dev/null"]
                         + [f"{base}/{name}" for name in sorted(files)], capture_output=True, text=True, check=False)
    path = stem.parent / "crawl.warc.gz"
    assert path.exists(), f"wget wrote no WARC: {run.stderr}"
    assert run.returncode == 0, f"wget failed (exit {run.returncode}): {run.stderr}"
    return path


def page_urls(site):
    base, files = site
    return {f"{base}/{name}" for name in files if name.endswith(".html")}


def test_records_gives_every_record_with_its_http_head_and_payload(site, crawl):
    base, files = site
    records = list(winnow.warc.records(crawl))
    assert records[0].type == "warcinfo"
    responses = [r for r in records if r.type == "response"]
    assert {r.target_uri for r in responses} == {f"{base}/{name}" for name in files}
    for record in responses:
        assert record.http["status"] == 200
        assert record.decoded_payload() == files[record.target_uri.rsplit("/", 1)[1]]
        assert record.header("WARC-Payload-Digest").startswith("sha1:")
    offsets = [r.offset for r in records]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)
    # A record's offset and length cut out exactly its gzip member.
    data = crawl.read_bytes()
    member = data[responses[0].offset:responses[0].offset + responses[0].length]
    assert gzip.decompress(member).startswith(b"WARC/1.0")


def test_records_reads_bytes_and_file_objects_as_it_reads_paths(crawl):
    from_path = [(r.type, r.offset, r.block) for r in winnow.warc.records(str(crawl))]
    with open(crawl, "rb") as f:
        from_file = [(r.type, r.offset, r.block) for r in winnow.warc.records(f)]
    from_bytes = [(r.type, r.offset, r.block) for r in winnow.warc.records(crawl.read_bytes())]
    assert from_path == from_file == from_bytes


def test_records_raises_after_the_records_before_damage(crawl):
    data = gzip.decompress(crawl.read_bytes())
    cut = data[: data.rindex(b"WARC-Type: response") + 200]
    seen = []
    with pytest.raises(winnow.InvalidInput) as raised:
        for record in winnow.warc.records(cut):
            seen.append(record.type)
    assert "offset" in str(raised.value)
    assert seen.count("response") >= 1
    with pytest.raises(winnow.Io):
        list(winnow.warc.records("/nonexistent/crawl.warc.gz"))


def test_clean_warc_gives_the_lines_of_clean_jsonl(site, crawl, winnow_cli):
    import json
    cli_lines = [json.loads(line) for line in winnow_cli("clean", "--jsonl", "-q", crawl).splitlines()]
    serial = list(winnow.clean_warc(crawl))
    assert serial == cli_lines
    assert {d["url"] for d in serial} == page_urls(site)
    assert all(d["warc_record_id"].startswith("urn:uuid:") and d["text"] for d in serial)
    assert list(winnow.clean_warc(crawl, jobs=2)) == serial
    # Stopping early ends the background cleaning without waiting for the rest.
    first = winnow.clean_warc(crawl)
    assert next(first)["offset"] == serial[0]["offset"]
    first.close()


def test_archive_imports_once_and_exports_what_warc_readers_read_back(site, crawl, tmp_path):
    base, files = site
    with winnow.Archive(tmp_path / "a.db") as archive:
        first = archive.import_warc(crawl)
        assert first.captures == len(page_urls(site)) and first.errors == []
        assert first.skipped["request"] == len(files)
        again = archive.import_warc([crawl])
        assert again.captures == 0 and again.already_stored == first.captures
        for ext in (".warc.gz", ".warc.zst"):
            out = tmp_path / f"export{ext}"
            summary = archive.export_warc(out, cdxj=tmp_path / "export.cdxj")
            assert summary.records == first.captures and summary.revisits == 0
            exported = [r for r in winnow.warc.records(out) if r.type == "response"]
            assert {r.target_uri for r in exported} == page_urls(site)
            for record in exported:
                assert record.decoded_payload() == files[record.target_uri.rsplit("/", 1)[1]]
            assert len((tmp_path / "export.cdxj").read_text().splitlines()) == summary.records
        one = sorted(page_urls(site))[0]
        only = archive.export_warc(tmp_path / "one.warc", urls=[one])
        assert only.urls == 1
        with pytest.raises(winnow.NotFound):
            archive.export_warc(tmp_path / "none.warc.gz", urls=[f"{base}/not-archived.html"])
        assert not (tmp_path / "none.warc.gz").exists()
