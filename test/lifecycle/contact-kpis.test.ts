import type { HistogramMetricData } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { CallCenterAction, ContactChannel, ContactType, type ContactEvent } from '../../src/index.js';
import { WAIT_HOLD_BUCKETS } from '../../src/metrics.js';
import { minimalContact } from '../helpers/events.js';
import { ingest, spanNamed, TestClock } from '../helpers/lifecycle.js';
import { createHarness, histogramValue, type Harness } from '../helpers/otel.js';

const WAIT = 'call_center.contact.wait.duration';
const HOLD = 'call_center.contact.hold.duration';

let h: Harness;
let clock: TestClock;
afterEach(() => h.shutdown());

function setUp(config: Parameters<typeof createHarness>[0] = {}) {
  clock = new TestClock();
  h = createHarness({ now: clock.now, ...config });
}

/** Logs one action of contact `c1` after `seconds` more on the clock. */
function logAfter(seconds: number, action: CallCenterAction, fields: Partial<ContactEvent> = {}) {
  clock.advance(seconds);
  ingest(h, 'contact', minimalContact({ contact_id: 'c1', action, ...fields }));
}

const isoSecondsAgo = (seconds: number) => new Date(clock.ms - seconds * 1000).toISOString();

async function kpis() {
  const metrics = await h.collectMetrics();
  const [span, ...more] = spanNamed(h, 'call_center.contact');
  expect(more).toHaveLength(0);
  return { wait: histogramValue(metrics.get(WAIT)), hold: histogramValue(metrics.get(HOLD)), attributes: span?.attributes ?? {} };
}

