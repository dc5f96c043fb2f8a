"""Cleaning: clean_html (a page's bytes to its Article) and clean_text (extracted text to the lines worth keeping)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Union

from . import _winnow

Input = Union[bytes, bytearray, memoryview, str]

# clean::Options::max_input_bytes: larger inputs raise TooLarge.
DEFAULT_MAX_INPUT_BYTES = 64 << 20


@dataclass
class Span:
    """A run of inline text with its formatting (whitespace collapsed); ``href`` is empty when not a link."""

    text: str
    strong: bool = False
    emphasis: bool = False
    code: bool = False
    href: str = ""

    def to_dict(self) -> Dict[str, Any]:
        """The span as a plain dict."""
        return {"text": self.text, "strong": self.strong, "emphasis": self.emphasis, "code": self.code,
                "href": self.href}


def _spans(raw: List[tuple]) -> List[Span]:
    return [Span(*s) for s in raw]


@dataclass
class Block:
    """One block of the article body, in document order (clean::Block).

    ``kind`` is "heading", "paragraph", "list", "quote", "code" or "table". Headings have a
    ``level`` (1-6); headings, paragraphs and quotes have ``spans``; lists have ``items`` (one
    span run per item) and ``ordered``; tables have ``rows`` of cell texts and ``header_row``;
    code blocks have ``code`` (exactly as in <pre>). ``text`` is the block as plain text and
    ``links`` the targets of its links, in order.
    """

    kind: str
    level: int = 0
    ordered: bool = False
    spans: List[Span] = field(default_factory=list)
    items: List[List[Span]] = field(default_factory=list)
    rows: List[List[str]] = field(default_factory=list)
    header_row: bool = False
    code: str = ""
    text: str = ""

    @property
    def links(self) -> List[str]:
        """The hrefs of the block's links (spans, then list items), in order."""
        runs = [self.spans] + self.items
        return [s.href for run in runs for s in run if s.href]

    @classmethod
    def _from_native(cls, raw: tuple) -> "Block":
        kind, level, ordered, spans, items, rows, header_row, code, text = raw
        return cls(kind, level, ordered, _spans(spans), [_spans(i) for i in items], rows, header_row, code, text)

    def to_dict(self) -> Dict[str, Any]:
        """The block as a plain dict (spans as dicts)."""
        return {"kind": self.kind, "level": self.level, "ordered": self.ordered,
                "spans": [s.to_dict() for s in self.spans],
                "items": [[s.to_dict() for s in item] for item in self.items],
                "rows": [list(r) for r in self.rows], "header_row": self.header_row, "code": self.code,
                "text": self.text, "links": self.links}


@dataclass(eq=False)
class Article:
    """A cleaned page (clean::Article): metadata, body text and blocks, and warnings.

    ``page_type`` is the kind of page it was extracted as ("article", "forum", "product",
    "collection", "listing", "documentation", "service"; see clean_html).
    Empty strings and lists stand for what the page does not say. ``text`` is the body as plain
    text (blocks separated by blank lines, without the title); ``blocks`` is made on first use.
    The ``to_*`` renderings come from the C++ renderers, so they equal ``winnow clean --format``
    output byte for byte (ending with a newline). Two articles are equal when their
    ``to_dict()`` are.
    """

    url: str
    page_type: str
    title: str
    authors: List[str]
    published: str
    modified: str
    site_name: str
    language: str
    description: str
    canonical_url: str
    image: str
    text: str
    word_count: int
    warnings: List[str]
    _native = None  # the C++ article (not a dataclass field, so dataclasses.asdict works)

    @functools.cached_property
    def blocks(self) -> List[Block]:
        """The body blocks, in document order, without the title."""
        return [Block._from_native(b) for b in self._native.blocks()]

    def to_dict(self) -> Dict[str, Any]:
        """Every field, blocks included, as plain dicts and lists (ready for json.dumps)."""
        return {"url": self.url, "page_type": self.page_type, "title": self.title, "authors": list(self.authors), "published": self.published,
                "modified": self.modified, "site_name": self.site_name, "language": self.language,
                "description": self.description, "canonical_url": self.canonical_url, "image": self.image,
                "text": self.text, "word_count": self.word_count, "warnings": list(self.warnings),
                "blocks": [b.to_dict() for b in self.blocks]}

    def to_text(self) -> str:
        """Title, a blank line, then the blocks separated by blank lines (``--format text``)."""
        return self._native.render("text")

    def to_markdown(self, links: bool = False) -> str:
        """Markdown: headings, lists, quotes, tables, code, emphasis; hyperlinks when ``links`` (``--format markdown``)."""
        return self._native.render("markdown", links)

    def to_html(self, links: bool = False) -> str:
        """A minimal safe HTML document: no scripts, styles, event handlers or iframes (``--format html``)."""
        return self._native.render("html", links)

    def to_json(self) -> str:
        """One JSON object: url, title, authors, dates, site_name, language, ..., text, word_count (``--format json``)."""
        return self._native.render("json")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    @classmethod
    def _from_native(cls, native: Any, fields: Dict[str, Any]) -> "Article":
        article = cls(**fields)
        article._native = native
        return article


