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

// The article's fields (not its blocks) as the keyword arguments of winnow.Article.
py::dict article_fields(const NativeArticle& native) {
  const clean::Metadata& meta = native.article.metadata;
  py::dict fields;
  fields["url"] = native.article.url;
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
                     std::size_t max_input_bytes) {
  const InputBytes input(data);
  const clean::Options options = make_options(input, url, charset, content_type, max_input_bytes);
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
          "The body blocks as tuples (kind, level, ordered, spans, items, rows, header_row, code, text).");

  module.def("clean_html", &clean_html, py::arg("data"), py::arg("url") = py::none(),
             py::arg("charset") = py::none(), py::arg("content_type") = py::none(),
             py::arg("max_input_bytes") = clean::Options{}.max_input_bytes,
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
