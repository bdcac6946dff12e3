/**
 * The inline stylesheet of report.html and comparison.html (no external assets: the files
 * must work offline). Colours keep a contrast of at least 4.5:1 on their background in the
 * light and the dark scheme (checked by the browser test with axe-core).
 */
export const HTML_STYLE = `
:root { color-scheme: light dark; --fg: #1d1f21; --bg: #fff; --muted: #595959; --line: #d0d7de;
  --mark: #fff8c5; --pass: #1a7f37; --fail: #cf222e; --warn: #8a5c00; --info: #0969da;
  --skip: #59636e; --error: #8250df; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --line: #30363d; --mark: #3b2e00;
    --pass: #3fb950; --fail: #ff7b72; --warn: #d29922; --info: #58a6ff; --skip: #9da7b3; --error: #bc8cff; }
}
[hidden] { display: none !important; }
body { font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg);
  margin: 0 auto; max-width: 80rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .3rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
h2 small, h3 small, h4 small { font-weight: normal; color: var(--muted); margin-left: .5rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
ul.summary { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 1rem 0; }
ul.summary li { border: 1px solid var(--line); border-radius: .4rem; padding: .3rem .8rem; }
ul.summary b { font-size: 1.2rem; margin-right: .3rem; }
form.filters { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.2rem; margin: 1rem 0;
  padding: .6rem .8rem; border: 1px solid var(--line); border-radius: .4rem; }
form.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem .8rem; }
form.filters legend { float: left; color: var(--muted); margin-right: .6rem; padding: 0; }
form.filters p { margin: 0; color: var(--muted); flex-basis: 100%; }
form.filters input[type=search] { min-width: 16rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
thead th { font-weight: 600; color: var(--muted); font-size: .85rem; }
tbody th { font-weight: normal; }
td.num, th.num { text-align: right; white-space: nowrap; }
code, pre { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: rgba(127,127,127,.08);
  padding: .5rem; border-radius: .3rem; margin: .3rem 0; }
a { color: var(--info); }
a.case-id { display: block; color: inherit; text-decoration: none; overflow-wrap: anywhere; }
a.case-id:hover code, a.case-id:focus code { text-decoration: underline; }
.verdict { font-weight: 700; text-transform: uppercase; font-size: .8rem; }
.v-pass { color: var(--pass); } .v-fail { color: var(--fail); } .v-warn { color: var(--warn); }
.v-info { color: var(--info); } .v-skip { color: var(--skip); } .v-error { color: var(--error); }
tr.row-fail td:first-child, tr.row-error td:first-child { border-left: 3px solid var(--fail); }
tr.row-warn td:first-child { border-left: 3px solid var(--warn); }
tr:target > * { background: var(--mark); }
p.msg { margin: 0 0 .3rem; white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote { margin: .3rem 0; padding-left: .7rem; border-left: 3px solid var(--line); font-style: italic; }
blockquote cite { font-style: normal; color: var(--muted); margin-left: .4rem; font-size: .85rem; }
dl.ea { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0; }
dl.ea dt { color: var(--muted); } dl.ea dd { margin: 0; overflow-wrap: anywhere; }
.tag { display: inline-block; font-size: .8rem; border: 1px solid var(--line); border-radius: .3rem; padding: 0 .4rem; }
details summary { cursor: pointer; color: var(--muted); }
details p.file { margin: .2rem 0 0; font-size: .85rem; overflow-wrap: anywhere; }
.target-down { border: 2px solid var(--fail); color: var(--fail); padding: .5em .8em; }
/* A long report lays out only what is on screen: a 5,000-case page opens at once. */
div.chunk { content-visibility: auto; contain-intrinsic-size: auto 40rem; }
table.cases { table-layout: fixed; }
col.c-verdict { width: 5.5rem; } col.c-level { width: 7rem; } col.c-case { width: 24rem; }
col.c-time { width: 5rem; }
details[open] > pre { max-height: 30rem; overflow: auto; }
table.matrix td { white-space: nowrap; }
table.matrix thead th { color: var(--fg); }
table.matrix thead th b { display: block; font-size: 1rem; }
table.matrix .ehlo { display: block; font-size: .8rem; font-weight: normal; max-width: 18rem;
  overflow-wrap: anywhere; margin-top: .15rem; }
table.matrix tr[data-differs] > th { border-left: 3px solid var(--warn); }
table.matrix td.absent { color: var(--muted); }
`;
