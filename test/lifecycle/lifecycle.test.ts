import { SpanStatusCode } from '@opentelemetry/api';
import { TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { CallCenter, CallCenterAction, SCHEMA_URL } from '../../src/index.js';
import { minimalContact } from '../helpers/events.js';
import { ingest, spanNamed, TestClock } from '../helpers/lifecycle.js';
import { counterValue, createHarness, type Harness } from '../helpers/otel.js';

const harnesses: Harness[] = [];
const harness = (...args: Parameters<typeof createHarness>) => {
  const h = createHarness(...args);
  harnesses.push(h);
  return h;
};
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.shutdown()));
});

const HOUR = 3_600_000;

describe('time', () => {
  it('never lets an event’s own timestamp end other operators’ contacts: timeouts follow the configured clock', async () => {
    const clock = new TestClock();
    const h = harness({ now: clock.now, maxClockSkewMs: 10 * HOUR });
    ingest(h, 'contact', minimalContact({ contact_id: 'a' }), { operator: { id: 'op-1' } });
    // Clock skew, or a timestamp that is wrong: 5 h ahead, past the 4 h contact timeout.
    ingest(h, 'contact', minimalContact({ contact_id: 'b' }), { operator: { id: 'op-2' }, timestamp: clock.ms + 5 * HOUR });
    clock.advance(60);
    ingest(h, 'contact', minimalContact({ contact_id: 'a', action: CallCenterAction.End }), { operator: { id: 'op-1' } });
    const [a] = spanNamed(h, 'call_center.contact');
    expect(a?.attributes['call_center.contact.end_reason']).toBe('end');
    expect(a?.status.code).toBe(SpanStatusCode.UNSET);
    const metrics = await h.collectMetrics();
    expect(counterValue(metrics.get('call_center.contacts.force_ended'))).toBe(0);
  });
});

describe('one owner across instances and providers', () => {
  it('lets a second instance that takes over the facade end the first one’s contacts, exactly once', async () => {
    const first = harness();
    for (let i = 0; i < 5; i++) CallCenter.logIngestEvent('contact', minimalContact({ contact_id: `c${i}` }));
    const second = harness();
    for (let i = 0; i < 5; i++) expect(CallCenter.logIngestEvent('contact', minimalContact({ contact_id: `c${i}`, action: CallCenterAction.End })).ok).toBe(true);
    const spans = first.spans.getFinishedSpans();
    expect(spans.map((s) => s.attributes['call_center.contact.end_reason'])).toEqual(['end', 'end', 'end', 'end', 'end']);
    expect(second.spans.getFinishedSpans()).toHaveLength(0);
    expect(counterValue((await second.collectMetrics()).get('call_center.contacts.force_ended'))).toBe(0);
  });

  it('hands open contacts to the instance still enabled when the one that opened them is disabled', () => {
    const first = harness();
    CallCenter.logIngestEvent('contact', minimalContact({ contact_id: 'c' }));
    const second = harness();
    first.instrumentation.disable();
    expect(first.spans.getFinishedSpans()).toHaveLength(0);
    CallCenter.logIngestEvent('contact', minimalContact({ contact_id: 'c', action: CallCenterAction.End }));
    expect(first.spans.getFinishedSpans().map((s) => s.attributes['call_center.contact.end_reason'])).toEqual(['end']);
    expect(second.records()).toHaveLength(1);
  });

  it('keeps call_center.contacts.active exact across a meter provider change', async () => {
    const h = harness();
    ingest(h, 'contact', minimalContact({ contact_id: 'a' }));
    ingest(h, 'contact', minimalContact({ contact_id: 'b' }));
    const meterProvider = new MeterProvider();
    h.instrumentation.setMeterProvider(meterProvider);
    ingest(h, 'contact', minimalContact({ contact_id: 'a', action: CallCenterAction.End }));
    h.instrumentation.setMeterProvider(h.meterProvider);
    const active = (await h.collectMetrics()).get('call_center.contacts.active');
    expect(active?.dataPoints.map((p) => p.value)).toEqual([1]);
    ingest(h, 'contact', minimalContact({ contact_id: 'b', action: CallCenterAction.End }));
    expect((await h.collectMetrics()).get('call_center.contacts.active')?.dataPoints.map((p) => p.value)).toEqual([0]);
    await meterProvider.shutdown();
  });

  it('lets the shutdown of a replaced tracer provider end only the spans it started', async () => {
    const h = harness();
    const ended: ReadableSpan[] = [];
    // A processor sees each span end synchronously (an in-memory exporter is emptied by the shutdown itself).
    const oldProvider = new TracerProvider({
      spanProcessors: [{ onStart: () => {}, onEnd: (span) => void ended.push(span), forceFlush: async () => {}, shutdown: async () => {} }],
    });
    h.instrumentation.setTracerProvider(oldProvider);
    ingest(h, 'contact', minimalContact({ contact_id: 'on-the-old-one' }));
    h.instrumentation.setTracerProvider(h.tracerProvider);
    ingest(h, 'contact', minimalContact({ contact_id: 'on-the-new-one' }));
    await oldProvider.shutdown();
    expect(ended.map((s) => [s.attributes['call_center.contact.id'], s.attributes['call_center.contact.end_reason']])).toEqual([['on-the-old-one', 'shutdown']]);
    expect(h.spans.getFinishedSpans()).toHaveLength(0);
    ingest(h, 'contact', minimalContact({ contact_id: 'on-the-new-one', action: CallCenterAction.End }));
    expect(h.spans.getFinishedSpans().map((s) => s.attributes['call_center.contact.end_reason'])).toEqual(['end']);
  });
});

