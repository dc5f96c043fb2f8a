"""winnow: keeps the article, throws away the rest.

Clean web pages (``clean_html``) and extracted text (``clean_text``), keep every version of
every page in one file (``Archive``), fetch pages politely (``fetch``), and read, clean, import and
export WARC files (``winnow.warc.records``, ``clean_warc``, ``Archive.import_warc``/``export_warc``). The work is done
by winnow's C++ libraries, with the GIL released, so threads run in parallel.

    import winnow
    article = winnow.clean_html(open("page.html", "rb").read(), url="https://example.com/a")
    print(article.title, article.word_count)
    print(article.to_markdown(links=True))

Failures raise ``winnow.Error`` subclasses: InvalidInput, TooLarge, NotFound, Io,
Unsupported, Network, Refused, Internal.
"""

from . import _winnow
from ._archive import AddResult, Archive, ExportSummary, ImportSummary, MergeSummary, LogEntry, PackReport, SearchHit, Stats, UrlSummary, Version, VerifyReport
from ._clean import Article, Block, CleanedText, Span, TextVerdict, clean_html, clean_text, sniff_input_kind
from ._errors import (ERROR_CLASSES, Error, Internal, InvalidInput, Io, Network, NotFound, Refused, TooLarge,
                      Unsupported)
from ._fetch import DEFAULT_USER_AGENT, Notice, Response, fetch
from . import warc
from .warc import clean_warc

_winnow._register_errors(ERROR_CLASSES)
for _cls in (Error,) + ERROR_CLASSES:
    _cls.__module__ = __name__  # tracebacks say winnow.NotFound, as users import it
del _cls

__version__: str = _winnow.__version__


def site_partition(url: str, count: int) -> int:
    """The partition (0 .. count-1) of a URL's site: a stable hash of its registrable host, the same in every
    process and on every machine (``archive import --partition``, ``Archive.import_warc(partition=...)`` and
    winnow.dask's archive shards use it), so each site is whole in one partition."""
    if count < 1:
        raise ValueError("count must be 1 or more")
    return _winnow.site_partition(url, count)


def library_versions() -> dict:
    """The versions of Gumbo, libcurl, SQLite and zstd this module runs with."""
    return _winnow.library_versions()


__all__ = [
    "AddResult", "Archive", "Article", "ExportSummary", "ImportSummary", "Block", "CleanedText", "DEFAULT_USER_AGENT", "Error", "Internal",
    "InvalidInput", "Io", "LogEntry", "MergeSummary", "Network", "NotFound", "Notice", "Refused", "Response", "SearchHit", "Span",
    "PackReport", "Stats", "TextVerdict", "TooLarge", "Unsupported", "UrlSummary", "Version", "VerifyReport", "clean_html",
    "clean_text", "clean_warc", "fetch", "library_versions", "site_partition", "sniff_input_kind", "warc",
]
