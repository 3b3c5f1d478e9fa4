import { logs, type AnyValue } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { LoggerProvider, SimpleLogRecordProcessor, type LogRecordExporter, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader, AggregationTemporality, InMemoryMetricExporter } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CallCenterInstrumentation, CallCenterValidationError, SENSITIVE_ATTRIBUTES } from '../src/index.js';
import { BREAK_ACTIONS, BREAK_TYPES, CONTACT_ACTIONS, CONTACT_CHANNELS, CONTACT_TYPES } from '../src/events/enums.js';
import { counterValue } from './helpers/otel.js';

const RUNS = 100_000;

/** A value every OTLP exporter can serialise: what the plugin promises to hand the SDK. */
function validAnyValue(value: AnyValue, depth = 0): boolean {
  if (depth > 20) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (value instanceof Uint8Array) return true;
  if (Array.isArray(value)) return value.every((v) => validAnyValue(v, depth + 1));
  if (typeof value === "object" && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    return Object.values(value as Record<string, AnyValue>).every((v) => validAnyValue(v, depth + 1));
  }
  return false;
}

/** Checks everything the SDK hands it, counts and forgets it (100 000 events would not fit otherwise). */
class CheckingExporter implements LogRecordExporter, SpanExporter {
  records = 0;
  spans = 0;
  bad: string[] = [];
  check(where: string, attributes: Record<string, AnyValue>) {
    for (const [key, value] of Object.entries(attributes)) if (!validAnyValue(value)) this.bad.push(`${where} ${key} ${String(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `BIGINT ${v}` : v)))?.slice(0, 200)} ${Object.prototype.toString.call(value)}`);
  }
  export(items: ReadableLogRecord[] | ReadableSpan[], done: (r: ExportResult) => void): void {
    for (const item of items) {
      if ('hrTimeObserved' in item) {
        this.records++;
        this.check('log', item.attributes);
        if (typeof item.body !== 'string') this.bad.push('log body');
      } else {
        this.spans++;
        this.check('span', item.attributes);
        for (const e of item.events) this.check(`event ${e.name}`, e.attributes ?? {});
      }
    }
    done({ code: ExportResultCode.SUCCESS });
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

const hostile = fc.constantFrom<unknown>(
  undefined, null, NaN, Infinity, -Infinity, 1.5, -0, 2 ** 60, '', 'x'.repeat(10_000), true, 'true', [], {}, [1, 'a'],
  Symbol('s'), 10n, () => 1, new Date(0), new Date('invalid'),
);
const weirdMeta = fc.constantFrom<unknown>(
  (() => { const o: Record<string, unknown> = { a: 1 }; o.self = o; return o; })(),
  { deep: JSON.parse('{"a":'.repeat(50) + '1' + '}'.repeat(50)) },
  { big: 2n ** 80n, f: () => 1, s: Symbol('x'), d: new Date(0), u: undefined, n: NaN },
  Object.defineProperty({}, 'boom', { enumerable: true, get() { throw new Error('getter'); } }),
  new Proxy({}, { ownKeys() { throw new Error('trap'); } }),
  JSON.parse('{"__proto__": {"polluted": true}}'),
  new Map([['k', new Set([1])]]),
  'x'.repeat(100_000),
);

function valid(type: 'break' | 'contact' | 'ops_scorecard') {
  const str = fc.string({ maxLength: 12 });
  const num = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
  if (type === 'break') {
    return fc.record({ type: fc.constantFrom(...BREAK_TYPES), action: fc.constantFrom(...BREAK_ACTIONS), total_time: num, consumed_time: num, sub_type: str }, { requiredKeys: ['type', 'action', 'total_time', 'consumed_time'] });
  }
  if (type === 'ops_scorecard') {
    return fc.record({ audit_count: fc.integer(), performance_group: str, quality_score: num, fatal_calls: fc.nat(), remarks: str }, { requiredKeys: ['audit_count', 'performance_group'] });
  }
  return fc.record(
    {
      contact_id: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
      action: fc.constantFrom(...CONTACT_ACTIONS),
      contact_type: fc.constantFrom(...CONTACT_TYPES),
      contact_channel: fc.constantFrom(...CONTACT_CHANNELS),
      transfer_id: str,
      contact_start_time: fc.constantFrom('2025-01-01T12:00:27.87+02:00', '2025-06-30T23:59:59Z'),
      contact_duration: num,
      contact_phone_id: str,
      contact_summary: str,
      contact_is_priority: fc.boolean(),
    },
    { requiredKeys: ['contact_id', 'action', 'contact_type', 'contact_channel', 'transfer_id'] },
  );
}

/** Valid events of every type, mutated: fields deleted or replaced by hostile values, unknown fields, odd meta. */
const mutated = fc
  .constantFrom('break' as const, 'contact' as const, 'ops_scorecard' as const)
  .chain((type) =>
    fc.tuple(
      fc.constant<unknown>(type),
      valid(type),
      fc.array(fc.tuple(fc.constantFrom('type', 'action', 'total_time', 'contact_id', 'transfer_id', 'audit_count', 'contact_start_time', 'meta', 'unknown_field', 'performance_group'), fc.oneof(hostile, weirdMeta)), { maxLength: 2 }),
      fc.boolean(),
    ),
  )
  .map(([type, event, mutations, swapType]) => {
    const out: Record<string, unknown> = { ...event };
    for (const [field, value] of mutations) {
      if (value === undefined) delete out[field];
      else out[field] = value;
    }
    return { type: swapType ? fc.sample(fc.oneof(fc.constant<unknown>('lunch'), hostile), 1)[0] : type, event: out as unknown };
  });

describe(`fuzzing: ${RUNS} generated and mutated events`, () => {
  const exporter = new CheckingExporter();
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const keepAll = Object.fromEntries(SENSITIVE_ATTRIBUTES.map((n) => [n, 'keep' as const]));
  const report = new CallCenterInstrumentation({ operator: { id: 'op-1' }, privacy: { fields: keepAll } });
  const strict = new CallCenterInstrumentation({ validation: 'strict' });
  for (const i of [report, strict]) {
    i.setTracerProvider(tracerProvider);
    i.setLoggerProvider(loggerProvider);
    i.setMeterProvider(meterProvider);
  }
  strict.disable(); // validates in strict mode, emits nothing: the report instance's counts stay exact
  afterAll(async () => {
    report.disable();
    await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown(), meterProvider.shutdown()]);
    logs.disable();
  });

  it('report mode never throws, strict mode throws only CallCenterValidationError, every accepted event is one valid log record, every rejected one is counted once', async () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(mutated, ({ type, event }) => {
        const result = report.logIngestEvent(type as never, event as never);
        if (result.ok) accepted++;
        else {
          rejected++;
          expect(result.error).toBeInstanceOf(CallCenterValidationError);
          // An internal error is a bug of the instrumentation's, never the event's fault.
          expect(result.error.reason).not.toBe('internal_error');
        }
        try {
          strict.logIngestEvent(type as never, event as never);
        } catch (error) {
          expect(error).toBeInstanceOf(CallCenterValidationError);
          expect(result.ok).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
    expect(accepted + rejected).toBe(RUNS);
    expect(accepted).toBeGreaterThan(RUNS * 0.2);
    expect(rejected).toBeGreaterThan(RUNS * 0.2);
    expect(exporter.records).toBe(accepted);
    expect(exporter.bad.slice(0, 5)).toEqual([]);
    expect(exporter.spans).toBeGreaterThan(0);
    const { resourceMetrics } = await reader.collect();
    const metric = (name: string) => resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
    expect(counterValue(metric('call_center.events.rejected'))).toBe(rejected);
    expect(counterValue(metric('call_center.events'))).toBe(accepted);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 240_000);
});
