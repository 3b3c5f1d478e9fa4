import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, InstrumentType } from '@opentelemetry/sdk-metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutageBuffer } from '../../../examples/node/outage-buffer.js';
import { CallCenterInstrumentation } from '../../../src/index.js';
import { captureDiag, type DiagCapture } from '../../helpers/diag.js';
import { minimalContact } from '../../helpers/events.js';
import { logRecordsWithBodies, startOtlpEndpoint, type OtlpEndpoint } from '../../helpers/otlp-endpoint.js';

/** An exporter that is down (fails every export) until `up` is set, and may take its time. */
class Backend implements LogRecordExporter {
  up = false;
  delayMs = 0;
  received: string[] = [];
  calls = 0;
  export(records: ReadableLogRecord[], done: (r: ExportResult) => void): void {
    this.calls++;
    setTimeout(() => {
      if (!this.up) return done({ code: ExportResultCode.FAILED, error: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      for (const r of records) this.received.push(String(r.attributes['call_center.contact.id']));
      done({ code: ExportResultCode.SUCCESS });
    }, this.delayMs);
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

let diag: DiagCapture;
beforeEach(() => {
  diag = captureDiag();
});
afterEach(() => diag.stop());

function setup(backend: Backend, maxBufferedItems: number) {
  const buffer = new OutageBuffer(backend, { maxBufferedItems, retryIntervalMs: 20, maxRetryIntervalMs: 20, name: 'logs' });
  const provider = new LoggerProvider({ processors: [new BatchLogRecordProcessor({ exporter: buffer, maxQueueSize: 2048, scheduledDelayMillis: 10 })] });
  const cc = new CallCenterInstrumentation();
  cc.setLoggerProvider(provider);
  return { buffer, provider, cc };
}

const burst = (cc: CallCenterInstrumentation, from: number, count: number) => {
  for (let i = from; i < from + count; i++) cc.logIngestEvent('contact', minimalContact({ contact_id: `c${i}`, action: 'view' }));
};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OutageBuffer (examples/node)', () => {
  it('keeps what a down collector refused and delivers it in order once it is back', async () => {
    const backend = new Backend();
    const { buffer, provider, cc } = setup(backend, 100_000);
    for (let round = 0; round < 10; round++) {
      burst(cc, round * 500, 500);
      await tick(15);
    }
    expect(backend.received).toHaveLength(0);
    expect(buffer.buffered).toBe(5000);
    backend.up = true;
    await provider.forceFlush();
    await buffer.forceFlush();
    expect(backend.received).toEqual(Array.from({ length: 5000 }, (_, i) => `c${i}`));
    expect(buffer.dropped).toBe(0);
    expect(diag.warn.some((w) => w.includes('export failed'))).toBe(true);
    await provider.shutdown();
  });

  it('drops oldest first past its bound, counts it and says so through diag', async () => {
    const backend = new Backend();
    const { buffer, provider, cc } = setup(backend, 1000);
    for (let round = 0; round < 6; round++) {
      burst(cc, round * 500, 500);
      await tick(15);
    }
    expect(buffer.buffered).toBeLessThanOrEqual(1000);
    expect(buffer.dropped + buffer.buffered).toBe(3000);
    expect(diag.warn.some((w) => /buffer full \(1000 items\): dropped \d+ oldest/.test(w))).toBe(true);
    backend.up = true;
    await buffer.forceFlush();
    expect(backend.received.at(-1)).toBe('c2999');
    expect(backend.received.length + buffer.dropped).toBe(3000);
    await provider.shutdown();
  });

  it('with a collector taking a second per batch, never blocks logIngestEvent nor grows without bound', async () => {
    const backend = new Backend();
    backend.up = true;
    backend.delayMs = 1000;
    const { buffer, provider, cc } = setup(backend, 20_000);
    let slowest = 0;
    for (let round = 0; round < 20; round++) {
      const t = performance.now();
      burst(cc, round * 2500, 2500);
      slowest = Math.max(slowest, (performance.now() - t) / 2500);
      await tick(25);
      expect(buffer.buffered).toBeLessThanOrEqual(20_000);
    }
    // 50 000 events in about half a second of wall time: each call stayed in microseconds.
    expect(slowest).toBeLessThan(0.2);
    expect(backend.calls).toBeLessThan(5); // one batch in flight at a time, a second each
    expect(buffer.dropped).toBeGreaterThan(0);
    expect(diag.warn.some((w) => w.includes('dropped'))).toBe(true);
    backend.delayMs = 0;
    await provider.shutdown();
  });

  it('wrapping a metric exporter keeps its temporality and aggregation (a PeriodicExportingMetricReader asks the exporter)', async () => {
    const delta = new OTLPMetricExporter({ temporalityPreference: AggregationTemporality.DELTA });
    const buffer = new OutageBuffer(delta, { name: 'metrics' });
    expect(buffer.selectAggregationTemporality?.(InstrumentType.COUNTER)).toBe(AggregationTemporality.DELTA);
    expect(buffer.selectAggregation?.(InstrumentType.HISTOGRAM)).toEqual(delta.selectAggregation(InstrumentType.HISTOGRAM));
    await buffer.shutdown();
  });
});

/** `count` batches of `size` real log records; batch i holds the bodies `b<i>-0` … `b<i>-<size-1>`. */
function batches(count: number, size: number): Array<{ bodies: string[]; records: ReadableLogRecord[] }> {
  return Array.from({ length: count }, (_, i) => {
    const bodies = Array.from({ length: size }, (_, j) => `b${i}-${j}`);
    return { bodies, records: logRecordsWithBodies(bodies) };
  });
}

/** The real OTLP/JSON exporter, with a short time-out so that its own retries give up at once. */
const otlpTo = (endpoint: OtlpEndpoint) => new OTLPLogExporter({ url: endpoint.url, timeoutMillis: 500 });

/** Milliseconds between one time and the next. */
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('OutageBuffer: what the collector refuses and what it cannot take now (real OTLPLogExporter)', () => {
  let endpoint: OtlpEndpoint;
  beforeEach(async () => {
    endpoint = await startOtlpEndpoint();
  });
  afterEach(() => endpoint.close());

  it.each([
    [400, 'Bad Request'],
    [413, 'Payload Too Large'],
  ])('drops a batch refused with %i at once, counts it, says so, and delivers the batches behind it', async (status, text) => {
    endpoint.answer = (bodies) => (bodies.includes('b1-0') ? status : 200);
    const buffer = new OutageBuffer(otlpTo(endpoint), { name: 'logs', retryIntervalMs: 50 });
    const sent = batches(4, 5);

    for (const { records } of sent) buffer.export(records, () => {});
    await buffer.forceFlush(3_000);

    expect(endpoint.accepted()).toEqual([...sent[0]!.bodies, ...sent[2]!.bodies, ...sent[3]!.bodies]);
    expect(
      endpoint.requests.map((r) => r.status),
      'statuses, in order: the refused batch is sent once',
    ).toEqual([200, status, 200, 200]);
    expect({ refused: buffer.refused, dropped: buffer.dropped, buffered: buffer.buffered, delivered: buffer.delivered }).toEqual({
      refused: 5,
      dropped: 0,
      buffered: 0,
      delivered: 15,
    });
    expect(diag.warn).toEqual([`logs: the collector refused a batch of 5 items (HTTP ${status} ${text}): dropped it, sending what follows (5 refused in all)`]);
    await buffer.shutdown();
  });

  it('keeps a batch the collector cannot take now (503), retries it with growing delays, and delivers it and those behind it in order', async () => {
    let unavailable = 4;
    endpoint.answer = (bodies) => (bodies.includes('b1-0') && unavailable-- > 0 ? 503 : 200);
    const buffer = new OutageBuffer(otlpTo(endpoint), { name: 'logs', retryIntervalMs: 40, random: () => 1 });
    const sent = batches(4, 5);

    for (const { records } of sent) buffer.export(records, () => {});
    await vi.waitFor(() => expect(endpoint.accepted()).toHaveLength(20), { timeout: 5_000, interval: 20 });

    expect(endpoint.accepted()).toEqual(sent.flatMap((b) => b.bodies));
    expect(
      endpoint.requests.map((r) => r.status),
      'nothing overtakes the batch being retried',
    ).toEqual([200, 503, 503, 503, 503, 200, 200, 200]);
    const waits = gaps(endpoint.requests.filter((r) => r.bodies.includes('b1-0')).map((r) => r.at));
    // 40 ms doubling (random 1 keeps the whole delay); a timer may fire a millisecond early.
    for (const [i, least] of [40, 80, 160, 320].entries()) expect(waits[i], `wait before retry ${i + 1}`).toBeGreaterThanOrEqual(least - 2);
    expect({ failures: buffer.failures, refused: buffer.refused, dropped: buffer.dropped }).toEqual({ failures: 4, refused: 0, dropped: 0 });
    await buffer.shutdown();
  });

  it('keeps batches while the collector cannot be reached, retries with growing delays, and delivers them in order once it is back', async () => {
    await endpoint.close();
    const failedAt: number[] = [];
    // The jitter is drawn once per failure: the spy tells when each failure came back.
    const random = () => {
      failedAt.push(performance.now());
      return 1;
    };
    const buffer = new OutageBuffer(otlpTo(endpoint), { name: 'logs', retryIntervalMs: 40, random });
    const sent = batches(3, 5);

    for (const { records } of sent) buffer.export(records, () => {});
    await vi.waitFor(() => expect(failedAt.length, 'failed attempts').toBeGreaterThanOrEqual(4), { timeout: 5_000, interval: 20 });
    await endpoint.listen();
    await vi.waitFor(() => expect(endpoint.accepted()).toHaveLength(15), { timeout: 5_000, interval: 20 });
    // The collector has the last batch before the buffer has its answer and counts it delivered.
    await buffer.forceFlush(3_000);

    expect(endpoint.accepted()).toEqual(sent.flatMap((b) => b.bodies));
    for (const [i, least] of [40, 80, 160].entries()) expect(gaps(failedAt)[i], `wait before retry ${i + 1}`).toBeGreaterThanOrEqual(least - 2);
    expect(buffer.lastFailure).toMatchObject({ kind: 'unreachable' });
    expect(diag.warn[0]).toMatch(/^logs: export failed \(collector unreachable: connect ECONNREFUSED 127\.0\.0\.1:\d+\); keeping 15 items, next retry in 40 ms$/);
    expect({ refused: buffer.refused, dropped: buffer.dropped, delivered: buffer.delivered }).toEqual({ refused: 0, dropped: 0, delivered: 15 });
    await buffer.shutdown();
  });

  it('drops a batch the exporter cannot serialise (it throws), counts it, and delivers the batches behind it', async () => {
    const buffer = new OutageBuffer(otlpTo(endpoint), { name: 'logs' });
    const [before, after] = batches(2, 3);
    const unserialisable = logRecordsWithBodies(['nan-0', 'nan-1'], Number.NaN); // BigInt(NaN) throws in the JSON serializer

    for (const records of [before!.records, unserialisable, after!.records]) buffer.export(records, () => {});
    await buffer.forceFlush(3_000);

    expect(endpoint.accepted()).toEqual([...before!.bodies, ...after!.bodies]);
    expect(buffer.refused).toBe(2);
    expect(diag.warn).toEqual([
      expect.stringMatching(/^logs: could not serialise a batch of 2 items \(RangeError: .*BigInt.*\): dropped it, sending what follows \(2 refused in all\)$/),
    ]);
    await buffer.shutdown();
  });

  it('forceFlush with the collector unreachable costs at most one attempt per retry interval, not a wait for the collector, and keeps the data', async () => {
    await endpoint.close();
    const buffer = new OutageBuffer(otlpTo(endpoint), { name: 'logs', retryIntervalMs: 1_000, random: () => 1 });
    const [first, second] = batches(2, 5);
    buffer.export(first!.records, () => {});
    await vi.waitFor(() => expect(buffer.failures).toBe(1), { timeout: 5_000, interval: 20 });
    buffer.export(second!.records, () => {});

    // As a batch processor's flush calls it: once per batch, right after the attempt that failed.
    const began = performance.now();
    await buffer.forceFlush();
    await buffer.forceFlush();
    const took = performance.now() - began;

    expect(took, 'one attempt (of at most 500 ms) for the first flush, none for the second').toBeLessThan(1_000);
    expect({ failures: buffer.failures, buffered: buffer.buffered, dropped: buffer.dropped }).toEqual({ failures: 2, buffered: 10, dropped: 0 });
    await endpoint.listen();
    // Kept, and delivered in order once the collector is back (by the next retry, or a flush).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await buffer.forceFlush();
    await vi.waitFor(() => expect(endpoint.accepted()).toEqual([...first!.bodies, ...second!.bodies]), { timeout: 5_000, interval: 20 });
    await buffer.shutdown();
  });

  it('shuts down within shutdownTimeoutMs plus one attempt whatever the number of batches the processor flushes first (found in review)', async () => {
    await endpoint.close();
    const exporterTimeoutMs = 2_000;
    const buffer = new OutageBuffer(new OTLPLogExporter({ url: endpoint.url, timeoutMillis: exporterTimeoutMs }), { name: 'logs', shutdownTimeoutMs: 1_000 });
    const provider = new LoggerProvider({
      processors: [new BatchLogRecordProcessor({ exporter: buffer, maxQueueSize: 20_000, maxExportBatchSize: 512, scheduledDelayMillis: 500 })],
    });
    const logger = provider.getLogger('test');
    // What the last moments before SIGTERM left in the processor's queue: 4 batches of 512.
    for (let i = 0; i < 4 * 512; i++) logger.emit({ body: `r${i}` });
    const began = performance.now();
    await provider.shutdown();
    const took = performance.now() - began;
    expect(buffer.dropped).toBe(4 * 512);
    // The window, one attempt in flight when it closes (the exporter retries a refused connection for most of its time-out), and slack.
    expect(took).toBeLessThan(1_000 + exporterTimeoutMs + 1_000);
  }, 30_000);

  it('after a long outage, retries within the shutdown window rather than sleeping through it on the outage backoff (found in review)', async () => {
    const backend = new Backend();
    backend.delayMs = 5;
    // The defaults (1 s doubling to 30 s, a 10 s window) scaled down by 10.
    const buffer = new OutageBuffer(backend, { retryIntervalMs: 100, maxRetryIntervalMs: 3_000, shutdownTimeoutMs: 1_000, random: () => 1 });
    buffer.export(batches(1, 3)[0]!.records, () => {});
    await tick(1_600); // failures at 0, 0.1, 0.3, 0.7, 1.5 s
    expect(buffer.failures).toBe(5);
    const shutdown = buffer.shutdown(); // one attempt now, the collector still down
    await tick(50);
    backend.up = true; // back 50 ms into the window
    await shutdown;
    expect({ received: backend.received.length, dropped: buffer.dropped }).toEqual({ received: 3, dropped: 0 });
  });

  it('shuts down within shutdownTimeoutMs with the collector unreachable, counting what it drops', async () => {
    await endpoint.close();
    const buffer = new OutageBuffer(otlpTo(endpoint), { name: 'logs', retryIntervalMs: 50, shutdownTimeoutMs: 300 });
    for (const { records } of batches(2, 5)) buffer.export(records, () => {});

    const began = performance.now();
    await buffer.shutdown();
    const took = performance.now() - began;

    // The window, plus one export attempt in flight (its time-out is 500 ms).
    expect(took).toBeLessThan(300 + 500 + 200);
    expect({ dropped: buffer.dropped, buffered: buffer.buffered, delivered: buffer.delivered }).toEqual({ dropped: 10, buffered: 0, delivered: 0 });
    expect(diag.warn.at(-1)).toBe('logs: shut down with the collector unreachable: dropped 10 items (10 in all)');
  });
});
