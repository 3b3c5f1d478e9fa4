// The demo summary's time on break (found in review: breaks the plugin ended, their end event lost, were counted as
// time on break, and every forced end was said to be "after its timeout", a shutdown too).
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../examples/shift/summary.js';
import { formatSummary } from '../../../examples/shift/summary-text.js';

const T0 = Date.parse('2026-01-05T08:00:00Z');
const nano = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
const attrs = (o: Record<string, string | number | boolean>) =>
  Object.entries(o).map(([key, v]) => ({
    key,
    value: typeof v === 'string' ? { stringValue: v } : typeof v === 'boolean' ? { boolValue: v } : Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v },
  }));
const span = (name: string, startMs: number, endMs: number, a: Record<string, string | number | boolean>) => ({
  traceId: `${'0'.repeat(31)}1`,
  spanId: `${'0'.repeat(15)}1`,
  name,
  startTimeUnixNano: nano(startMs),
  endTimeUnixNano: nano(endMs),
  attributes: attrs(a),
});
const traces = (spans: unknown[]) => [{ resourceSpans: [{ resource: { attributes: attrs({ 'service.name': 'demo' }) }, scopeSpans: [{ scope: { name: 'x' }, spans }] }] }];
const operator = { 'call_center.operator.id': 'op-01', 'call_center.operator.name': 'Asha' };
const brk = (type: string, startMin: number, minutes: number, reason: string) =>
  span('call_center.break', T0 + startMin * 60_000, T0 + (startMin + minutes) * 60_000, { ...operator, 'call_center.break.type': type, 'call_center.break.end_reason': reason });

describe('the demo summary: breaks the plugin had to end', () => {
  // A 10-minute tea break; a meal break whose end never came (timed out); a tea break still open when the demo ended.
  const summary = summarize({ logs: [], metrics: [], traces: traces([brk('tea', 0, 10, 'end'), brk('meal', 60, 120, 'timeout'), brk('tea', 200, 84, 'shutdown')]) } as never);

  it('counts as time on break only the breaks that ended, as the dashboards do', () => {
    expect(summary.breakMinutesPerOperator).toEqual({ 'op-01 Asha': 10 });
  });

  it('does not say a break ended when the demo ended was ended "after its timeout"', () => {
    const line = formatSummary(summary)
      .split('\n')
      .find((l) => l.includes('never got their end event'));
    expect(line).toBeDefined();
    expect(line).not.toMatch(/after its timeout/);
  });
});
