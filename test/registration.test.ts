import { logs, metrics, trace } from '@opentelemetry/api';
import { registerInstrumentations, type Instrumentation } from '@opentelemetry/instrumentation';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemoryLogRecordExporter, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, InMemoryMetricExporter, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { CallCenter, CallCenterEventType, CallCenterInstrumentation, INSTRUMENTATION_SCOPE, VERSION } from '../src/index.js';
import { minimalContact } from './helpers/events.js';
import { counterValue, createHarness } from './helpers/otel.js';

afterEach(() => {
  trace.disable();
  logs.disable();
  metrics.disable();
});

describe('registration', () => {
  it('is an OpenTelemetry Instrumentation', () => {
    const instrumentation: Instrumentation = new CallCenterInstrumentation({ enabled: false });
    expect(instrumentation.instrumentationName).toBe('@kenkai/instrumentation-call-center');
    expect(instrumentation.instrumentationVersion).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
  });

  it('delivers records through registerInstrumentations with explicit providers', async () => {
    const h = createHarness({ enabled: false });
    expect(h.instrumentation.isEnabled()).toBe(true); // registerInstrumentations enables it, as for every instrumentation
    CallCenter.logIngestEvent(CallCenterEventType.Contact, minimalContact());
    const [record] = h.records();
    expect(record?.instrumentationScope).toMatchObject({ name: INSTRUMENTATION_SCOPE, version: VERSION });
    expect(counterValue((await h.collectMetrics()).get('call_center.events'))).toBe(1);
    await h.shutdown();
    expect(h.instrumentation.isEnabled()).toBe(false);
  });

  it('delivers records through registerInstrumentations with the global providers', async () => {
    const h = createHarness();
    trace.setGlobalTracerProvider(h.tracerProvider);
    logs.setGlobalLoggerProvider(h.loggerProvider);
    metrics.setGlobalMeterProvider(h.meterProvider);
    const instrumentation = new CallCenterInstrumentation();
    const unregister = registerInstrumentations({ instrumentations: [instrumentation] });
    instrumentation.logIngestEvent(CallCenterEventType.Contact, minimalContact({ contact_id: 'global' }));
    expect(h.records().map((r) => r.attributes['call_center.contact.id'])).toEqual(['global']);
    expect(counterValue((await h.collectMetrics()).get('call_center.events'))).toBe(1);
    unregister();
    await h.shutdown();
  });

  it('delivers records, metrics and the service resource under NodeSDK', async () => {
    const spans = new InMemorySpanExporter();
    const logExporter = new InMemoryLogRecordExporter();
    const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
    const instrumentation = new CallCenterInstrumentation({ operator: { id: 'op-1' } });
    const sdk = new NodeSDK({
      serviceName: 'call-center-relay',
      autoDetectResources: false,
      spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
      logRecordProcessors: [new SimpleLogRecordProcessor({ exporter: logExporter })],
      metricReaders: [reader],
      instrumentations: [instrumentation],
    });
    sdk.start();
    try {
      expect(CallCenter.logIngestEvent(CallCenterEventType.Contact, minimalContact())).toEqual({ ok: true });
      await reader.forceFlush();
      const [record] = logExporter.getFinishedLogRecords();
      expect(record?.eventName).toBe('call_center.contact');
      expect(record?.resource.attributes['service.name']).toBe('call-center-relay');
      expect(record?.attributes['call_center.operator.id']).toBe('op-1');
      const names = metricExporter
        .getMetrics()
        .at(-1)
        ?.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.descriptor.name));
      expect(names).toContain('call_center.events');
    } finally {
      await sdk.shutdown();
    }
  });
});