describe('keys and breaks', () => {
  it('keeps a contact id holding NUL apart from another operator’s contact', () => {
    const h = harness();
    ingest(h, 'contact', minimalContact({ contact_id: 'c1' }), { operator: { id: 'op-1' } });
    ingest(h, 'contact', minimalContact({ contact_id: 'op-1\u0000c1', action: CallCenterAction.End }));
    expect(h.spans.getFinishedSpans()).toHaveLength(0);
    ingest(h, 'contact', minimalContact({ contact_id: 'c1', action: CallCenterAction.End }), { operator: { id: 'op-1' } });
    expect(h.spans.getFinishedSpans()).toHaveLength(1);
  });

  it('ends an open break when a break of another type starts (superseded), so span and metric types agree', async () => {
    const h = harness({ operator: { id: 'op-1' } });
    ingest(h, 'break', { type: 'tea', action: 'start', total_time: 600, consumed_time: 0 });
    ingest(h, 'break', { type: 'meal', action: 'start', total_time: 1800, consumed_time: 0 });
    ingest(h, 'break', { type: 'meal', action: 'end', total_time: 1800, consumed_time: 900 });
    const spans = spanNamed(h, 'call_center.break');
    expect(spans.map((s) => [s.attributes['call_center.break.type'], s.attributes['call_center.break.end_reason'], s.status.code])).toEqual([
      ['tea', 'superseded', SpanStatusCode.ERROR],
      ['meal', 'end', SpanStatusCode.UNSET],
    ]);
    const durations = (await h.collectMetrics()).get('call_center.break.duration');
    expect(durations?.dataPoints.map((p) => [p.attributes['call_center.break.type'], p.attributes['call_center.break.end_reason']]).sort()).toEqual([
      ['meal', 'end'],
      ['tea', 'superseded'],
    ]);
  });

  it('treats a second start of the same type as a repeat on the open break', () => {
    const h = harness();
    ingest(h, 'break', { type: 'tea', action: 'start', total_time: 600, consumed_time: 0 });
    ingest(h, 'break', { type: 'tea', action: 'start', total_time: 600, consumed_time: 10 });
    ingest(h, 'break', { type: 'tea', action: 'end', total_time: 600, consumed_time: 500 });
    const [span, ...others] = spanNamed(h, 'call_center.break');
    expect(others).toHaveLength(0);
    expect(span?.events.map((e) => e.name)).toEqual(['call_center.break.start', 'call_center.break.start', 'call_center.break.end']);
  });
});

