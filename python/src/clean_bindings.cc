// winnow._winnow's clean functions: clean_html, clean_text and the native article that renders itself.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "bindings.h"
#include "errors.h"
#include "input_bytes.h"
#include "winnow/clean.h"

namespace py = pybind11;

namespace winnow::python {
namespace {

// A cleaned article kept in C++ form, so the renderers see exactly what the CLI's do.
struct NativeArticle {
  clean::Article article;
  std::string text;  // article.text(), made while the GIL was released
  std::size_t word_count = 0;
};

const char* kind_name(clean::BlockKind kind) {
  switch (kind) {
    case clean::BlockKind::kHeading: return "heading";
    case clean::BlockKind::kParagraph: return "paragraph";
    case clean::BlockKind::kList: return "list";
    case clean::BlockKind::kQuote: return "quote";
    case clean::BlockKind::kCode: return "code";
    case clean::BlockKind::kTable: return "table";
  }
  return "paragraph";
}

py::tuple span_tuple(const clean::Span& span) {
  return py::make_tuple(span.text, span.strong, span.emphasis, span.code, span.href);
}

py::list span_list(const std::vector<clean::Span>& spans) {
  py::list out;
  for (const clean::Span& span : spans) out.append(span_tuple(span));
  return out;
}

// One block as the tuple winnow.Block._from_native takes.
py::tuple block_tuple(const clean::Block& block) {
  py::list items;
  for (const auto& item : block.items) items.append(span_list(item));
  return py::make_tuple(kind_name(block.kind), block.level, block.ordered, span_list(block.spans), items,
                        py::cast(block.rows), block.header_row, block.code, block.plain_text());
}

// The inverses of span_list and block_tuple, for unpickling.
std::vector<clean::Span> spans_from(const py::handle& list) {
  std::vector<clean::Span> spans;
  for (const py::handle& item : list) {
    const auto t = item.cast<py::tuple>();
    spans.push_back(clean::Span{t[0].cast<std::string>(), t[1].cast<bool>(), t[2].cast<bool>(), t[3].cast<bool>(),
                                t[4].cast<std::string>()});
  }
  return spans;
}

clean::Block block_from(const py::handle& handle) {
  const auto t = handle.cast<py::tuple>();
  clean::Block block;
  const std::string kind = t[0].cast<std::string>();
  for (const clean::BlockKind k : {clean::BlockKind::kHeading, clean::BlockKind::kParagraph, clean::BlockKind::kList,
                                   clean::BlockKind::kQuote, clean::BlockKind::kCode, clean::BlockKind::kTable}) {
    if (kind == kind_name(k)) block.kind = k;
  }
  block.level = t[1].cast<int>();
  block.ordered = t[2].cast<bool>();
  block.spans = spans_from(t[3]);
  for (const py::handle& item : t[4]) block.items.push_back(spans_from(item));
  block.rows = t[5].cast<std::vector<std::vector<std::string>>>();
  block.header_row = t[6].cast<bool>();
  block.code = t[7].cast<std::string>();
  return block;
}

// A NativeArticle as plain Python values, and back: so an Article pickles (Dask sends it between processes).
py::tuple article_state(const NativeArticle& native) {
  const clean::Metadata& m = native.article.metadata;
  py::list blocks;
  for (const clean::Block& block : native.article.blocks) blocks.append(block_tuple(block));
  return py::make_tuple(native.article.url,
                        py::make_tuple(m.title, m.authors, m.published, m.modified, m.site_name, m.language,
                                       m.description, m.canonical_url, m.image),
                        blocks, native.article.warnings, native.text, native.word_count,
                        std::string(clean::page_type_name(native.article.page_type)));
}

NativeArticle article_from_state(const py::tuple& state) {
  // Six items: pickled before articles had a page type (they were all extracted as articles).
  if (state.size() != 6 && state.size() != 7) throw py::value_error("not a pickled winnow article");
  NativeArticle native;
  native.article.url = state[0].cast<std::string>();
  const auto m = state[1].cast<py::tuple>();
  clean::Metadata& meta = native.article.metadata;
  meta.title = m[0].cast<std::string>();
  meta.authors = m[1].cast<std::vector<std::string>>();
  meta.published = m[2].cast<std::string>();
  meta.modified = m[3].cast<std::string>();
  meta.site_name = m[4].cast<std::string>();
  meta.language = m[5].cast<std::string>();
  meta.description = m[6].cast<std::string>();
  meta.canonical_url = m[7].cast<std::string>();
  meta.image = m[8].cast<std::string>();
  for (const py::handle& block : state[2]) native.article.blocks.push_back(block_from(block));
  native.article.warnings = state[3].cast<std::vector<std::string>>();
  native.text = state[4].cast<std::string>();
  native.word_count = state[5].cast<std::size_t>();
  if (state.size() == 7) {
    const auto type = clean::parse_page_type(state[6].cast<std::string>());
    if (!type) throw py::value_error("not a pickled winnow article: unknown page type");
    native.article.page_type = *type;
  }
  return native;
}

// The article's fields (not its blocks) as the keyword arguments of winnow.Article.
py::dict article_fields(const NativeArticle& native) {
  const clean::Metadata& meta = native.article.metadata;
  py::dict fields;
  fields["url"] = native.article.url;
  fields["page_type"] = std::string(clean::page_type_name(native.article.page_type));
  fields["title"] = meta.title;
  fields["authors"] = py::cast(meta.authors);
  fields["published"] = meta.published;
  fields["modified"] = meta.modified;
  fields["site_name"] = meta.site_name;
  fields["language"] = meta.language;
  fields["description"] = meta.description;
  fields["canonical_url"] = meta.canonical_url;
  fields["image"] = meta.image;
  fields["text"] = native.text;
  fields["word_count"] = native.word_count;
  fields["warnings"] = py::cast(native.article.warnings);
  return fields;
}

// The CLI ends every output with a newline; so do the renderings here, so they equal its output.
std::string with_final_newline(std::string text) {
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

clean::Options make_options(const InputBytes& input, const std::optional<std::string>& url,
                            const std::optional<std::string>& charset,
                            const std::optional<std::string>& content_type, std::size_t max_input_bytes) {
  clean::Options options;
  options.url = url.value_or("");
  options.charset = charset.value_or("");
  // A str was decoded already: its bytes are its UTF-8 form, whatever the page's <meta> says.
  if (input.is_text()) {
    if (charset) throw py::type_error("charset applies to bytes input; a str is already decoded");
    options.charset = "utf-8";
  }
  options.content_type = content_type.value_or("");
  options.max_input_bytes = max_input_bytes;
  return options;
}

py::tuple clean_html(const py::object& data, const std::optional<std::string>& url,
                     const std::optional<std::string>& charset, const std::optional<std::string>& content_type,
                     std::size_t max_input_bytes, const std::optional<std::string>& page_type) {
  const InputBytes input(data);
  clean::Options options = make_options(input, url, charset, content_type, max_input_bytes);
  if (page_type) {
    options.page_type = clean::parse_page_type(*page_type);
    if (!options.page_type) {
      throw py::value_error("unknown page_type '" + *page_type +
                            "' (article, forum, product, collection, listing, documentation, service)");
    }
  }
  auto native = std::make_unique<NativeArticle>();
  {
    py::gil_scoped_release release;
    native->article = take(clean::clean_html(input.view(), options));
    native->text = native->article.text();
    native->word_count = native->article.word_count();
  }
  py::dict fields = article_fields(*native);
  return py::make_tuple(py::cast(std::move(native)), fields);
}

py::tuple clean_text(const py::object& data, bool explain, const std::optional<std::string>& charset,
                     std::size_t max_input_bytes) {
  const InputBytes input(data);
  clean::Options options = make_options(input, std::nullopt, charset, std::nullopt, max_input_bytes);
  options.explain = explain;
  auto native = std::make_unique<NativeArticle>();
  clean::CleanedText cleaned;
  std::string kept;
  {
    py::gil_scoped_release release;
    cleaned = take(clean::clean_text(input.view(), options));
    kept = cleaned.kept_text();
    native->article = std::move(cleaned.article);
    native->text = native->article.text();
    native->word_count = native->article.word_count();
  }
  py::list verdicts;
  for (const clean::TextVerdict& v : cleaned.verdicts) {
    verdicts.append(py::make_tuple(v.text, v.line, v.keep, v.title, v.score, py::cast(v.reasons)));
  }
  py::dict fields = article_fields(*native);
  return py::make_tuple(py::cast(std::move(native)), fields, kept, verdicts, cleaned.paragraphs);
}

}  // namespace

void bind_clean(py::module_& module) {
  py::class_<NativeArticle>(module, "NativeArticle",
                            "An article as the C++ library holds it; winnow.Article wraps it.")
      .def(
          "render",
          [](const NativeArticle& self, const std::string& format, bool links) {
            const std::optional<clean::Format> parsed = clean::parse_format(format);
            if (!parsed) throw py::value_error("unknown format '" + format + "' (text, markdown, html, json)");
            py::gil_scoped_release release;
            return with_final_newline(clean::render(self.article, *parsed, clean::RenderOptions{links}));
          },
          py::arg("format"), py::arg("links") = false,
          "The article rendered as `winnow clean --format FORMAT` prints it (ending with a newline).")
      .def(
          "blocks", [](const NativeArticle& self) {
            py::list out;
            for (const clean::Block& block : self.article.blocks) out.append(block_tuple(block));
            return out;
          },
          "The body blocks as tuples (kind, level, ordered, spans, items, rows, header_row, code, text).")
      .def(py::pickle(&article_state, &article_from_state));

  module.def("clean_html", &clean_html, py::arg("data"), py::arg("url") = py::none(),
             py::arg("charset") = py::none(), py::arg("content_type") = py::none(),
             py::arg("max_input_bytes") = clean::Options{}.max_input_bytes, py::arg("page_type") = py::none(),
             "Cleans one page; returns (NativeArticle, fields). Raises winnow.Error subclasses.");
  module.def("clean_text", &clean_text, py::arg("data"), py::arg("explain") = false,
             py::arg("charset") = py::none(), py::arg("max_input_bytes") = clean::Options{}.max_input_bytes,
             "Cleans extracted text; returns (NativeArticle, fields, kept_text, verdicts, paragraphs).");
  module.def(
      "sniff_input_kind",
      [](const py::object& data) {
        const InputBytes input(data);
        return clean::sniff_input_kind(input.view()) == clean::InputKind::kHtml ? "html" : "text";
      },
      py::arg("data"), "'html' or 'text': how `winnow clean` would read these bytes.");
}

}  // namespace winnow::python
