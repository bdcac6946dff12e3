/**
 * The only scripts of the HTML pages: static text (no data is ever interpolated into
 * them), allowed by a Content-Security-Policy that names their SHA-256 hash. Everything
 * else stays forbidden (`default-src 'none'`), so markup a hostile server slipped past the
 * escaping still could not run. The scripts only show and hide rows; the pages read fully
 * without them (the filter form stays hidden until its script runs).
 */
import { createHash } from 'node:crypto';

/**
 * report.html: filters by verdict, level, spec and text over every `tr.case`; an element
 * with `data-block` is hidden when none of its cases is shown. Following a link to a case
 * that a filter hides clears the filters first.
 */
export const REPORT_SCRIPT = `(() => {
  const form = document.getElementById('filters');
  const status = document.getElementById('shown');
  if (!form || !status) return;
  const rows = [...document.querySelectorAll('tr.case')];
  const texts = rows.map((row) =>
    [...row.querySelectorAll('[data-search]')].map((e) => e.textContent).join(' ').toLowerCase());
  const blocks = [...document.querySelectorAll('[data-block]')];
  const owners = rows.map((row) => {
    const list = [];
    for (let e = row.parentElement; e; e = e.parentElement) if (e.hasAttribute('data-block')) list.push(e);
    return list;
  });
  const checked = (name) =>
    new Set([...form.querySelectorAll('input[name="' + name + '"]:checked')].map((i) => i.value));
  const apply = () => {
    const verdicts = checked('verdict');
    const levels = checked('level');
    const spec = form.elements.namedItem('spec').value;
    const q = form.elements.namedItem('q').value.trim().toLowerCase();
    const open = new Set();
    let shown = 0;
    rows.forEach((row, i) => {
      const d = row.dataset;
      const show = verdicts.has(d.verdict) && levels.has(d.level) &&
        (spec === '' || d.spec === spec) && (q === '' || texts[i].includes(q));
      row.hidden = !show;
      if (!show) return;
      shown += 1;
      for (const b of owners[i]) open.add(b);
    });
    for (const b of blocks) b.hidden = !open.has(b);
    status.textContent = shown + ' of ' + rows.length + ' cases shown';
  };
  const reveal = () => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target || !target.closest('[hidden]')) return;
    form.reset();
    apply();
    target.scrollIntoView();
  };
  form.addEventListener('input', apply);
  form.addEventListener('reset', () => setTimeout(apply));
  form.addEventListener('submit', (e) => e.preventDefault());
  window.addEventListener('hashchange', reveal);
  form.hidden = false;
  apply();
})();`;

/**
 * comparison.html: "only where servers differ" hides every `tr.row` without
 * `data-differs`, and a text filter matches the case id and title.
 */
export const COMPARE_SCRIPT = `(() => {
  const form = document.getElementById('filters');
  const status = document.getElementById('shown');
  if (!form || !status) return;
  const rows = [...document.querySelectorAll('tr.row')];
  const texts = rows.map((row) => row.querySelector('th').textContent.toLowerCase());
  const apply = () => {
    const differs = form.elements.namedItem('differs').checked;
    const q = form.elements.namedItem('q').value.trim().toLowerCase();
    let shown = 0;
    rows.forEach((row, i) => {
      const show = (!differs || row.hasAttribute('data-differs')) && (q === '' || texts[i].includes(q));
      row.hidden = !show;
      if (show) shown += 1;
    });
    status.textContent = shown + ' of ' + rows.length + ' cases shown';
  };
  form.addEventListener('input', apply);
  form.addEventListener('submit', (e) => e.preventDefault());
  form.hidden = false;
  apply();
})();`;

/** The CSP source of a script: `'sha256-<base64>'` of its exact text. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy of a page that runs exactly `script`: nothing may be
 * loaded from anywhere, inline styles are allowed, and the one script by its hash.
 */
export function contentSecurityPolicy(script: string): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src ${scriptHash(script)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
