// Two instances on one MeterProvider (double registration, or a hot reload
// where the old instance is disabled): the observable instruments of both
// share one SDK storage, and their observations of the same series do not add up.
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type MetricData } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { CallCenter, CallCenterInstrumentation } from '../src/index.js';
import { minimalContact } from './helpers/events.js';
import { counterValue } from './helpers/otel.js';

const reader = () => new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE), exportIntervalMillis: 3_600_000 });
const made: CallCenterInstrumentation[] = [];
afterEach(() => {
  for (const i of made.splice(0)) i.disable();
});

function setup() {
  const r = reader();
  const meterProvider = new MeterProvider({ readers: [r] });
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: new InMemorySpanExporter() })] });
  const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: new InMemoryLogRecordExporter() })] });
  const instance = () => {
    const i = new CallCenterInstrumentation();
    i.setMeterProvider(meterProvider);
    i.setTracerProvider(tracerProvider);
    i.setLoggerProvider(loggerProvider);
    made.push(i);
    return i;
  };
  const collect = async () => {
    const { resourceMetrics } = await r.collect();
    const byName = new Map<string, MetricData>();
    for (const s of resourceMetrics.scopeMetrics) for (const m of s.metrics) byName.set(m.descriptor.name, m);
    return byName;
  };
  return { instance, collect };
}

describe('two instances on one meter provider', () => {
  it('count every accepted event in call_center.events after a hot reload (old instance disabled)', async () => {
    const { instance, collect } = setup();
    const old = instance();
    for (let i = 0; i < 3; i++) CallCenter.logIngestEvent('contact', minimalContact({ contact_id: `a${i}` }));
    expect(counterValue((await collect()).get('call_center.events'), { 'call_center.event.action': 'attend' })).toBe(3);
    // Hot reload: the new instance is enabled, the old one disabled.
    instance();
    old.disable();
    for (let i = 0; i < 2; i++) CallCenter.logIngestEvent('contact', minimalContact({ contact_id: `b${i}` }));
    // 5 attends were accepted in all; a cumulative counter never goes down.
    expect(counterValue((await collect()).get('call_center.events'), { 'call_center.event.action': 'attend' })).toBe(5);
  });

  it('count every open contact in call_center.contacts.active with a double registration', async () => {
    const { instance, collect } = setup();
    instance();
    CallCenter.logIngestEvent('contact', minimalContact({ contact_id: 'a' }));
    instance(); // a second registration takes over the facade; the first stays enabled
    CallCenter.logIngestEvent('contact', minimalContact({ contact_id: 'b' }));
    expect(counterValue((await collect()).get('call_center.contacts.active'))).toBe(2);
  });
});
