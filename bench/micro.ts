// Micro-benchmarks: the plugin against the bare OpenTelemetry SDK doing the
// same export work, measured in the same run, interleaved (tinybench).
// Each task runs BATCH calls per sample, so timer overhead is negligible.
import { context, SeverityNumber, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { JsonLogsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import { Bench } from 'tinybench';
import { CallCenterInstrumentation, type CallCenterEventMap } from '@kenkai/instrumentation-call-center';
import { resolveConfig } from '../dist/config.js';
import { createEventPlans } from '../dist/ingest/field-plan.js';
import { checkEvent } from '../dist/ingest/pipeline.js';
import { createPrivacyPolicy } from '../dist/privacy/policy.js';

export const BATCH = 100;

/** Serialises every export request to OTLP/JSON, as an OTLP/HTTP exporter would before sending, then drops it. */
class SerializingExporter implements LogRecordExporter, SpanExporter {
  exported = 0;
  export(items: ReadableLogRecord[] | ReadableSpan[], done: (r: ExportResult) => void): void {
    const bytes =
      'hrTimeObserved' in (items[0] ?? {}) ? JsonLogsSerializer.serializeRequest(items as ReadableLogRecord[]) : JsonTraceSerializer.serializeRequest(items as ReadableSpan[]);
    this.exported += bytes?.length ?? 0;
    done({ code: ExportResultCode.SUCCESS });
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

function sdk() {
  const exporter = new SerializingExporter();
  const options = { exporter, maxQueueSize: 1 << 16, maxExportBatchSize: 512, scheduledDelayMillis: 50 };
  const loggerProvider = new LoggerProvider({ processors: [new BatchLogRecordProcessor(options)] });
  const tracerProvider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor(options)] });
  const meterProvider = new MeterProvider();
  return { loggerProvider, tracerProvider, meterProvider, shutdown: () => Promise.all([loggerProvider.shutdown(), tracerProvider.shutdown(), meterProvider.shutdown()]) };
}

/** Events representative of the platform's traffic: the doc's examples with the usual optional fields. */
export const EVENTS: { [T in keyof CallCenterEventMap]: CallCenterEventMap[T] } = {
  contact: {
    action: 'view',
    contact_id: 'contactId',
    contact_channel: 'call',
    contact_start_time: '2025-01-01T12:00:27.87+02:00',
    contact_type: 'follow_up',
    contact_sub_type: 'Some Sub Type',
    contact_is_priority: true,
    contact_customer_type: 'patient',
    contact_resolution: 'resolved',
    transfer_id: 'transferId',
  },
  break: { type: 'tea', sub_type: 'Some Sub Type', action: 'view', total_time: 600, consumed_time: 120 },
  ops_scorecard: { audit_count: 12, quality_score: 93.5, fatal_calls: 0, fatal_score: 1.5, performance_group: 'moderate' },
};

/** The attributes the plugin emits for each event (prefix + field), for the bare SDK to emit by hand. */
const BARE: Record<keyof CallCenterEventMap, [string, Attributes]> = {
  contact: [
    'call_center.contact',
    {
      'call_center.contact.action': 'view',
      'call_center.contact.id': 'contactId',
      'call_center.contact.channel': 'call',
      'call_center.contact.start_time': '2025-01-01T12:00:27.87+02:00',
      'call_center.contact.type': 'follow_up',
      'call_center.contact.sub_type': 'Some Sub Type',
      'call_center.contact.is_priority': true,
      'call_center.contact.customer_type': 'patient',
      'call_center.contact.resolution': 'resolved',
      'call_center.transfer.id': 'transferId',
      'call_center.operator.id': 'op-1',
    },
  ],
  break: [
    'call_center.break',
    {
      'call_center.break.type': 'tea',
      'call_center.break.sub_type': 'Some Sub Type',
      'call_center.break.action': 'view',
      'call_center.break.total_time': 600,
      'call_center.break.consumed_time': 120,
      'call_center.operator.id': 'op-1',
    },
  ],
  ops_scorecard: [
    'call_center.ops_scorecard',
    {
      'call_center.ops_scorecard.audit_count': 12,
      'call_center.ops_scorecard.quality_score': 93.5,
      'call_center.ops_scorecard.fatal_calls': 0,
      'call_center.ops_scorecard.fatal_score': 1.5,
      'call_center.ops_scorecard.performance_group': 'moderate',
      'call_center.operator.id': 'op-1',
    },
  ],
};

export interface Pair {
  name: string;
  pluginNs: number;
  bareNs: number;
  ratio: number;
}

const nsPerCall = (task: { result: unknown }) => {
  const result = task.result as { latency?: { p50: number } };
  return ((result.latency?.p50 ?? NaN) * 1e6) / BATCH;
};

export async function runMicro(time = 1500): Promise<{ pairs: Pair[]; validation: Record<string, number>; zod: Record<string, number> }> {
  const plugin = sdk();
  const bare = sdk();
  const cc = new CallCenterInstrumentation({ operator: { id: 'op-1' } });
  cc.setLoggerProvider(plugin.loggerProvider);
  cc.setTracerProvider(plugin.tracerProvider);
  cc.setMeterProvider(plugin.meterProvider);
  const logger = bare.loggerProvider.getLogger('bare');
  const tracer = bare.tracerProvider.getTracer('bare');
  const eventsCounter = bare.meterProvider.getMeter('bare').createCounter('call_center.events');

  const bench = new Bench({ time, warmupTime: 300 });
  for (const type of ['contact', 'break', 'ops_scorecard'] as const) {
    const event = EVENTS[type];
    const [eventName, attributes] = BARE[type];
    const body = type === 'ops_scorecard' ? 'ops scorecard (12 audits)' : type === 'break' ? 'break view (tea)' : 'contact view (call, follow_up)';
    bench.add(`log ${type}: plugin`, () => {
      for (let i = 0; i < BATCH; i++) cc.logIngestEvent(type, event);
    });
    bench.add(`log ${type}: bare SDK`, () => {
      for (let i = 0; i < BATCH; i++) {
        logger.emit({ eventName, severityNumber: SeverityNumber.INFO, severityText: 'INFO', body, attributes: { ...attributes } });
        eventsCounter.add(1, { 'call_center.event.type': type, 'call_center.event.action': 'view' });
      }
    });
  }

  // A contact's lifecycle: attend, pause, resume, end (4 log records, 1 span with 2 events).
  const contact = { ...EVENTS.contact, action: 'attend' as const };
  const [, contactAttributes] = BARE.contact;
  let n = 0;
  bench.add('contact lifecycle: plugin', () => {
    for (let i = 0; i < BATCH / 4; i++) {
      const contact_id = `c-${n++}`;
      for (const action of ['attend', 'pause', 'resume', 'end'] as const) cc.logIngestEvent('contact', { ...contact, contact_id, action });
    }
  });
  bench.add('contact lifecycle: bare SDK', () => {
    for (let i = 0; i < BATCH / 4; i++) {
      const contact_id = `c-${n++}`;
      const attrs = (action: string) => ({ ...contactAttributes, 'call_center.contact.id': contact_id, 'call_center.contact.action': action });
      const span = tracer.startSpan('call_center.contact', { kind: SpanKind.INTERNAL, root: true, attributes: attrs('attend') });
      const ctx = trace.setSpan(context.active(), span);
      const emit = (action: string) =>
        logger.emit({
          eventName: 'call_center.contact',
          severityNumber: SeverityNumber.INFO,
          severityText: 'INFO',
          body: `contact ${action} (call, follow_up)`,
          attributes: attrs(action),
          context: ctx,
        });
      emit('attend');
      for (const action of ['pause', 'resume']) {
        span.addEvent(`call_center.contact.${action}`, attrs(action));
        emit(action);
      }
      span.setAttributes(attrs('end'));
      emit('end');
      span.end();
    }
  });

  const config = resolveConfig({ operator: { id: 'op-1' } });
  const plans = createEventPlans(createPrivacyPolicy(undefined), config);
  for (const type of ['contact', 'break', 'ops_scorecard'] as const) {
    const event = EVENTS[type] as Record<string, unknown>;
    // Every field present but wrong: the path that explains, field by field.
    const invalid = Object.fromEntries(Object.keys(event).map((k) => [k, null]));
    bench.add(`validate+map ${type}`, () => {
      for (let i = 0; i < BATCH; i++) checkEvent(type, event, undefined, plans, config.operator, Date.now());
    });
    bench.add(`zod ${type}`, () => {
      for (let i = 0; i < BATCH; i++) checkEvent(type, invalid, undefined, plans, config.operator, Date.now());
    });
  }

  await bench.run();
  const ns = new Map(bench.tasks.map((t) => [t.name, nsPerCall(t)]));
  const pair = (name: string): Pair => {
    const pluginNs = ns.get(`${name}: plugin`)!;
    const bareNs = ns.get(`${name}: bare SDK`)!;
    return { name, pluginNs, bareNs, ratio: pluginNs / bareNs };
  };
  const pairs = ['log contact', 'log break', 'log ops_scorecard', 'contact lifecycle'].map(pair);
  // The lifecycle tasks run BATCH/4 contacts of 4 events each: per event, like the others.
  const types = ['contact', 'break', 'ops_scorecard'] as const;
  // The valid path (every accepted event): read once, field rules, bounds, privacy policy and attributes.
  const validation = Object.fromEntries(types.map((t) => [t, ns.get(`validate+map ${t}`)!]));
  // The invalid path: the same rules explain every bad field (zod is no longer in the runtime).
  const zod = Object.fromEntries(types.map((t) => [t, ns.get(`zod ${t}`)!]));
  cc.disable();
  await Promise.all([plugin.shutdown(), bare.shutdown()]);
  return { pairs, validation, zod };
}
