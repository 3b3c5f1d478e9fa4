import { describe, expect, it } from 'vitest';
import type { Summary } from '../../../examples/shift/summary.js';
import { formatSummary, formatTable } from '../../../examples/shift/summary-text.js';
import { supervisorView } from '../../../examples/shift/supervisor-view.js';
import { duration, minutes } from '../../../examples/shift/supervisor-words.js';
import { SUMMARY } from './summary-fixture.js';

describe('the printed supervisor summary', () => {
  it('reads as a supervisor speaks: what was handled, recorded and refused, in words', () => {
    const lines = formatSummary(SUMMARY).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Shift summary: 135 contacts handled by 3 operators, 4 breaks taken, 12 scorecards',
      '1907 events recorded on 2026-01-05 from 08:00 to 16:41 UTC.',
      '4 events refused by validation: 2 badly formatted dates, 1 value not allowed, 1 required field missing.',
    ]);
  });

  it('gives every duration its unit and every table aligned columns, as wide as their widest cell', () => {
    const text = formatSummary(SUMMARY);
    const table = (title: string) => {
      const lines = text.split('\n');
      const at = lines.indexOf(title);
      const end = lines.indexOf('', at);
      return lines.slice(at, end === -1 ? undefined : end);
    };
    expect(table('Handle time by channel')).toEqual([
      'Handle time by channel',
      '  Channel   Contacts handled  Average handle time',
      '  Call                     3           1 min 05 s',
      '  Email                  120                 59 s',
      '  WhatsApp                12           1 h 02 min',
    ]);
    expect(table('Time to answer by channel')).toEqual([
      'Time to answer by channel',
      '  Channel  Contacts answered  Average time to answer  Answered within 20 s',
      '  Call                     3                     4 s                100.0%',
      '  Email                  120             18 min 17 s                  0.0%',
    ]);
    expect(table('Holds by channel')).toEqual([
      'Holds by channel',
      '  Channel  Holds  Average hold  Holds per contact',
      '  Call         2    1 min 01 s               0.67',
      '  Email        0      no holds               0.00',
    ]);
    expect(table('Operators')).toEqual([
      'Operators',
      '  Operator     Contacts handled  Time on break',
      '  op-01 Asha                  7     1 h 05 min',
      '  op-02 Tomás               128          0 min',
      '  op-03 Grace                 0          9 min',
    ]);
    expect(table('Workload')).toEqual([
      'Workload',
      '  Kind               Number  Share of contacts handled',
      '  Transfers               9                       6.7%',
      '  Priority contacts      20                      14.8%',
      '  Emergencies             1                       0.7%',
    ]);
    expect(table('Breaks over their allotted time')).toEqual([
      'Breaks over their allotted time',
      '  Type of break  Breaks over time',
      '  Bio break                     2',
      '  Tea                           1',
    ]);
    expect(table('Quality by performance group')).toEqual([
      'Quality by performance group',
      '  Performance group  Scorecards  Average quality score (of 100)',
      '  High                        2                            93.3',
      '  Needs support              10                            71.0',
    ]);
  });

  it('lines up every column of every table, right edges of figures and left edges of names', () => {
    for (const section of supervisorView(SUMMARY).sections) {
      const lines = formatTable(section);
      const rows = [section.columns.map((c) => c.header), ...section.rows.map((r) => r.cells.map((c) => c.text))];
      section.columns.forEach((column, i) => {
        const edges = rows.map((cells, r) => {
          const before = cells.slice(0, i).join('');
          // Where the cell stands in its line: after the cells before it (found in order).
          let from = 0;
          for (const c of cells.slice(0, i)) from = lines[r]!.indexOf(c, from) + c.length;
          const at = lines[r]!.indexOf(cells[i]!, from);
          expect(at, `${section.id} row ${r} column ${i} after "${before}"`).toBeGreaterThan(-1);
          return column.align === 'left' ? at : at + cells[i]!.length;
        });
        expect(new Set(edges).size, `${section.id}: column "${column.header}" edges ${edges}`).toBe(1);
      });
    }
  });

  it('speaks no jargon: no log records, no raw codes, no m:ss without a unit', () => {
    const text = formatSummary(SUMMARY);
    expect(text).not.toMatch(/log record/i);
    expect(text).not.toMatch(/[a-z]+_[a-z]+/); // invalid_format, bio_break, needs_support
    expect(text.replace('from 08:00 to 16:41 UTC', '')).not.toMatch(/\d:\d\d/);
  });

  it('says "none" for a table with nothing in it, and that nothing was refused', () => {
    const empty: Summary = { ...SUMMARY, breakOverruns: {}, rejectedEvents: {} };
    const text = formatSummary(empty);
    expect(text).toContain('Breaks over their allotted time\n  none\n');
    expect(text).toContain('No event refused by validation.');
  });
});

describe('durations in a supervisor’s units', () => {
  it('are seconds under a minute, minutes and seconds under an hour, hours and minutes past it', () => {
    expect([0, 4.4, 59.4, 59.5, 65, 600, 3599.4, 3599.6, 3725, 36_000].map(duration)).toEqual([
      '0 s',
      '4 s',
      '59 s',
      '1 min 00 s',
      '1 min 05 s',
      '10 min 00 s',
      '59 min 59 s',
      '1 h 00 min',
      '1 h 02 min',
      '10 h 00 min',
    ]);
    expect([0, 9.4, 59.6, 64.6, 125].map(minutes)).toEqual(['0 min', '9 min', '1 h 00 min', '1 h 05 min', '2 h 05 min']);
  });
});
