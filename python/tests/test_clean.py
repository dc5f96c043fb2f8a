"""winnow.clean_html, clean_text and sniff_input_kind: fields, renderings equal to the CLI's, errors, threads, leaks."""

import dataclasses
import gc
import json
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import winnow
from conftest import FIXTURES

SEED = FIXTURES / "seeds" / "002_99ccf0442c11ffee.html"
URL = "https://example.com/news/a"

ARTICLE = (b"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Harbour tides | Coast News</title>"
           b"<meta property='og:site_name' content='Coast News'><meta name='author' content='Ana Silva'>"
           b"<meta property='article:published_time' content='2024-05-01T10:00:00Z'></head><body>"
           b"<nav><a href='/'>Home</a> <a href='/about'>About</a></nav><article><h1>Harbour tides</h1>"
           b"<h2>Why the gauges moved</h2>"
           b"<p>The harbour's tide gauges were moved last spring, and the readings since then have drifted "
           b"by several centimetres, the port authority said on Tuesday in a statement to the council.</p>"
           b"<p>Engineers will <strong>recalibrate</strong> them in June, according to the "
           b"<a href='/report.pdf'>published report</a>, which lists every station and its error.</p>"
           b"<ul><li>North pier: 4 cm</li><li>South pier: 6 cm</li></ul></article>"
           b"<footer>Copyright Coast News. Like us on Facebook.</footer></body></html>")


def test_clean_html_fields():
    article = winnow.clean_html(ARTICLE, url=URL)
    assert article.url == URL
    assert article.title == "Harbour tides"
    assert article.authors == ["Ana Silva"]
    assert article.published.startswith("2024-05-01")
    assert article.site_name == "Coast News"
    assert article.language == "en"
    assert "recalibrate" in article.text and "Home" not in article.text and "Facebook" not in article.text
    assert article.word_count == len(re.findall(r"\w+", article.text))
    assert article.warnings == []


def test_page_type_is_decided_or_forced():
    assert winnow.clean_html(ARTICLE, url=URL).page_type == "article"
    forced = winnow.clean_html(ARTICLE, url=URL, page_type="forum")
    assert forced.page_type == "forum"
    assert json.loads(forced.to_json())["page_type"] == "forum"
    assert forced.to_dict()["page_type"] == "forum"
    with pytest.raises(ValueError, match="page_type"):
        winnow.clean_html(ARTICLE, page_type="blog")
    import pickle
    assert pickle.loads(pickle.dumps(forced)).page_type == "forum"


def test_blocks_mirror_the_library():
    blocks = winnow.clean_html(ARTICLE, url=URL).blocks
    kinds = [b.kind for b in blocks]
    assert kinds == ["heading", "paragraph", "paragraph", "list"]
    assert blocks[0].level == 2 and blocks[0].text == "Why the gauges moved"
    assert blocks[2].links == ["https://example.com/report.pdf"]
    assert any(s.strong and s.text == "recalibrate" for s in blocks[2].spans)
    assert [[s.text for s in item] for item in blocks[3].items] == [["North pier: 4 cm"], ["South pier: 6 cm"]]
    assert blocks[3].ordered is False
    assert blocks[3].text == "North pier: 4 cm\nSouth pier: 6 cm"
    assert json.loads(json.dumps(blocks[2].to_dict()))["links"] == ["https://example.com/report.pdf"]


def test_to_dict_is_plain_data():
    d = winnow.clean_html(ARTICLE, url=URL).to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["title"] == "Harbour tides" and d["blocks"][0]["kind"] == "heading"
    fields = dataclasses.asdict(winnow.clean_html(ARTICLE, url=URL))
    assert {k: v for k, v in d.items() if k != "blocks"} == fields


def test_bytes_and_str_give_the_same_article():
    page = SEED.read_bytes()
    from_bytes = winnow.clean_html(page, url=URL)
    assert winnow.clean_html(page.decode("utf-8"), url=URL) == from_bytes
    assert winnow.clean_html(bytearray(page), url=URL) == from_bytes
    assert winnow.clean_html(memoryview(page), url=URL) == from_bytes