describe('time to answer and holds', () => {
  it('measure the issue example: waited 30 s, held once for 30 s', async () => {
    setUp();
    ingest(h, 'contact', minimalContact({ contact_id: 'c1', contact_start_time: isoSecondsAgo(30) }));
    logAfter(10, CallCenterAction.Pause);
    logAfter(30, CallCenterAction.Resume);
    logAfter(60, CallCenterAction.End);
    const { wait, hold, attributes } = await kpis();
    expect([wait?.sum, wait?.count, hold?.sum, hold?.count]).toEqual([30, 1, 30, 1]);
    expect(attributes).toMatchObject({ 'call_center.contact.wait_time': 30, 'call_center.contact.hold_time': 30, 'call_center.contact.hold_count': 1 });
  });

  it('count a hold still open at the end up to the end', async () => {
    setUp();
    ingest(h, 'contact', minimalContact({ contact_id: 'c1' }));
    logAfter(10, CallCenterAction.Pause);
    logAfter(45, CallCenterAction.End);
    const { wait, hold, attributes } = await kpis();
    expect(wait).toBeUndefined();
    expect([hold?.sum, hold?.count]).toEqual([45, 1]);
    expect(attributes).toMatchObject({ 'call_center.contact.hold_time': 45, 'call_center.contact.hold_count': 1 });
    expect(attributes).not.toHaveProperty('call_center.contact.wait_time');
  });

  it('add up several holds, keep one hold through a second pause, a transfer and an update, and ignore a resume without a pause', async () => {
    setUp();
    ingest(h, 'contact', minimalContact({ contact_id: 'c1' }));
    logAfter(5, CallCenterAction.Resume); // not on hold: nothing
    logAfter(5, CallCenterAction.Pause);
    logAfter(10, CallCenterAction.Pause); // already on hold: the first hold goes on
    logAfter(10, CallCenterAction.Transfer);
    logAfter(10, CallCenterAction.Update);
    logAfter(10, CallCenterAction.Resume); // 40 s on hold
    logAfter(10, CallCenterAction.Pause);
    logAfter(20, CallCenterAction.Resume); // 20 s
    logAfter(5, CallCenterAction.Terminate);
    const { hold, attributes } = await kpis();
    expect([hold?.sum, hold?.count]).toEqual([60, 2]);
    expect(attributes).toMatchObject({ 'call_center.contact.hold_time': 60, 'call_center.contact.hold_count': 2 });
  });

  it('say 0 holds on a contact never held, and record no hold', async () => {
    setUp();
    ingest(h, 'contact', minimalContact({ contact_id: 'c1', contact_start_time: isoSecondsAgo(0) }));
    logAfter(60, CallCenterAction.End);
    const { wait, hold, attributes } = await kpis();
    expect([wait?.sum, wait?.count]).toEqual([0, 1]); // answered at once
    expect(hold).toBeUndefined();
    expect(attributes).toMatchObject({ 'call_center.contact.wait_time': 0, 'call_center.contact.hold_time': 0, 'call_center.contact.hold_count': 0 });
  });

  it('record no wait when the start time is after the attend', async () => {
    setUp();
    ingest(h, 'contact', minimalContact({ contact_id: 'c1', contact_start_time: new Date(clock.ms + 5_000).toISOString() }));
    logAfter(60, CallCenterAction.End);
    const { wait, attributes } = await kpis();
    expect(wait).toBeUndefined();
    expect(attributes).not.toHaveProperty('call_center.contact.wait_time');
  });

  it('take the wait from the attend only, not from a start time given later', async () => {
    setUp();
    ingest(h, 'contact', minimalContact({ contact_id: 'c1' }));
    logAfter(10, CallCenterAction.Update, { contact_start_time: isoSecondsAgo(40) });
    logAfter(10, CallCenterAction.End);
    const { wait, attributes } = await kpis();
    expect(wait).toBeUndefined();
    expect(attributes).not.toHaveProperty('call_center.contact.wait_time');
  });

  it('measure neither wait nor holds on a contact reconstructed from an end without attend', async () => {
    setUp();
    clock.advance(300);
    ingest(h, 'contact', minimalContact({ contact_id: 'c1', action: CallCenterAction.End, contact_start_time: isoSecondsAgo(120) }));
    const { wait, hold, attributes } = await kpis();
    expect(attributes).toMatchObject({ 'call_center.contact.reconstructed': true });
    expect([wait, hold]).toEqual([undefined, undefined]);
    for (const key of ['wait_time', 'hold_time', 'hold_count']) expect(attributes).not.toHaveProperty(`call_center.contact.${key}`);
  });

  it('count an open hold up to a forced end (timeout)', async () => {
    setUp({ contactTimeoutMs: 600_000 });
    ingest(h, 'contact', minimalContact({ contact_id: 'c1' }));
    logAfter(100, CallCenterAction.Pause);
    clock.advance(550); // 650 s after the attend: the next event ends c1 as a timeout, now
    ingest(h, 'contact', minimalContact({ contact_id: 'c2' }));
    const metrics = await h.collectMetrics();
    const [c1] = spanNamed(h, 'call_center.contact');
    expect(c1?.attributes).toMatchObject({ 'call_center.contact.end_reason': 'timeout', 'call_center.contact.hold_time': 550, 'call_center.contact.hold_count': 1 });
    expect([histogramValue(metrics.get(HOLD))?.sum, histogramValue(metrics.get(HOLD))?.count]).toEqual([550, 1]);
  });

  it('record by channel and type, with the service-level thresholds as exact bucket boundaries', async () => {
    setUp();
    ingest(
      h,
      'contact',
      minimalContact({ contact_id: 'c1', contact_channel: ContactChannel.WhatsApp, contact_type: ContactType.Emergency, contact_start_time: isoSecondsAgo(20) }),
    );
    logAfter(1, CallCenterAction.Pause);
    logAfter(20, CallCenterAction.Resume);
    const metrics = await h.collectMetrics();
    const match = { 'call_center.contact.channel': 'whatsapp', 'call_center.contact.type': 'emergency' };
    for (const name of [WAIT, HOLD]) {
      const metric = metrics.get(name) as HistogramMetricData;
      expect(metric.descriptor.unit).toBe('s');
      const point = histogramValue(metric, match);
      expect(point?.buckets.boundaries).toEqual(WAIT_HOLD_BUCKETS);
      for (const threshold of [10, 20, 30, 60, 120, 180, 300]) expect(WAIT_HOLD_BUCKETS).toContain(threshold);
      // 20 s falls in the bucket (15, 20]: "answered within 20 s" is exact.
      expect(point?.buckets.counts[WAIT_HOLD_BUCKETS.indexOf(20)]).toBe(1);
    }
  });
});
