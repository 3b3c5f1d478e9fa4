import { afterEach, describe, expect, it } from 'vitest';
import { BreakType, type BreakEvent } from '../../src/index.js';
import { ingest, ms, spanNamed, TestClock } from '../helpers/lifecycle.js';
import { counterValue, createHarness, type Harness } from '../helpers/otel.js';

let h: Harness;
afterEach(() => h.shutdown());

const brk = (action: BreakEvent['action'], consumed: number, total = 600, type: BreakEvent['type'] = BreakType.Tea): BreakEvent => ({
  type,
  action,
  total_time: total,
  consumed_time: consumed,
});

describe('break spans', () => {
  it('open on start, carry every action as an event with total and consumed time, close on end', () => {
    const clock = new TestClock();
    h = createHarness({ now: clock.now, operator: { id: 'op-1' } });
    const times: number[] = [];
    const steps: Array<[BreakEvent['action'], number]> = [
      ['start', 0],
      ['pause', 120],
      ['resume', 120],
      ['view', 300],
      ['end', 540],
    ];
    for (const [action, consumed] of steps) {
      times.push(clock.advance(60));
      ingest(h, 'break', brk(action, consumed));
    }
    const [span, ...rest] = spanNamed(h, 'call_center.break');
    expect(rest).toHaveLength(0);
    expect(ms(span!.startTime)).toBe(times[0]);
    expect(ms(span!.endTime)).toBe(times[4]);
    expect(span?.events.map((e) => e.name)).toEqual([
      'call_center.break.start',
      'call_center.break.pause',
      'call_center.break.resume',
      'call_center.break.view',
      'call_center.break.end',
    ]);
    expect(span?.events.map((e) => ms(e.time))).toEqual(times);
    expect(span?.events.map((e) => [e.attributes?.['call_center.break.total_time'], e.attributes?.['call_center.break.consumed_time']])).toEqual(
      steps.map(([, consumed]) => [600, consumed]),
    );
    expect(span?.attributes).toMatchObject({
      'call_center.break.type': 'tea',
      'call_center.break.consumed_time': 540,
      'call_center.break.end_reason': 'end',
      'call_center.operator.id': 'op-1',
    });
    expect(span?.attributes).not.toHaveProperty('call_center.break.overrun');
    for (const record of h.records()) expect(record.spanContext?.spanId).toBe(span?.spanContext().spanId);
  });

  it('marks an overrun on the event and the span, and counts it once', async () => {
    h = createHarness();
    ingest(h, 'break', brk('start', 0, 300));
    ingest(h, 'break', brk('view', 310, 300));
    ingest(h, 'break', brk('end', 420, 300));
    const [span] = spanNamed(h, 'call_center.break');
    expect(span?.attributes['call_center.break.overrun']).toBe(true);
    expect(span?.events.map((e) => e.attributes?.['call_center.break.overrun'])).toEqual([undefined, true, true]);
    const metrics = await h.collectMetrics();
    expect(counterValue(metrics.get('call_center.break.overruns'), { 'call_center.break.type': 'tea' })).toBe(1);
  });

  it('logs break actions with no open break, without a span', () => {
    h = createHarness();
    ingest(h, 'break', brk('view', 0));
    ingest(h, 'break', brk('pause', 10));
    ingest(h, 'break', brk('end', 10));
    expect(h.spans.getFinishedSpans()).toHaveLength(0);
    expect(h.records()).toHaveLength(3);
    expect(h.records().every((r) => r.spanContext === undefined)).toBe(true);
  });

  it('keeps one open break per operator; a repeated start is an event', () => {
    h = createHarness();
    const a = { operator: { id: 'op-a' } };
    const b = { operator: { id: 'op-b' } };
    ingest(h, 'break', brk('start', 0, 600, BreakType.Meal), a);
    ingest(h, 'break', brk('start', 0, 300, BreakType.BioBreak), b);
    ingest(h, 'break', brk('start', 5, 600, BreakType.Meal), a);
    ingest(h, 'break', brk('end', 200, 300, BreakType.BioBreak), b);
    ingest(h, 'break', brk('end', 550, 600, BreakType.Meal), a);
    const spans = spanNamed(h, 'call_center.break');
    expect(spans.map((s) => [s.attributes['call_center.operator.id'], s.events.map((e) => e.name)])).toEqual([
      ['op-b', ['call_center.break.start', 'call_center.break.end']],
      ['op-a', ['call_center.break.start', 'call_center.break.start', 'call_center.break.end']],
    ]);
  });
});