def test_str_input_is_not_decoded_again_by_its_meta_charset():
    page = "<html><head><meta charset='windows-1252'><title>Café</title></head><body><p>Crème brûlée.</p></body></html>"
    article = winnow.clean_html(page)
    assert article.title == "Café"
    # The same page as windows-1252 bytes is decoded by its <meta>.
    assert winnow.clean_html(page.encode("cp1252")).title == "Café"


def test_charset_and_content_type():
    page = "<html><title>Ñandú</title><p>El ñandú corre rápido por la pampa.</p></html>".encode("latin-1")
    assert winnow.clean_html(page, charset="iso-8859-1").title == "Ñandú"
    assert winnow.clean_html(page, content_type="text/html; charset=iso-8859-1").title == "Ñandú"
    with pytest.raises(TypeError):
        winnow.clean_html("already text", charset="utf-8")


@pytest.mark.parametrize("fmt,links", [("text", False), ("markdown", False), ("markdown", True), ("html", False),
                                       ("html", True), ("json", False)])
def test_renderings_equal_winnow_clean(winnow_cli, fmt, links):
    for page in [SEED] + sorted((FIXTURES / "boilerplate").glob("*.html"))[:5]:
        article = winnow.clean_html(page.read_bytes(), url=URL)
        rendered = {"text": article.to_text, "json": article.to_json}.get(fmt)
        ours = rendered() if rendered else getattr(article, f"to_{fmt}")(links=links)
        cli = winnow_cli("clean", "--format", fmt, *(["--links"] if links else []), "--url", URL, page)
        assert ours == cli, page.name


def test_render_json_is_the_cli_json():
    article = winnow.clean_html(ARTICLE, url=URL)
    data = json.loads(article.to_json())
    assert data["title"] == article.title and data["text"] == article.text
    assert data["word_count"] == article.word_count


def test_binary_input_is_invalid_input():
    with pytest.raises(winnow.InvalidInput) as caught:
        winnow.clean_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in caught.value.message
    assert isinstance(caught.value, winnow.Error) and caught.value.kind == "invalid_input"


def test_empty_input_is_invalid_input():
    with pytest.raises(winnow.InvalidInput):
        winnow.clean_html(b"")
    with pytest.raises(winnow.InvalidInput):
        winnow.clean_text("")


def test_too_large():
    with pytest.raises(winnow.TooLarge) as caught:
        winnow.clean_html(ARTICLE, max_input_bytes=100)
    assert caught.value.kind == "too_large"
    with pytest.raises(winnow.TooLarge):
        winnow.clean_text("a line of text\n" * 20, max_input_bytes=50)


def test_unknown_charset_is_unsupported():
    with pytest.raises(winnow.Unsupported):
        winnow.clean_html(ARTICLE, charset="no-such-charset")


def test_wrong_types():
    with pytest.raises(TypeError):
        winnow.clean_html(12345)
    with pytest.raises(UnicodeEncodeError):
        winnow.clean_html("<p>lone surrogate \ud800</p>")


def test_no_article_is_a_warning_not_an_error():
    article = winnow.clean_html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert article.blocks == [] and article.warnings


def test_large_page():
    paragraph = ("<p>" + "The council met again on Tuesday to discuss the harbour, its gauges and its tides. " * 4
                 + "</p>\n")
    page = ("<html><head><title>Long</title></head><body><article>" + paragraph * 20000
            + "</article></body></html>").encode()
    assert len(page) > 6_000_000
    article = winnow.clean_html(page)
    assert article.word_count == 20000 * 60
    assert len(article.blocks) == 20000


def test_a_thread_pool_gives_the_serial_output(pages):
    work = [data for _, data in pages] * 3
    serial = [winnow.clean_html(p, url=URL).to_json() for p in work]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda p: winnow.clean_html(p, url=URL).to_json(), work))
    assert parallel == serial


