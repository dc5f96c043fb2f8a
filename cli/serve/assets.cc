// The interface's only static files, compiled in: the stylesheet and the icon (no script is needed: every page works with forms and links).
#include "serve/pages.h"

namespace winnow::cli::serve {

std::string_view stylesheet() {
  return R"css(:root { --ink: #1d232a; --muted: #66707a; --line: #d8dde2; --accent: #1f5f99; --bg: #fbfbfa;
  --new: #2f7d4f; --edited: #c07a12; --unchanged: #8a96a3; --gone: #b3261e; --same: #c4ccd4; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; gap: 1.5em; align-items: center; padding: .6em 1.5em; background: #fff; border-bottom: 1px solid var(--line); }
header nav a { margin-right: 1em; }
.brand { font-weight: 700; font-size: 1.2em; color: var(--ink); text-decoration: none; }
form.quick { margin-left: auto; }
main { max-width: 72em; margin: 0 auto; padding: 1em 1.5em 3em; }
a { color: var(--accent); }
h1 { font-size: 1.5em; margin: .4em 0 .2em; overflow-wrap: anywhere; }
.url { color: var(--muted); overflow-wrap: anywhere; font-size: .9em; margin: 0; }
.summary, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .35em .6em; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-size: .85em; color: var(--muted); font-weight: 600; }
table.urls td:first-child { overflow-wrap: anywhere; }
.title { font-size: .9em; color: var(--muted); }
form.filters { display: flex; flex-wrap: wrap; gap: .6em 1em; align-items: end; margin: .6em 0; }
form.filters label { display: flex; flex-direction: column; font-size: .85em; color: var(--muted); }
input, button { font: inherit; padding: .25em .5em; }
nav.pages a, nav.versions a, nav.views a { margin-right: 1em; }
nav.versions { margin: .4em 0 .8em; }
.label { display: inline-block; padding: 0 .45em; border-radius: .6em; font-size: .8em; color: #fff; background: var(--muted); }
.label.new { background: var(--new); } .label.edited { background: var(--edited); }
.label.unchanged { background: var(--unchanged); } .label.gone { background: var(--gone); }
.label.same { background: var(--same); color: var(--ink); }
svg.chart { display: block; background: #fff; border: 1px solid var(--line); margin: .8em 0 .3em; }
svg.chart rect.new { fill: var(--new); } svg.chart rect.edited { fill: var(--edited); }
svg.chart rect.unchanged { fill: var(--unchanged); } svg.chart rect.gone { fill: var(--gone); }
svg.chart rect.same { fill: var(--same); } svg.chart .axis { stroke: var(--line); }
svg.chart a:hover rect { fill: var(--accent); }
.article { max-width: 44em; font-size: 1.05em; }
.article p { white-space: pre-line; }
dl.metadata { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; font-size: .9em; color: var(--muted); }
dl.metadata dt { font-weight: 600; } dl.metadata dd { margin: 0; overflow-wrap: anywhere; }
.diff { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid var(--line); padding: .8em 1em; }
.diff h3 { margin: 0 0 .4em; font-size: .9em; color: var(--muted); white-space: normal; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
del { background: #fbe0dd; color: #8c1d18; }
ins { background: #dcf1e2; color: #1e5a36; text-decoration: none; border-bottom: 1px solid #7cc095; }
.deleted { color: #8c1d18; } .inserted { color: #1e5a36; }
mark { background: #fde58a; padding: 0 .1em; }
ol.hits li { margin-bottom: .9em; }
.snippet { margin: .2em 0; }
iframe.raw { width: 100%; height: 32em; border: 1px solid var(--line); background: #fff; }
.error { color: var(--gone); } .ok { color: var(--new); } .warning { color: var(--edited); }
table.stats { width: auto; } table.headers { font-size: .85em; }
table.headers td { overflow-wrap: anywhere; font-family: ui-monospace, monospace; }
)css";
}

std::string_view icon_svg() {
  return R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f5f99"/><path d="M3 4h2l1.5 7L8 6l1.5 5L11 4h2l-2.5 9h-2L8 9.5 7 13H5z" fill="#fff"/></svg>
)svg";
}

}  // namespace winnow::cli::serve
