// The supervisor summary as one self-contained HTML page: the supervisor
// view's tables, and its charts as inline SVG bars. No script, font, image or
// style sheet is fetched (the page's Content-Security-Policy forbids it), so
// the file opens anywhere, offline; everything inserted is escaped.
import type { Summary } from './summary.ts';
import { supervisorView, type Chart, type Section } from './supervisor-view.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML (and SVG) content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export interface ReportOptions {
  /** Where the figures come from, e.g. the demo's output directory. */
  source: string;
  /** When the report was written (epoch ms). */
  writtenAt: number;
}

const STYLE = `
  :root { color-scheme: light dark; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --bar: #2f6fbf; --bg: #fff; }
  @media (prefers-color-scheme: dark) { :root { --ink: #e6edf3; --muted: #9da7b1; --rule: #3d444d; --bar: #5a9be6; --bg: #0d1117; } }
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  .lead { font-size: 1.1rem; }
  h2 { font-size: 1.15rem; margin: 2rem 0 .25rem; }
  p { margin: .25rem 0; }
  .note, .source { color: var(--muted); }
  table { border-collapse: collapse; margin: .5rem 0; }
  th, td { padding: .2rem .75rem; border-bottom: 1px solid var(--rule); }
  th { text-align: left; font-weight: 600; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  .charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
  figure { margin: .5rem 0; }
  figcaption { font-weight: 600; font-size: .9rem; }
  svg text { fill: var(--ink); font: 12px system-ui, sans-serif; }
  svg rect { fill: var(--bar); }
`;

const BAR_AREA = 220;
const LABEL_WIDTH = 130;
const ROW_HEIGHT = 22;

/** A horizontal bar chart of one column of a section, as inline SVG. */
function chartSvg(section: Section, chart: Chart): string {
  const bars = section.rows.map((row) => ({ label: row.cells[0]!.text, key: row.key, cell: row.cells[chart.column]! }));
  const max = chart.max ?? Math.max(...bars.map((b) => b.cell.value ?? 0), 0);
  const width = LABEL_WIDTH + BAR_AREA + 110;
  const height = bars.length * ROW_HEIGHT + 4;
  const rows = bars.map((b, i) => {
    const value = b.cell.value ?? 0;
    const length = max > 0 ? Math.max(0, Math.min(1, value / max)) * BAR_AREA : 0;
    const y = i * ROW_HEIGHT;
    return (
      `<g data-key="${escapeHtml(b.key)}" data-value="${value}">` +
      `<text x="${LABEL_WIDTH - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(b.label)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${length.toFixed(1)}" height="${ROW_HEIGHT - 8}" rx="2"></rect>` +
      `<text x="${(LABEL_WIDTH + length + 6).toFixed(1)}" y="${y + 15}">${escapeHtml(b.cell.text)}</text></g>`
    );
  });
  const title = escapeHtml(chart.title);
  return (
    `<figure data-chart="${escapeHtml(`${section.id}:${chart.column}`)}"><figcaption>${title}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows.join('')}</svg></figure>`
  );
}

function sectionHtml(section: Section): string {
  const cls = (i: number) => (section.columns[i]!.align === 'right' ? ' class="num"' : '');
  const head = section.columns.map((c, i) => `<th${cls(i)}>${escapeHtml(c.header)}</th>`).join('');
  const body = section.rows.length
    ? section.rows
        .map(
          (row) =>
            `<tr data-key="${escapeHtml(row.key)}">${row.cells.map((c, i) => `<td${cls(i)}${c.value === undefined ? '' : ` data-value="${c.value}"`}>${escapeHtml(c.text)}</td>`).join('')}</tr>`,
        )
        .join('\n')
    : `<tr><td colspan="${section.columns.length}">none</td></tr>`;
  const charts = section.rows.length && section.charts.length ? `<div class="charts">${section.charts.map((c) => chartSvg(section, c)).join('')}</div>` : '';
  return `<section id="${escapeHtml(section.id)}">
<h2>${escapeHtml(section.title)}</h2>
<p class="note">${escapeHtml(section.note)}</p>
<table data-section="${escapeHtml(section.id)}"><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
${charts}
</section>`;
}

/** The report page for a summary. */
export function renderReport(summary: Summary, options: ReportOptions): string {
  const view = supervisorView(summary);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shift report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Shift report</h1>
<p class="lead">${escapeHtml(view.headline)}</p>
${view.details.map((d) => `<p>${escapeHtml(d)}</p>`).join('\n')}
<p class="source">Computed from the telemetry in ${escapeHtml(options.source)} (logs.jsonl, traces.jsonl, metrics.jsonl), ${escapeHtml(new Date(options.writtenAt).toISOString().replace('T', ' ').slice(0, 16))} UTC.</p>
</header>
${view.sections.map(sectionHtml).join('\n')}
</body>
</html>
`;
}
