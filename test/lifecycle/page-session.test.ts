// A page reload as the plugin sees it, in Node: a pagehide on one module
// instance (one page), then a fresh module instance (the next page) with the
// same sessionStorage. The real thing runs in Chromium (test/browser).
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type HistogramMetricData,
  type SumMetricData,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { minimalBreak, minimalContact } from '../helpers/events.js';
import { captureDiag, type DiagCapture } from '../helpers/diag.js';
import { TestClock } from '../helpers/lifecycle.js';

type Api = typeof import('../../src/index.js');
const KEY = '@kenkai/instrumentation-call-center/open-spans';

/** A Map-backed Storage, with an optional quota in characters. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  readonly quota: number;
  constructor(quota = Infinity) {
    this.quota = quota;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** The parts of a browser page the plugin uses: a document, pagehide and pageshow listeners, sessionStorage. */
function installPage(storage: MemoryStorage) {
  const listeners = { pagehide: new Set<(e: { persisted: boolean }) => void>(), pageshow: new Set<(e: { persisted: boolean }) => void>() };
  type Type = keyof typeof listeners;
  Object.assign(globalThis, {
    document: {},
    sessionStorage: storage,
    addEventListener: (type: Type, l: () => void) => listeners[type]?.add(l),
    removeEventListener: (type: Type, l: () => void) => listeners[type]?.delete(l),
  });
  return {
    hide: (persisted = false) => {
      for (const l of listeners.pagehide) l({ persisted });
    },
    show: (persisted: boolean) => {
      for (const l of listeners.pageshow) l({ persisted });
    },
  };
}

/** One page: a fresh copy of the package, with its own SDK. */
async function openPage(clock: TestClock) {
  vi.resetModules();
  const api = (await import('../../src/index.js')) as Api;
  const spans = new InMemorySpanExporter();
  const reader = new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE), exportIntervalMillis: 3_600_000 });
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] });
  const cc = new api.CallCenterInstrumentation({ now: clock.now, operator: { id: 'op-1' } });
  cc.setTracerProvider(tracerProvider);
  cc.setLoggerProvider(new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: new InMemoryLogRecordExporter() })] }));
  cc.setMeterProvider(new MeterProvider({ readers: [reader] }));
  const histogram = async (name: string) => {
    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name) as HistogramMetricData | undefined;
    return metric?.dataPoints ?? [];
  };
  const durations = async () => (await histogram('call_center.contact.duration')).map((p) => [p.value.sum, p.value.count, p.attributes['call_center.contact.end_reason']]);
  const holds = async () => (await histogram('call_center.contact.hold.duration')).map((p) => [p.value.sum, p.value.count]);
  const breakDurations = async () => (await histogram('call_center.break.duration')).map((p) => [p.value.sum, p.value.count, p.attributes['call_center.break.end_reason']]);
  const overruns = async () => {
    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === 'call_center.break.overruns') as SumMetricData | undefined;
    return (metric?.dataPoints ?? []).reduce((n, p) => n + p.value, 0);
  };
  return { api, cc, spans, durations, holds, breakDurations, overruns };
}

let diagnostics: DiagCapture;
beforeEach(() => {
  diagnostics = captureDiag();
});
afterEach(() => {
  diagnostics.stop();
  for (const key of ['document', 'sessionStorage', 'addEventListener', 'removeEventListener']) delete (globalThis as Record<string, unknown>)[key];
});

