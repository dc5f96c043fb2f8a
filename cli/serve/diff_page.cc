// The diff between two versions, word by word: one inline view (deletions and insertions marked in place) and one side by side.
#include <optional>
#include <string>
#include <string_view>

#include "serve/html.h"
#include "serve/pages.h"
#include "serve/word_diff.h"

namespace winnow::cli::serve {
namespace {

std::string words_html(const std::vector<WordToken>& words, std::size_t begin, std::size_t count) {
  std::string text;
  for (std::size_t i = begin; i < begin + count; ++i) {
    text += words[i].word;
    text += words[i].space;
  }
  return escape_html(text);
}

// A run of changed words in <del> or <ins>. The whitespace after its last word goes outside the mark, so
// a paragraph break never sits inside one; `space` replaces it when set.
std::string marked_html(const char* tag, const std::vector<WordToken>& words, std::size_t begin, std::size_t count,
                        std::optional<std::string_view> space = std::nullopt) {
  std::string text;
  for (std::size_t i = begin; i < begin + count; ++i) {
    text += words[i].word;
    if (i + 1 < begin + count) text += words[i].space;
  }
  const std::string_view after = space ? *space : words[begin + count - 1].space;
  return "<" + std::string(tag) + ">" + escape_html(text) + "</" + tag + ">" + escape_html(after);
}

// The inline view: b's text, with a's deleted words in <del> where they were. A deletion right before an
// insertion ends in a plain space: the whitespace that follows is the inserted words' own.
std::string inline_html(const WordDiff& d) {
  std::string html = escape_html(d.b_lead);
  for (std::size_t i = 0; i < d.runs.size(); ++i) {
    const DiffRun& run = d.runs[i];
    switch (run.op) {
      case DiffOp::kEqual: html += words_html(d.b, run.b_begin, run.count); break;
      case DiffOp::kDelete: {
        const bool replaced = i + 1 < d.runs.size() && d.runs[i + 1].op == DiffOp::kInsert;
        html += marked_html("del", d.a, run.a_begin, run.count,
                            replaced ? std::optional<std::string_view>(" ") : std::nullopt);
        break;
      }
      case DiffOp::kInsert: html += marked_html("ins", d.b, run.b_begin, run.count); break;
    }
  }
  return html;
}

// One side of the side-by-side view: a's text with deletions marked, or b's with insertions.
std::string side_html(const WordDiff& d, bool left) {
  std::string html = escape_html(left ? d.a_lead : d.b_lead);
  for (const DiffRun& run : d.runs) {
    if (run.op == DiffOp::kEqual) {
      html += left ? words_html(d.a, run.a_begin, run.count) : words_html(d.b, run.b_begin, run.count);
    } else if (left && run.op == DiffOp::kDelete) {
      html += marked_html("del", d.a, run.a_begin, run.count);
    } else if (!left && run.op == DiffOp::kInsert) {
      html += marked_html("ins", d.b, run.b_begin, run.count);
    }
  }
  return html;
}

}  // namespace

Reply diff_page(const Context& context, const Params& params) {
  Result<std::string> url = url_param(params);
  if (!url) return error_reply(url.error());
  Result<std::optional<int>> a_param = int_param(params, "a", 1, 100000000);
  if (!a_param) return error_reply(a_param.error());
  Result<std::optional<int>> b_param = int_param(params, "b", 1, 100000000);
  if (!b_param) return error_reply(b_param.error());
  Result<archive::Archive> opened = open_archive(context);
  if (!opened) return error_reply(opened.error());
  archive::Archive& archive = opened.value();

  archive::VersionSelector which_b;
  which_b.version = b_param.value();
  Result<archive::Version> b = archive.show(url.value(), which_b);
  if (!b) return error_reply(b.error());
  const int a_number = a_param.value().value_or(b.value().version - 1);
  if (a_number < 1) return error_reply(400, "the URL has one version: there is nothing to compare it with");
  archive::VersionSelector which_a;
  which_a.version = a_number;
  Result<archive::Version> a = archive.show(url.value(), which_a);
  if (!a) return error_reply(a.error());

  const archive::Version& va = a.value();
  const archive::Version& vb = b.value();
  const std::string& u = vb.url;
  const WordDiff d = diff_words(va.text, vb.text);
  const std::string an = std::to_string(va.version), bn = std::to_string(vb.version);
  std::string body = "<nav class=\"versions\"><a href=\"" + href("/url", {{"url", u}}) + "\">timeline</a><a href=\"" +
                     href("/diff", {{"url", u}, {"a", bn}, {"b", an}}) + "\">swap</a><a href=\"" +
                     href("/api/diff", {{"url", u}, {"a", an}, {"b", bn}}) + "\">unified diff (JSON)</a></nav>";
  body += "<h1>" + escape_html(vb.title.empty() ? u : vb.title) + "</h1><p class=\"url\">" + escape_html(u) + "</p>";
  body += "<p class=\"summary\">From <a href=\"" + href("/version", {{"url", u}, {"v", an}}) + "\">version " + an +
          "</a> (" + escape_html(va.first_capture) + ") to <a href=\"" + href("/version", {{"url", u}, {"v", bn}}) +
          "\">version " + bn + "</a> (" + escape_html(vb.first_capture) + "): <span class=\"deleted\">" +
          std::to_string(d.deleted) + " words deleted</span>, <span class=\"inserted\">" +
          std::to_string(d.inserted) + " words inserted</span>.</p>";
  if (d.approximate) {
    body += "<p class=\"warning\">The versions differ too much to align word by word; the changed part is shown as "
            "deleted and inserted whole.</p>";
  }
  if (d.deleted == 0 && d.inserted == 0) body += "<p class=\"muted\">The article texts are the same.</p>";
  body += "<nav class=\"views\"><a href=\"#inline\">inline</a><a href=\"#side-by-side\">side by side</a></nav>";
  body += "<section id=\"inline\"><h2>Inline</h2><div class=\"diff inline\">" + inline_html(d) + "</div></section>";
  body += "<section id=\"side-by-side\"><h2>Side by side</h2><div class=\"sides\"><div class=\"diff side\"><h3>Version " +
          an + "</h3>" + side_html(d, true) + "</div><div class=\"diff side\"><h3>Version " + bn + "</h3>" +
          side_html(d, false) + "</div></div></section>";
  Reply reply;
  reply.body = page_html("Diff of versions " + an + " and " + bn, body);
  return reply;
}

}  // namespace winnow::cli::serve
