"""winnow.Archive: every method on a real archive file in a temporary directory, and every error it raises."""

import sqlite3
import threading

import pytest

import winnow

URL = "https://example.com/harbour"


def page(body: str, title: str = "Harbour tides") -> bytes:
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav><article>"
            f"<h1>{title}</h1>{body}</article></body></html>").encode()


V1 = page("<p>The harbour's tide gauges were moved last spring, and the readings have drifted by several "
          "centimetres since then, the port authority said.</p><p>Engineers will recalibrate them in June.</p>")
V2 = page("<p>The harbour's tide gauges were moved last spring, and the readings have drifted by several "
          "centimetres since then, the port authority said.</p><p>Engineers recalibrated them in July, a month "
          "late.</p>")


@pytest.fixture
def archive(tmp_path):
    with winnow.Archive(tmp_path / "pages.db") as a:
        a.add(URL, V1, time="2024-05-01T10:00:00Z", status=200, headers={"ETag": '"v1"'})
        a.add(URL, V2, time="2024-06-01T10:00:00Z", status=200, headers=[("ETag", '"v2"')])
        yield a


def test_add_reports_versions_and_labels(tmp_path):
    with winnow.Archive(tmp_path / "a.db") as a:
        first = a.add(URL, V1, time="2024-05-01")
        assert (first.version, first.new_version, first.label) == (1, True, "new")
        assert first.time == "2024-05-01T00:00:00Z" and first.raw_size == len(V1)
        again = a.add(URL, V1, time="2024-05-02")
        assert (again.version, again.new_version) == (1, False)
        second = a.add(URL, V2.decode(), time="2024-05-03")  # str is stored as its UTF-8 bytes
        assert (second.version, second.label) == (2, "edited") and second.words_changed > 0
        assert a.add("https://example.com/copy", V1).blob_existed


def test_urls_log_show_raw(archive):
    [summary] = archive.urls()
    assert (summary.url, summary.versions, summary.captures, summary.title) == (URL, 2, 2, "Harbour tides")
    assert (summary.label, summary.gone) == ("edited", False) and summary.words_changed > 0
    log = archive.log(URL)
    assert [(e.version, e.status, e.label) for e in log] == [(1, 200, "new"), (2, 200, "edited")]
    latest = archive.show(URL)
    assert (latest.version, latest.versions) == (2, 2) and "July" in latest.text
    assert latest.headers == [("ETag", '"v2"')]
    assert latest.metadata["title"] == "Harbour tides"
    assert archive.show(URL, version=1).first_capture == "2024-05-01T10:00:00Z"
    assert archive.show(URL, version=-1).version == 2
    assert archive.show(URL, at="2024-05-15").version == 1
    assert archive.raw(URL) == V2 and archive.raw(URL, version=1) == V1
    assert archive.raw(URL, at="2024-05-01") == V1


def test_diff(archive):
    diff = archive.diff(URL)
    assert diff.startswith("---") and "-Engineers will recalibrate them in June." in diff
    assert "+Engineers recalibrated them in July, a month late." in diff
    assert archive.diff(URL, 1, 1) == ""


def test_search(archive):
    [hit] = archive.search("recalibrated")
    assert (hit.url, hit.version) == (URL, 2) and "[recalibrated]" in hit.snippet
    assert archive.search("recalibrat*", fts=True)[0].url == URL
    assert archive.search("nothing-like-this") == []
    with pytest.raises(winnow.InvalidInput):
        archive.search('"unbalanced', fts=True)


def test_stats_and_verify(archive):
    stats = archive.stats()
    assert (stats.urls, stats.captures, stats.versions, stats.page_blobs) == (1, 2, 2, 2)
    assert stats.raw_bytes == len(V1) + len(V2) and stats.file_bytes > 0
    report = archive.verify()
    assert report.ok and report.problems == [] and report.blobs_checked >= 2 and report.captures_checked == 2


def test_pack_and_compact(tmp_path):
    path = tmp_path / "packed.db"
    pages = {f"https://news{i % 3}.example/story/{i}": page(f"<p>Story {i}: the harbour's tide gauges drifted by "
                                                          f"{i} centimetres, the port authority said.</p>" * 20, title=f"Story {i}")
             for i in range(12)}
    with winnow.Archive(path) as a:
        for url, raw in pages.items():
            a.add(url, raw)
        assert a.stats().open_blobs == 36 and a.stats().packs == 0
        assert a.pack().packs == 0  # under 4 MiB: left open for a later batch
        report = a.pack(force=True)
        assert (report.packs, report.blobs) == (1, 36) and 0 < report.packed_bytes < report.raw_bytes
        compacted = a.compact()
        assert compacted.packs == 1 and 0 < compacted.file_bytes_after <= compacted.file_bytes_before
        stats = a.stats()
        assert (stats.packs, stats.open_blobs, stats.file_free_bytes) == (1, 0, 0)
        assert stats.file_content_bytes > 0 and stats.file_index_bytes > 0 and stats.file_table_bytes > 0
        assert all(a.raw(url) == raw for url, raw in pages.items())
        assert a.verify().ok
    with winnow.Archive(path, read_only=True) as a:
        with pytest.raises(winnow.InvalidInput):
            a.compact()


def test_unknown_url_and_version_are_not_found(archive):
    with pytest.raises(winnow.NotFound) as caught:
        archive.show("https://example.com/nowhere")
    assert "not in the archive" in caught.value.message
    for call in (lambda: archive.log("https://example.com/nowhere"), lambda: archive.show(URL, version=9),
                 lambda: archive.raw(URL, at="2020-01-01"), lambda: archive.diff("https://example.com/nowhere")):
        with pytest.raises(winnow.NotFound):
            call()


def test_malformed_url_time_and_input(archive):
    with pytest.raises(winnow.InvalidInput):
        archive.add("ftp://example.com/x", V1)
    with pytest.raises(winnow.InvalidInput):
        archive.add(URL, V1, time="yesterday")
    with pytest.raises(winnow.InvalidInput):
        archive.show(URL, at="not a time")


def test_closed_archive(tmp_path):
    a = winnow.Archive(tmp_path / "a.db")
    a.close()
    a.close()
    assert a.closed
    with pytest.raises(winnow.InvalidInput, match="closed"):
        a.urls()


def test_open_errors(tmp_path):
    with pytest.raises(winnow.Io):
        winnow.Archive(tmp_path / "missing-dir" / "a.db")
    not_archive = tmp_path / "notes.txt"
    not_archive.write_text("not a database at all, just some text\n" * 200)
    with pytest.raises(winnow.InvalidInput):
        winnow.Archive(not_archive)
    with pytest.raises(winnow.InvalidInput):
        winnow.Archive(tmp_path)  # a directory
    with pytest.raises(winnow.Io):
        winnow.Archive(tmp_path / "absent.db", read_only=True)


def test_archive_from_a_newer_winnow_is_unsupported(tmp_path):
    path = tmp_path / "a.db"
    winnow.Archive(path).close()
    db = sqlite3.connect(path)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.execute(f"PRAGMA user_version = {version + 100}")
    db.commit()
    db.close()
    with pytest.raises(winnow.Unsupported):
        winnow.Archive(path)


def test_one_archive_shared_by_threads(tmp_path):
    with winnow.Archive(tmp_path / "a.db") as a:
        errors = []

        def add(n):
            try:
                for i in range(10):
                    a.add(f"https://example.com/t{n}/{i}", page(f"<p>Thread {n} page {i} says something.</p>"))
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=add, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert len(a.urls()) == 40 and a.verify().ok
