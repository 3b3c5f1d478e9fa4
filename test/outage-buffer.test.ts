import { diag, DiagLogLevel } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { OutageBuffer } from '../examples/node/outage-buffer.js';
import { CallCenterInstrumentation } from '../src/index.js';
import { minimalContact } from './helpers/events.js';

/** An exporter that is down (fails every export) until `up` is set, and may take its time. */
class Backend implements LogRecordExporter {
  up = false;
  delayMs = 0;
  received: string[] = [];
  calls = 0;
  export(records: ReadableLogRecord[], done: (r: ExportResult) => void): void {
    this.calls++;
    setTimeout(() => {
      if (!this.up) return done({ code: ExportResultCode.FAILED, error: new Error('ECONNREFUSED') });
      for (const r of records) this.received.push(String(r.attributes['call_center.contact.id']));
      done({ code: ExportResultCode.SUCCESS });
    }, this.delayMs);
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

const warnings: string[] = [];
afterEach(() => {
  diag.disable();
  warnings.length = 0;
});

function setup(backend: Backend, maxBufferedItems: number) {
  diag.setLogger({ warn: (m: string) => void warnings.push(m), error: () => {}, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
  const buffer = new OutageBuffer(backend, { maxBufferedItems, retryIntervalMs: 20, name: 'logs' });
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
    expect(warnings.some((w) => w.includes('export failed'))).toBe(true);
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
    expect(warnings.some((w) => /buffer full \(1000 items\): dropped \d+ oldest/.test(w))).toBe(true);
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
    expect(warnings.some((w) => w.includes('dropped'))).toBe(true);
    backend.delayMs = 0;
    await provider.shutdown();
  });
});
