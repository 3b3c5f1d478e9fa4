// Events that arrive after their contact or break has ended: by its own end
// event, or by the instrumentation (timeout, eviction, ...). Found in review:
// each of these failed before.
import { afterEach, describe, expect, it } from 'vitest';
import { CallCenterAction } from '../../src/index.js';
import { minimalContact } from '../helpers/events.js';
import { ingest, spanNamed, TestClock } from '../helpers/lifecycle.js';
import { counterValue, createHarness, histogramValue, type Harness } from '../helpers/otel.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.shutdown();
  h = undefined;
});

describe('events after a forced end', () => {
  it('a contact that timed out is recorded once, not again (reconstructed) when its real end arrives', async () => {
    const clock = new TestClock();
    h = createHarness({ now: clock.now, contactTimeoutMs: 60_000 });
    const start = new Date(clock.ms - 5_000).toISOString();
    ingest(h, 'contact', minimalContact({ contact_id: 'c', contact_start_time: start }));
    clock.advance(61);
    ingest(h, 'contact', minimalContact({ contact_id: 'other' })); // the inline sweep ends 'c' (timeout)
    clock.advance(30);
    ingest(h, 'contact', minimalContact({ contact_id: 'c', action: CallCenterAction.End, contact_start_time: start }));
    const spans = spanNamed(h, 'call_center.contact').filter((s) => s.attributes['call_center.contact.id'] === 'c');
    const metrics = await h.collectMetrics();
    const durations = metrics.get('call_center.contact.duration')!.dataPoints.reduce((n, p) => n + (p.value as { count: number }).count, 0);
    expect({ spans: spans.map((s) => s.attributes['call_center.contact.end_reason']), durations }).toEqual({ spans: ['timeout'], durations: 1 });
  });

  it('a contact evicted is recorded once, not again when its real end arrives', async () => {
    h = createHarness({ maxOpenContacts: 1 });
    const start = new Date(Date.now() - 5_000).toISOString();
    ingest(h, 'contact', minimalContact({ contact_id: 'c', contact_start_time: start }));
    ingest(h, 'contact', minimalContact({ contact_id: 'd' })); // evicts 'c'
    ingest(h, 'contact', minimalContact({ contact_id: 'c', action: CallCenterAction.End, contact_start_time: start }));
    const spans = spanNamed(h, 'call_center.contact').filter((s) => s.attributes['call_center.contact.id'] === 'c');
    expect(spans.map((s) => s.attributes['call_center.contact.end_reason'])).toEqual(['evicted']);
    const metrics = await h.collectMetrics();
    expect(histogramValue(metrics.get('call_center.contact.duration'), { 'call_center.contact.end_reason': 'end' })).toBeUndefined();
  });

  it('a break that overran and timed out counts one overrun, not two, when its real end arrives', async () => {
    const clock = new TestClock();
    h = createHarness({ now: clock.now, breakTimeoutMs: 60_000 });
    ingest(h, 'break', { type: 'tea', action: 'start', total_time: 60, consumed_time: 0 } as never);
    clock.advance(50);
    ingest(h, 'break', { type: 'tea', action: 'view', total_time: 60, consumed_time: 70 } as never); // overrun flagged
    clock.advance(20);
    ingest(h, 'contact', minimalContact({ contact_id: 'x' })); // the inline sweep ends the break (timeout)
    clock.advance(30);
    ingest(h, 'break', { type: 'tea', action: 'end', total_time: 60, consumed_time: 100 } as never); // the operator is back
    const metrics = await h.collectMetrics();
    expect(spanNamed(h, 'call_center.break').map((s) => s.attributes['call_center.break.end_reason'])).toEqual(['timeout']);
    expect(counterValue(metrics.get('call_center.break.overruns'))).toBe(1);
  });
});

describe('an attend that arrives after its end', () => {
  it('does not open a span that only the timeout ends', async () => {
    const clock = new TestClock();
    h = createHarness({ now: clock.now, contactTimeoutMs: 60_000 });
    const attendMs = clock.ms;
    clock.advance(30);
    // The end (with its duration) is delivered first...
    ingest(h, 'contact', minimalContact({ contact_id: 'c', action: CallCenterAction.End, contact_duration: 30 }));
    // ...then the attend, stamped 30 s before the end.
    ingest(h, 'contact', minimalContact({ contact_id: 'c' }), { timestamp: attendMs });
    const activeNow = counterValue((await h.collectMetrics()).get('call_center.contacts.active'));
    clock.advance(120);
    ingest(h, 'contact', minimalContact({ contact_id: 'other' })); // any event runs the sweep
    const reasons = spanNamed(h, 'call_center.contact')
      .filter((s) => s.attributes['call_center.contact.id'] === 'c')
      .map((s) => s.attributes['call_center.contact.end_reason']);
    const metrics = await h.collectMetrics();
    expect({ activeNow, reasons, forced: counterValue(metrics.get('call_center.contacts.force_ended')) }).toEqual({ activeNow: 0, reasons: ['end'], forced: 0 });
  });
});

describe('a break end delivered again', () => {
  it('a break end delivered twice counts its overrun once', async () => {
    h = createHarness();
    ingest(h, 'break', { type: 'tea', action: 'start', total_time: 60, consumed_time: 0 } as never);
    const end = { type: 'tea', action: 'end', total_time: 60, consumed_time: 90 } as never;
    ingest(h, 'break', end);
    ingest(h, 'break', end);
    expect(counterValue((await h.collectMetrics()).get('call_center.break.overruns'))).toBe(1);
  });
});