describe('contacts across a page reload', () => {
  it('go on in a second span of the same trace, and handle and hold time are recorded once, from the original attend and pause', async () => {
    const clock = new TestClock();
    const storage = new MemoryStorage();
    const page = installPage(storage);
    const first = await openPage(clock);
    first.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1' }));
    clock.advance(10);
    first.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1', action: 'pause' }));
    clock.advance(10);
    page.hide();
    expect(await first.durations()).toEqual([]);
    expect(await first.holds()).toEqual([]);
    expect(storage.items.has(KEY)).toBe(true);

    installPage(storage);
    const second = await openPage(clock);
    expect(storage.items.has(KEY)).toBe(false); // taken once
    clock.advance(20);
    second.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1', action: 'resume' }));
    clock.advance(20);
    second.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1', action: 'end' }));

    const [before] = first.spans.getFinishedSpans();
    const [after] = second.spans.getFinishedSpans();
    expect(before?.attributes['call_center.contact.end_reason']).toBe('page_hide');
    expect(after?.attributes).toMatchObject({ 'call_center.contact.end_reason': 'end', 'call_center.contact.segment': 2 });
    expect(after?.spanContext().traceId).toBe(before?.spanContext().traceId);
    expect(after?.parentSpanContext?.spanId).toBe(before?.spanContext().spanId);
    expect(after?.links.map((l) => l.context.spanId)).toEqual([before?.spanContext().spanId]);
    expect(await second.durations()).toEqual([[60, 1, 'end']]);
    expect(await second.holds()).toEqual([[30, 1]]); // pause on the first page, resume on the second
    expect(after?.attributes).toMatchObject({ 'call_center.contact.hold_time': 30, 'call_center.contact.hold_count': 1 });
    expect(before?.attributes).not.toHaveProperty('call_center.contact.hold_count'); // recorded once, at the real end
  });

  it('go on after the page comes back from the back/forward cache, where no script runs again', async () => {
    const clock = new TestClock();
    const storage = new MemoryStorage();
    const page = installPage(storage);
    const tab = await openPage(clock);
    tab.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1' }));
    clock.advance(10);
    page.hide(true); // into the cache: the contact is ended and saved, as for any page that goes away
    page.show(false); // a first load's pageshow is not a restore
    expect(storage.items.has(KEY)).toBe(true);
    clock.advance(20);
    page.show(true); // back: the same page, the same instance, no new set-up
    expect(storage.items.has(KEY)).toBe(false);
    tab.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1', action: 'end' }));
    const [before, after] = tab.spans.getFinishedSpans();
    expect([before?.attributes['call_center.contact.end_reason'], after?.attributes['call_center.contact.end_reason']]).toEqual(['page_hide', 'end']);
    expect(after?.attributes['call_center.contact.segment']).toBe(2);
    expect(after?.spanContext().traceId).toBe(before?.spanContext().traceId);
    expect(await tab.durations()).toEqual([[30, 1, 'end']]);
  });

  it('ends them as before where sessionStorage refuses them (quota), recording the page_hide end', async () => {
    const clock = new TestClock();
    const page = installPage(new MemoryStorage(10));
    const first = await openPage(clock);
    first.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1' }));
    clock.advance(30);
    page.hide();
    expect(await first.durations()).toEqual([[30, 1, 'page_hide']]);
    expect(diagnostics.warn.join('\n')).toMatch(/could not be saved/);
  });

  it('ignores foreign or corrupted saved content with a warning, and entries older than the timeout', async () => {
    const clock = new TestClock();
    const savedContact = {
      kind: 'contact',
      operatorKey: 'op-1',
      idKey: 'c1',
      startMs: clock.ms,
      traceId: 'a'.repeat(32),
      spanId: 'b'.repeat(16),
      traceFlags: 1,
      segment: 1,
      channel: 'call',
      type: 'new',
    };
    for (const content of [
      '{not json',
      JSON.stringify({ v: 2 }),
      JSON.stringify({ v: 1, spans: [{ kind: 'contact' }] }),
      JSON.stringify({ v: 1, spans: [{ ...savedContact, holds: { totalMs: -1, count: 1 } }] }),
    ]) {
      const storage = new MemoryStorage();
      storage.setItem(KEY, content);
      installPage(storage);
      const page = await openPage(clock);
      page.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1', action: 'end' }));
      expect(page.spans.getFinishedSpans()).toHaveLength(0);
    }
    expect(diagnostics.warn.length).toBe(4);

    const storage = new MemoryStorage();
    const page = installPage(storage);
    const first = await openPage(clock);
    first.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1' }));
    page.hide();
    clock.advance(5 * 3600);
    installPage(storage);
    const later = await openPage(clock);
    later.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1', action: 'resume' }));
    expect(later.spans.getFinishedSpans()).toHaveLength(0);
  });
});

/** A browser tab: one clock and one sessionStorage across its pages; `next()` opens the next page, `hide()` hides the current one. */
function openTab() {
  const clock = new TestClock();
  const storage = new MemoryStorage();
  let page: ReturnType<typeof installPage> | undefined;
  return {
    clock,
    async next() {
      page = installPage(storage);
      return openPage(clock);
    },
    hide: () => page!.hide(),
  };
}

