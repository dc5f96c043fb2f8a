#!/usr/bin/env python3
"""Naive full-page text: every visible block of an HTML page, one per line.

This is what a naive extractor (or an old dataset) keeps: all the text of the
<body>, split at block-level tags, whitespace collapsed, nothing removed but
scripts, styles, <title> and other elements that never render text. It is the input `winnow clean
--input text` is measured on.

  page_text.py HTML_DIR OUT_DIR      # writes OUT_DIR/<id>.txt for each <id>.html
"""
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

INVISIBLE = {"script", "style", "noscript", "template", "svg", "title", "iframe",
             "object", "math", "canvas", "select", "option", "datalist", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd",
         "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
         "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
         "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
         "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "button"}
SPACE = re.compile(r"\s+")


class PageText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.current, self.skip = [], [], []

    def flush(self):
        line = SPACE.sub(" ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":  # <head> may be left open
            self.skip = []
        if self.skip:
            if tag == self.skip[-1] and tag not in VOID:
                self.skip.append(tag)
            return
        if tag in INVISIBLE:
            if tag not in VOID:
                self.skip.append(tag)
            return
        if tag in BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)


def page_text(html):
    parser = PageText()
    parser.feed(html)
    parser.close()
    parser.flush()
    return "\n".join(parser.lines) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for page in sorted(src.glob("*.html")):
        html = page.read_text(encoding="utf-8", errors="replace")
        (out / f"{page.stem}.txt").write_text(page_text(html), encoding="utf-8")


if __name__ == "__main__":
    main()
