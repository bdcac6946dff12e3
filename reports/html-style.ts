/** The inline stylesheet of report.html (no external assets: the file must work offline). */
export const HTML_STYLE = `
:root { color-scheme: light dark; --fg: #1d1f21; --bg: #fff; --muted: #666; --line: #ddd;
  --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --info: #0969da; --skip: #6e7781; --error: #8250df; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #8b949e; --line: #30363d;
    --pass: #3fb950; --fail: #f85149; --warn: #d29922; --info: #58a6ff; --skip: #8b949e; --error: #bc8cff; }
}
body { font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg);
  margin: 0 auto; max-width: 80rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h2 small { font-weight: normal; color: var(--muted); margin-left: .5rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
ul.summary { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 1rem 0; }
ul.summary li { border: 1px solid var(--line); border-radius: .4rem; padding: .3rem .8rem; }
ul.summary b { font-size: 1.2rem; margin-right: .3rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); font-size: .85rem; }
td.num, th.num { text-align: right; white-space: nowrap; }
code, pre { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: rgba(127,127,127,.08);
  padding: .5rem; border-radius: .3rem; margin: .3rem 0; }
.verdict { font-weight: 700; text-transform: uppercase; font-size: .8rem; }
.v-pass { color: var(--pass); } .v-fail { color: var(--fail); } .v-warn { color: var(--warn); }
.v-info { color: var(--info); } .v-skip { color: var(--skip); } .v-error { color: var(--error); }
tr.row-fail td:first-child, tr.row-error td:first-child { border-left: 3px solid var(--fail); }
tr.row-warn td:first-child { border-left: 3px solid var(--warn); }
p.msg { margin: 0 0 .3rem; white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote { margin: .3rem 0; padding-left: .7rem; border-left: 3px solid var(--line); font-style: italic; }
blockquote cite { font-style: normal; color: var(--muted); margin-left: .4rem; font-size: .85rem; }
dl.ea { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0; }
dl.ea dt { color: var(--muted); } dl.ea dd { margin: 0; overflow-wrap: anywhere; }
.tag { display: inline-block; font-size: .8rem; border: 1px solid var(--line); border-radius: .3rem; padding: 0 .4rem; }
details summary { cursor: pointer; color: var(--muted); }
.target-down { border: 2px solid var(--fail); color: var(--fail); padding: .5em .8em; }
`;