describe('saved contacts and breaks the next page does not continue', () => {
  it('are saved up to 100, and only those over 100 are recorded at the page hide: none is recorded twice', async () => {
    const tab = openTab();
    const first = await tab.next();
    for (let i = 0; i <= 100; i++) first.cc.logIngestEvent('contact', minimalContact({ contact_id: `c${i}` }));
    tab.clock.advance(30);
    tab.hide();
    expect(await first.durations()).toEqual([[30, 1, 'page_hide']]); // the 101st, which was not saved

    const second = await tab.next();
    tab.clock.advance(30);
    for (let i = 0; i <= 100; i++) second.cc.logIngestEvent('contact', minimalContact({ contact_id: `c${i}`, action: 'end' }));
    expect(await second.durations()).toEqual([[60 * 100, 100, 'end']]);
  });

  it('are saved again when the page goes away before their next event, and go on on the page after', async () => {
    const tab = openTab();
    const first = await tab.next();
    first.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1' }));
    first.cc.logIngestEvent('break', minimalBreak());
    tab.clock.advance(10);
    tab.hide();

    const second = await tab.next();
    tab.clock.advance(10);
    tab.hide(); // no event for either on this page
    expect(await second.durations()).toEqual([]);
    expect(await second.breakDurations()).toEqual([]);

    const third = await tab.next();
    tab.clock.advance(10);
    third.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1', action: 'end' }));
    third.cc.logIngestEvent('break', minimalBreak({ action: 'end' }));
    expect(await third.durations()).toEqual([[30, 1, 'end']]);
    expect(await third.breakDurations()).toEqual([[30, 1, 'end']]);
    expect(third.spans.getFinishedSpans().map((s) => s.attributes['call_center.contact.segment'] ?? s.attributes['call_center.break.segment'])).toEqual([2, 2]);
  });

  it('are recorded as timed out when no event continues them within the timeout, at the timeout', async () => {
    const tab = openTab();
    const first = await tab.next();
    first.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1' }));
    first.cc.logIngestEvent('break', minimalBreak());
    tab.hide();

    const second = await tab.next();
    tab.clock.advance(4 * 3600 + 60);
    second.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c2' })); // any event sweeps
    expect(await second.durations()).toEqual([[4 * 3600, 1, 'timeout']]);
    expect(await second.breakDurations()).toEqual([[4 * 3600, 1, 'timeout']]);
    second.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1', action: 'end' })); // too late: nothing more
    expect(await second.durations()).toEqual([[4 * 3600, 1, 'timeout']]);
  });

  it('are recorded as timed out, at the first sweep, when the next page opens after the timeout', async () => {
    const tab = openTab();
    const first = await tab.next();
    first.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1' }));
    tab.hide();
    tab.clock.advance(5 * 3600);
    const later = await tab.next();
    later.cc.logIngestEvent('break', minimalBreak()); // the first sweep: the next event, or the timer
    expect(await later.durations()).toEqual([[4 * 3600, 1, 'timeout']]);
  });

  it('are recorded as ended by the disable when the last instance is disabled before their next event', async () => {
    const tab = openTab();
    const first = await tab.next();
    first.cc.logIngestEvent('contact', minimalContact({ contact_id: 'c1' }));
    tab.clock.advance(10);
    tab.hide();
    const second = await tab.next();
    tab.clock.advance(10);
    second.cc.disable();
    expect(await second.durations()).toEqual([[20, 1, 'disabled']]);
  });

  it('keep a break’s overrun: counted once when it ends on the next page, and on the continued span', async () => {
    const tab = openTab();
    const first = await tab.next();
    first.cc.logIngestEvent('break', minimalBreak({ total_time: 60 }));
    tab.clock.advance(90);
    first.cc.logIngestEvent('break', minimalBreak({ action: 'view', total_time: 60, consumed_time: 90 })); // overran
    tab.hide();
    expect(await first.overruns()).toBe(0); // it goes on

    const second = await tab.next();
    tab.clock.advance(10);
    second.cc.logIngestEvent('break', minimalBreak({ action: 'view', total_time: 60, consumed_time: 50 })); // a correction: no overrun in this event
    tab.clock.advance(10);
    second.cc.disable(); // the operator closes the app: the break is ended (disabled)
    expect(await second.overruns()).toBe(1);
    expect(second.spans.getFinishedSpans()[0]?.attributes['call_center.break.overrun']).toBe(true);
  });

  it('saved again and continued by the next page, are not recorded again by a page back from the back/forward cache', async () => {
    const clock = new TestClock();
    const storage = new MemoryStorage();
    const first = installPage(storage);
    const one = await openPage(clock);
    one.cc.logIngestEvent('contact', minimalContact({ contact_id: 'w' }));
    first.hide();
    const cached = installPage(storage);
    const two = await openPage(clock); // 'w' waits here
    clock.advance(10);
    cached.hide(true); // into the back/forward cache
    installPage(storage);
    const three = await openPage(clock);
    clock.advance(10);
    three.cc.logIngestEvent('contact', minimalContact({ contact_id: 'w', action: 'end' }));
    expect(await three.durations()).toEqual([[20, 1, 'end']]);
    cached.show(true); // back, hours later: storage has nothing for it any more
    clock.advance(5 * 3600);
    two.cc.logIngestEvent('contact', minimalContact({ contact_id: 'other' }));
    expect(await two.durations()).toEqual([]);
  });
});