def test_clean_html_releases_the_gil():
    # While another thread is inside clean_html, this one keeps running: the longest pause between two turns
    # of its loop stays far below the call's length (holding the GIL would stall it for the whole call).
    page = ("<html><body><article>" + "<p>The council met on Tuesday to discuss the harbour and its tides.</p>"
            * 40000 + "</article></body></html>").encode()
    started = time.perf_counter()
    winnow.clean_html(page)
    alone = time.perf_counter() - started
    done = threading.Event()
    worker = threading.Thread(target=lambda: (winnow.clean_html(page), done.set()))
    longest, last = 0.0, time.perf_counter()
    worker.start()
    while not done.is_set():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    worker.join()
    assert alone > 0.1, "the page should take a while to clean"
    assert longest < alone / 2, f"this thread stalled {longest:.3f} s during a {alone:.3f} s call"


def _rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_no_leak_over_10000_calls():
    page = ARTICLE
    for _ in range(1000):  # warm-up: allocator pools, caches
        winnow.clean_html(page, url=URL).blocks
    gc.collect()
    before = _rss_bytes()
    for _ in range(10000):
        article = winnow.clean_html(page, url=URL)
        article.blocks
        article.to_markdown()
    gc.collect()
    growth = _rss_bytes() - before
    # A leak of even 200 bytes a call would show as 2 MB.
    assert growth < 2 * 1024 * 1024, f"RSS grew by {growth} bytes over 10,000 calls"


TEXT = SEED.parent.parent / "seeds-text" / "000_759ec7b6c37ff757.txt"


def test_clean_text_keeps_what_the_cli_keeps(winnow_cli):
    data = TEXT.read_bytes()
    cleaned = winnow.clean_text(data)
    assert cleaned.kept_text == winnow_cli("clean", "--input", "text", TEXT)
    assert str(cleaned) == cleaned.kept_text
    assert "Like Us on Facebook" not in cleaned.kept_text
    assert winnow.clean_text(data.decode("utf-8")).kept_text == cleaned.kept_text


def test_clean_text_verdicts_and_explain():
    data = TEXT.read_bytes()
    plain = winnow.clean_text(data)
    explained = winnow.clean_text(data, explain=True)
    assert [v.keep for v in plain.verdicts] == [v.keep for v in explained.verdicts]
    assert all(v.reasons == [] for v in plain.verdicts)
    assert all(v.reasons for v in explained.verdicts)
    kept = [v for v in plain.verdicts if v.keep]
    dropped = [v for v in plain.verdicts if not v.keep]
    assert kept and dropped
    assert all(v.score > 0 for v in kept) and all(v.score <= 0 for v in dropped)
    assert plain.verdicts[0].line == 1
    assert any(v.title for v in plain.verdicts) == bool(plain.article.title)
    assert json.loads(plain.to_json())["paragraphs"] == plain.paragraphs


def test_sniff_input_kind():
    assert winnow.sniff_input_kind(ARTICLE) == "html"
    assert winnow.sniff_input_kind("just some text\nand more") == "text"


def test_every_error_kind_has_its_class():
    # The native module maps winnow::ErrorKind (in declaration order) to these classes; Internal cannot be
    # provoked from outside (it is a bug or resource failure), so each kind is raised through a test hook.
    names = ["InvalidInput", "TooLarge", "NotFound", "Io", "Unsupported", "Network", "Refused", "Internal"]
    for number, name in enumerate(names):
        with pytest.raises(getattr(winnow, name)) as caught:
            winnow._winnow._raise_error(number, f"message {number}")
        assert type(caught.value) is getattr(winnow, name) and isinstance(caught.value, winnow.Error)
        assert caught.value.message == f"message {number}" and str(caught.value) == f"message {number}"
    assert winnow.Io.kind == "io" and winnow.Internal.kind == "internal"


def test_an_article_pickles_whole_with_its_blocks_and_renderings(pages):
    import pickle

    for name, data in pages:
        article = winnow.clean_html(data, url="https://news.example/story")
        copy = pickle.loads(pickle.dumps(article))
        assert copy == article, name
        assert copy.to_markdown(links=True) == article.to_markdown(links=True), name
        assert copy.to_html() == article.to_html() and copy.to_json() == article.to_json(), name
