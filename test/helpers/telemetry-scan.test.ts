import { SeverityNumber, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { ATTR_CONTACT_ID, SPAN_CONTACT, SPAN_EVENT_CONTACT_PREFIX } from '../../src/index.js';
import { freeTextMarker } from './free-text-marker.ts';
import { ScannedSdk } from './scanned-sdk.ts';

const NOW = Date.UTC(2026, 0, 1);
const MARKER = freeTextMarker(7);

/** The fuzzer trusts a clean scan; these show the scan would have seen each kind of leak. */
describe('TelemetryScan', () => {
  it('finds a marker wherever it is exported: log body, attribute values and keys, span name, span and event attributes, event names, status, metric attributes', async () => {
    const sdk = new ScannedSdk(() => NOW);
    const logger = sdk.loggerProvider.getLogger('scan-test');
    logger.emit({ severityNumber: SeverityNumber.INFO, body: `contact ${MARKER}`, timestamp: NOW });
    logger.emit({ body: 'ok', timestamp: NOW, attributes: { 'a.value': MARKER, [`a.${MARKER}`]: 1, 'a.map': { nested: [MARKER] } } });
    const tracer = sdk.tracerProvider.getTracer('scan-test');
    const span = tracer.startSpan(MARKER, { startTime: new Date(NOW), attributes: { 's.value': MARKER } });
    span.addEvent(`${SPAN_EVENT_CONTACT_PREFIX}${MARKER}`, { 'e.value': MARKER }, new Date(NOW));
    span.setStatus({ code: SpanStatusCode.ERROR, message: MARKER });
    span.end(new Date(NOW));
    sdk.meterProvider.getMeter('scan-test').createCounter('c').add(1, { 'm.value': MARKER });
    await sdk.collectMetrics();

    const { counts, places } = sdk.scan.findings;
    expect(places.marker).toEqual({
      'log body': 1,
      'log attribute a.value': 1,
      'log attribute key': 1,
      'log attribute a.map': 1,
      'span name': 1,
      'span attribute s.value': 1,
      'span event name': 1,
      'span event attribute e.value': 1,
      'span status message': 1,
      'metric c attribute m.value': 1,
    });
    expect(counts).toEqual({ 'marker': 10, 'invalid-value': 0, 'overlong-string': 0, 'time-out-of-bounds': 0 });
    expect([sdk.scan.logRecords, sdk.scan.spans, sdk.spansStarted]).toEqual([2, 1, 1]);
    await sdk.shutdown();
  });

  it('finds strings over 4096 characters, values OTLP cannot carry, and times before 1970 or past now + 5 min', async () => {
    const sdk = new ScannedSdk(() => NOW);
    const logger = sdk.loggerProvider.getLogger('scan-test');
    logger.emit({ body: 'ok', timestamp: NOW, attributes: { 'at.limit': 'x'.repeat(4096), 'over': 'x'.repeat(4097) } });
    logger.emit({ body: 'ok', timestamp: NOW, attributes: { 'nan': NaN, 'list': [1, -Infinity] } });
    logger.emit({ body: 'ok', timestamp: NOW + 300_000 });
    logger.emit({ body: 'ok', timestamp: NOW + 301_000 });
    logger.emit({ body: 'ok', timestamp: new Date(-1000) });
    await Promise.resolve();

    const { counts, places } = sdk.scan.findings;
    expect(places['overlong-string']).toEqual({ 'log attribute over': 1 });
    expect(places['invalid-value']).toEqual({ 'log attribute nan': 1, 'log attribute list': 1 });
    expect(counts['time-out-of-bounds']).toBe(2);
    expect(counts.marker).toBe(0);
    await sdk.shutdown();
  });

  it('finds nothing in clean telemetry', async () => {
    const sdk = new ScannedSdk(() => NOW);
    sdk.loggerProvider.getLogger('scan-test').emit({ body: 'contact attend (call, emergency)', timestamp: NOW, attributes: { [ATTR_CONTACT_ID]: 'c1' } });
    const span = sdk.tracerProvider.getTracer('scan-test').startSpan(SPAN_CONTACT, { startTime: new Date(NOW) });
    span.addEvent(`${SPAN_EVENT_CONTACT_PREFIX}pause`, {}, new Date(NOW));
    span.end(new Date(NOW));
    await sdk.collectMetrics();

    expect(sdk.scan.findings.counts).toEqual({ 'marker': 0, 'invalid-value': 0, 'overlong-string': 0, 'time-out-of-bounds': 0 });
    await sdk.shutdown();
  });
});