describe('memory bounded by bytes', () => {
  it('keeps span events to the action and what changed', () => {
    const h = harness();
    ingest(h, 'contact', minimalContact({ contact_sub_type: 's'.repeat(500), contact_resolution: 'open' }));
    for (let i = 0; i < 10; i++)
      ingest(h, 'contact', minimalContact({ action: CallCenterAction.View, contact_sub_type: 's'.repeat(500), contact_resolution: i === 5 ? 'escalated' : 'open' }));
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.End }));
    const [span] = h.spans.getFinishedSpans();
    expect(span?.events.map((e) => Object.keys(e.attributes ?? {}).length)).toEqual([1, 1, 1, 1, 1, 2, 2, 1, 1, 1]);
  });

  it('retains no span after 3 000 contacts with 40 span events each have ended', async () => {
    const gc = (globalThis as { gc?: () => void }).gc!;
    const h = harness({ operator: { id: 'op-1' } });
    const tracerProvider = new TracerProvider(); // spans go nowhere: only what the plugin keeps remains
    h.instrumentation.setTracerProvider(tracerProvider);
    const contact = (id: string, action: CallCenterAction, i = 0) =>
      ingest(h, 'contact', minimalContact({ contact_id: id, action, contact_sub_type: `sub ${i % 3}`, contact_resolution: 'r'.repeat(100 + i) }));
    const heap = async () => {
      await new Promise((r) => setTimeout(r, 20));
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = await heap();
    for (let c = 0; c < 3000; c++) {
      contact(`c${c}`, CallCenterAction.Attend);
      for (let e = 0; e < 40; e++) contact(`c${c}`, CallCenterAction.View, e);
      contact(`c${c}`, CallCenterAction.End);
      if (c % 100 === 0) h.logs.reset();
    }
    h.logs.reset();
    const retained = (await heap()) - before;
    expect(retained).toBeLessThan(8 * 1024 * 1024);
    await tracerProvider.shutdown();
  });
});

describe('standard attributes', () => {
  it('puts error.type (the end reason) on every span ended with status ERROR, and on no other', () => {
    const clock = new TestClock();
    const h = harness({ now: clock.now, operator: { id: 'op-1' } });
    ingest(h, 'contact', minimalContact({ contact_id: 'ends-normally' }));
    ingest(h, 'contact', minimalContact({ contact_id: 'ends-normally', action: CallCenterAction.End }));
    ingest(h, 'contact', minimalContact({ contact_id: 'times-out' }));
    clock.advance(5 * 3600);
    ingest(h, 'ops_scorecard', { audit_count: 1, performance_group: 'g' }); // the sweep: timeout
    ingest(h, 'break', { type: 'tea', action: 'start', total_time: 600, consumed_time: 0 });
    ingest(h, 'break', { type: 'meal', action: 'start', total_time: 600, consumed_time: 0 }); // superseded
    h.instrumentation.disable(); // disabled
    const spans = h.spans.getFinishedSpans();
    expect(spans.map((s) => [s.status.code, s.attributes['error.type']]).sort()).toEqual(
      [
        [SpanStatusCode.UNSET, undefined],
        [SpanStatusCode.ERROR, 'disabled'],
        [SpanStatusCode.ERROR, 'superseded'],
        [SpanStatusCode.ERROR, 'timeout'],
      ].sort(),
    );
  });

  it('names the semantic conventions it follows in the instrumentation scope of its spans and log records', () => {
    const h = harness();
    ingest(h, 'contact', minimalContact());
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.End }));
    const scopes = [...h.spans.getFinishedSpans(), ...h.records()].map((item) => item.instrumentationScope);
    expect(new Set(scopes.map((s) => s.schemaUrl))).toEqual(new Set([SCHEMA_URL]));
    expect(scopes[0]?.name).toBe('@kenkai/instrumentation-call-center');
  });
});
