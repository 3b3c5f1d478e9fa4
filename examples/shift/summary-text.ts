// The supervisor summary for a terminal: the supervisor view's tables with
// each column as wide as its widest cell or header, text to the left and
// figures to the right, so that every row of a table lines up.
import type { Summary } from './summary.ts';
import { supervisorView, type Section } from './supervisor-view.ts';

const INDENT = '  ';
const GAP = '  ';

/** One table's lines, header first; `none` when it has no row. */
export function formatTable(section: Pick<Section, 'columns' | 'rows'>): string[] {
  if (section.rows.length === 0) return [`${INDENT}none`];
  const lines = [section.columns.map((c) => c.header), ...section.rows.map((r) => r.cells.map((c) => c.text))];
  const widths = section.columns.map((_, i) => Math.max(...lines.map((cells) => [...(cells[i] ?? '')].length)));
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - [...text].length);
    return section.columns[i]!.align === 'right' ? fill + text : text + fill;
  };
  return lines.map((cells) => (INDENT + cells.map(pad).join(GAP)).trimEnd());
}

/** The summary as a supervisor reads it in a terminal. */
export function formatSummary(s: Summary): string {
  const view = supervisorView(s);
  const lines = [view.headline, ...view.details];
  for (const section of view.sections) lines.push('', section.title, ...formatTable(section));
  return lines.join('\n');
}