def clean_html(html: Input, url: Optional[str] = None, charset: Optional[str] = None,
               content_type: Optional[str] = None, max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES,
               page_type: Optional[str] = None) -> Article:
    """Cleans one page and returns its Article.

    ``html`` is the page as bytes (any charset: a BOM, ``charset``, the ``content_type`` header's
    charset, <meta charset>, else a guess) or as an already decoded str (``charset`` must then be
    None). ``url`` is the page's address and resolves relative links. Raises InvalidInput for
    empty or binary input, TooLarge above ``max_input_bytes`` (64 MiB), Unsupported for an
    unknown charset label. A readable page with no article gives empty blocks and a warning.
    ``page_type`` ("article", "forum", "product", "collection", "listing", "documentation",
    "service") extracts the page as that type instead of deciding it (``Article.page_type``);
    another name raises ValueError. The GIL is released while the C++ library works, so threads
    clean in parallel.
    """
    native, fields = _winnow.clean_html(html, url, charset, content_type, max_input_bytes, page_type)
    return Article._from_native(native, fields)


@dataclass
class TextVerdict:
    """What clean_text decided about one block of its input (clean::TextVerdict).

    ``text`` is the block as in the input, ``line`` its first line (1-based), ``keep`` whether it
    is article text, ``title`` whether it was taken as the title, ``score`` the evidence for
    "article" in log-odds (kept when > 0) and ``reasons`` (with ``explain=True``) the strongest
    evidence, e.g. "function_words +1.32".
    """

    text: str
    line: int
    keep: bool
    title: bool
    score: float
    reasons: List[str]


@dataclass(eq=False)
class CleanedText:
    """The result of clean_text (clean::CleanedText).

    ``kept_text`` is what ``winnow clean --input text`` prints: the kept blocks exactly as given,
    one per line (or separated by blank lines when ``paragraphs``). ``verdicts`` has every block
    of the input in order; ``article`` holds the title and the kept blocks as paragraphs.
    """

    kept_text: str
    verdicts: List[TextVerdict]
    paragraphs: bool
    article: Article

    def __str__(self) -> str:
        return self.kept_text

    def to_dict(self) -> Dict[str, Any]:
        """kept_text, paragraphs and the verdicts as plain dicts."""
        return {"kept_text": self.kept_text, "paragraphs": self.paragraphs,
                "verdicts": [vars(v).copy() for v in self.verdicts]}

    def to_json(self) -> str:
        """to_dict() as JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False)


def clean_text(text: Input, explain: bool = False, charset: Optional[str] = None,
               max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> CleanedText:
    """Cleans text that was extracted with its boilerplate still in (``winnow clean --input text``).

    Blocks are lines, or blank-line-separated paragraphs when the text is hard-wrapped; site
    names, "Like us on Facebook", donation appeals, popups and "Read more" lines are dropped.
    ``text`` is bytes (UTF-8, or a BOM / ``charset`` / detected legacy charset) or str. With
    ``explain``, every verdict carries its reasons (slower). Raises InvalidInput for empty or
    binary input and TooLarge above ``max_input_bytes``. Releases the GIL while it works.
    """
    native, fields, kept, verdicts, paragraphs = _winnow.clean_text(text, explain, charset, max_input_bytes)
    return CleanedText(kept, [TextVerdict(*v) for v in verdicts], paragraphs, Article._from_native(native, fields))


def sniff_input_kind(data: Input) -> str:
    """"html" or "text": whether ``winnow clean`` would read ``data`` as a page or as extracted text."""
    return _winnow.sniff_input_kind(data)
