import { SpanStatusCode } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { ExportResult } from '@opentelemetry/core';
import { SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallCenter, CallCenterAction, CallCenterInstrumentation, CallCenterEventType } from '../../src/index.js';
import { minimalContact } from '../helpers/events.js';
import { ingest, ms, TestClock } from '../helpers/lifecycle.js';
import { counterValue, createHarness, type Harness } from '../helpers/otel.js';

let h: Harness | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await h?.shutdown();
  h = undefined;
});

const realSetInterval = globalThis.setInterval;

/** An exporter that keeps what it got even after shutdown (the in-memory one forgets it). */
class KeepingExporter implements SpanExporter {
  readonly spans: ReadableSpan[] = [];
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.spans.push(...spans);
    done({ code: 0 });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const tea = (action: 'start' | 'end') => ({ type: 'tea', action, total_time: 600, consumed_time: 0 }) as const;

describe('bounded state', () => {
  it('ends a contact past contactTimeoutMs with ERROR on the next event, and counts it', async () => {
    const clock = new TestClock();
    h = createHarness({ now: clock.now, contactTimeoutMs: 60_000 });
    const opened = clock.ms;
    ingest(h, 'contact', minimalContact({ contact_id: 'stale' }));
    clock.advance(61);
    ingest(h, 'contact', minimalContact({ contact_id: 'fresh' }));
    const [span, ...rest] = h.spans.getFinishedSpans();
    expect(rest).toHaveLength(0);
    expect(span?.attributes['call_center.contact.id']).toBe('stale');
    expect(span?.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'contact open longer than contactTimeoutMs (60000 ms)',
    });
    expect(span?.attributes['call_center.contact.end_reason']).toBe('timeout');
    expect(ms(span!.endTime) - opened).toBe(61_000);
    const metrics = await h.collectMetrics();
    expect(counterValue(metrics.get('call_center.contacts.force_ended'), { 'call_center.contact.end_reason': 'timeout' })).toBe(1);
    expect(counterValue(metrics.get('call_center.contacts.active'))).toBe(1);
  });

  it('sweeps on its own timer, with no event arriving', async () => {
    vi.useFakeTimers();
    h = createHarness({ contactTimeoutMs: 30_000, breakTimeoutMs: 30_000 });
    const timersBefore = vi.getTimerCount(); // the metric reader's
    ingest(h, 'contact', minimalContact());
    ingest(h, 'break', tea('start'));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(h.spans.getFinishedSpans()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.spans.getFinishedSpans().map((s) => [s.name, s.attributes['call_center.contact.end_reason'] ?? s.attributes['call_center.break.end_reason']])).toEqual([
      ['call_center.contact', 'timeout'],
      ['call_center.break', 'timeout'],
    ]);
    // Nothing open any more: the sweep timer is gone.
    expect(vi.getTimerCount()).toBe(timersBefore);
  });

  it('arms one unref’ed timer only while spans are open', () => {
    h = createHarness();
    const armed: NodeJS.Timeout[] = [];
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval').mockImplementation(((fn: () => void, ms: number) => {
      const interval = realSetInterval(fn, ms);
      armed.push(interval);
      return interval;
    }) as typeof setInterval);
    const clearSpy = vi.spyOn(globalThis, 'clearInterval');
    try {
      for (let i = 0; i < 50; i++) ingest(h, 'contact', minimalContact({ contact_id: `c${i}` }));
      expect(armed).toHaveLength(1);
      expect(armed[0]?.hasRef()).toBe(false);
      h.instrumentation.disable();
      expect(clearSpy).toHaveBeenCalledWith(armed[0]);
    } finally {
      setIntervalSpy.mockRestore();
      clearSpy.mockRestore();
      for (const t of armed) clearInterval(t);
    }
  });

  it('evicts the oldest contact past maxOpenContacts', async () => {
    h = createHarness({ maxOpenContacts: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) ingest(h, 'contact', minimalContact({ contact_id: id }));
    const evicted = h.spans.getFinishedSpans();
    expect(evicted.map((s) => s.attributes['call_center.contact.id'])).toEqual(['a', 'b']);
    expect(evicted[0]?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'more than 3 contacts open (maxOpenContacts): the oldest was ended' });
    expect(evicted[0]?.attributes['call_center.contact.end_reason']).toBe('evicted');
    const metrics = await h.collectMetrics();
    expect(counterValue(metrics.get('call_center.contacts.force_ended'), { 'call_center.contact.end_reason': 'evicted' })).toBe(2);
    expect(counterValue(metrics.get('call_center.contacts.active'))).toBe(3);
  });

  it('evicts the oldest break past maxOpenBreaks', () => {
    h = createHarness({ maxOpenBreaks: 1 });
    ingest(h, 'break', tea('start'), { operator: { id: 'op-a' } });
    ingest(h, 'break', tea('start'), { operator: { id: 'op-b' } });
    const [span] = h.spans.getFinishedSpans();
    expect(span?.attributes).toMatchObject({ 'call_center.operator.id': 'op-a', 'call_center.break.end_reason': 'evicted' });
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('ends every open span on disable()', () => {
    h = createHarness();
    ingest(h, 'contact', minimalContact());
    ingest(h, 'break', tea('start'));
    h.instrumentation.disable();
    const spans = h.spans.getFinishedSpans();
    expect(spans.map((s) => s.status)).toEqual([
      { code: SpanStatusCode.ERROR, message: 'instrumentation disabled while the contact was open' },
      { code: SpanStatusCode.ERROR, message: 'instrumentation disabled while the break was open' },
    ]);
  });

  it('ends every open span when the tracer provider shuts down, before it flushes', async () => {
    h = createHarness();
    const kept = new KeepingExporter();
    // A second harness-like provider whose exporter outlives shutdown.
    const { TracerProvider } = await import('@opentelemetry/sdk-trace');
    const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: kept })] });
    h.instrumentation.setTracerProvider(provider);
    ingest(h, 'contact', minimalContact());
    ingest(h, 'break', tea('start'));
    await provider.shutdown();
    expect(kept.spans.map((s) => [s.name, s.attributes['call_center.contact.end_reason'] ?? s.attributes['call_center.break.end_reason']])).toEqual([
      ['call_center.contact', 'shutdown'],
      ['call_center.break', 'shutdown'],
    ]);
  });

  it('ends open spans on NodeSDK shutdown (global proxy provider)', async () => {
    const kept = new KeepingExporter();
    const sdk = new NodeSDK({
      autoDetectResources: false,
      spanProcessors: [new SimpleSpanProcessor({ exporter: kept })],
      logRecordProcessors: [],
      metricReaders: [],
      instrumentations: [new CallCenterInstrumentation()],
    });
    sdk.start();
    CallCenter.logIngestEvent(CallCenterEventType.Contact, minimalContact());
    await sdk.shutdown();
    expect(kept.spans.map((s) => s.attributes['call_center.contact.end_reason'])).toEqual(['shutdown']);
  });

  it('leaves no state behind after 100 000 contacts attended and ended', async () => {
    h = createHarness();
    await h.tracerProvider.shutdown(); // keep the in-memory exporter from holding 100 000 spans
    const gc = (globalThis as { gc?: () => void }).gc;
    const heap = async () => {
      // The SDK's simple processors settle their exports asynchronously: let them, then collect.
      await new Promise((resolve) => setTimeout(resolve, 50));
      gc?.();
      return process.memoryUsage().heapUsed;
    };
    const run = (n: number) => {
      for (let i = 0; i < n; i++) {
        const contact = minimalContact({ contact_id: `c-${i}` });
        h!.instrumentation.logIngestEvent('contact', contact);
        h!.instrumentation.logIngestEvent('contact', { ...contact, action: CallCenterAction.End });
      }
      h!.logs.reset();
    };
    run(5_000); // warm up
    const before = await heap();
    run(100_000);
    const after = await heap();
    expect(counterValue((await h.collectMetrics()).get('call_center.contacts.active'))).toBe(0);
    expect(gc).toBeTypeOf('function'); // vitest.config.ts runs tests with --expose-gc
    expect(after - before).toBeLessThan(8 * 1024 * 1024);
  });
});
