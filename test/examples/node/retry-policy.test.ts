import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyExportFailure, isRetryable, retryDelayMs, type ExportFailure } from '../../../examples/node/retry-policy.js';
import { logRecordsWithBodies, startOtlpEndpoint, type OtlpEndpoint } from '../../helpers/otlp-endpoint.js';

/** What the real OTLP/HTTP exporter (SDK 0.301) reports, or throws, for one export of `records`, classified. */
async function classifiedExport(url: string, records: ReadableLogRecord[]): Promise<ExportFailure | 'delivered'> {
  // A short time-out: the exporter's own retries (of 429, 502-504, network errors) give up at once.
  const exporter = new OTLPLogExporter({ url, timeoutMillis: 300 });
  try {
    const result = await new Promise<ExportResult>((resolve) => exporter.export(records, resolve));
    return result.code === ExportResultCode.SUCCESS ? 'delivered' : classifyExportFailure(result.error);
  } catch (error) {
    return classifyExportFailure(error, { thrown: true });
  } finally {
    await exporter.shutdown();
  }
}

describe('classifyExportFailure, on what the real OTLPLogExporter reports', () => {
  let endpoint: OtlpEndpoint;
  let status = 200;
  beforeAll(async () => {
    endpoint = await startOtlpEndpoint();
    endpoint.answer = () => status;
  });
  afterAll(() => endpoint.close());
  const records = logRecordsWithBodies(['one']);

  it.each([
    [400, 'Bad Request'],
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
    [404, 'Not Found'],
    [408, 'Request Timeout'],
    [413, 'Payload Too Large'],
    [422, 'Unprocessable Entity'],
    // The OTLP/HTTP specification retries 429, 502, 503 and 504 only; the collector answers 500 for a permanent error.
    [500, 'Internal Server Error'],
    [501, 'Not Implemented'],
  ])('%i: refused, with its status (not retried)', async (code, text) => {
    status = code;
    const failure = await classifiedExport(endpoint.url, records);
    expect(failure).toEqual({ kind: 'refused', status: code, message: text });
    expect(isRetryable(failure as ExportFailure)).toBe(false);
  });

  it.each([429, 502, 503, 504])('%i, should an exporter pass it on: unavailable for now, with its status (retried)', (code) => {
    const failure = classifyExportFailure(Object.assign(new Error('Service Unavailable'), { name: 'OTLPExporterError', code }));
    expect(failure).toMatchObject({ kind: 'unavailable', status: code });
    expect(isRetryable(failure)).toBe(true);
  });

  it.each([429, 502, 503, 504])('%i: unavailable for now (retried); the exporter does not pass this status on', async (code) => {
    status = code;
    const failure = await classifiedExport(endpoint.url, records);
    expect(failure).toEqual({ kind: 'unavailable', message: 'Export failed with retryable status' });
    expect(isRetryable(failure as ExportFailure)).toBe(true);
  });

  it('nothing listening: unreachable (retried)', async () => {
    const closed = await startOtlpEndpoint();
    await closed.close();
    const failure = await classifiedExport(closed.url, records);
    expect(failure).toEqual({ kind: 'unreachable', message: expect.stringMatching(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/) });
    expect(isRetryable(failure as ExportFailure)).toBe(true);
  });

  it('a record the exporter cannot serialise (a NaN time, thrown from export()): unserialisable (not retried)', async () => {
    const failure = await classifiedExport(endpoint.url, logRecordsWithBodies(['nan'], Number.NaN));
    expect(failure).toMatchObject({ kind: 'unserialisable', message: expect.stringMatching(/^RangeError: .*BigInt/) });
    expect(isRetryable(failure as ExportFailure)).toBe(false);
  });

  it('the shapes it has no rule for are kept for a retry, never refused', () => {
    expect(classifyExportFailure(new Error('Request timed out'))).toEqual({ kind: 'unreachable', message: 'Request timed out' });
    expect(classifyExportFailure(new Error('Nothing to send'))).toEqual({ kind: 'unserialisable', message: 'Nothing to send' });
    expect(classifyExportFailure(new Error('Concurrent export limit reached'))).toEqual({ kind: 'unavailable', message: 'Concurrent export limit reached' });
    expect(classifyExportFailure(undefined)).toEqual({ kind: 'unavailable', message: 'undefined' });
  });
});

describe('retryDelayMs', () => {
  const backoff = (random: number) => ({ initialMs: 1_000, maxMs: 30_000, random: () => random });

  it('doubles from the first wait up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 100, 10_000].map((n) => retryDelayMs(n, backoff(1)))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('draws each wait between half and all of it: below the cap, a wait is never shorter than the one before could be', () => {
    expect([1, 2, 3, 6].map((n) => retryDelayMs(n, backoff(0)))).toEqual([500, 1_000, 2_000, 15_000]);
    expect([1, 2, 3, 6].map((n) => retryDelayMs(n, backoff(0.5)))).toEqual([750, 1_500, 3_000, 22_500]);
    for (let n = 1; n <= 4; n++) expect(retryDelayMs(n + 1, backoff(0))).toBeGreaterThanOrEqual(retryDelayMs(n, backoff(0.999)));
  });
});
