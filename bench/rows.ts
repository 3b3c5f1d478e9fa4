// The benchmark's rows, each with its two sides: the plugin, and the same
// telemetry written by hand on the bare OpenTelemetry SDK. Both sides run on
// one SDK set-up (below) and emit the same observable output: the same log
// records (event name, body, severity, attributes, span context), the same
// spans (name, kind, attributes, span events and their attributes, links,
// status) and the same metrics (instruments, descriptions, units, buckets,
// attributes, values). test/bench/rows.test.ts runs every row on both sides
// and compares the OTLP/JSON they export, ids and times aside.
import { ROOT_CONTEXT, SeverityNumber, SpanKind, trace, ValueType, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { JsonLogsSerializer, JsonMetricsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import type { BreakEvent, CallCenterEventMap, ContactEvent, LogIngestEventResult, OpsScorecardEvent } from '@kenkai/instrumentation-call-center';

/** The scope every signal of both sides is emitted under: the plugin's, so that the outputs compare whole. */
export const SCOPE = { name: '@kenkai/instrumentation-call-center', version: '0.1.0', schemaUrl: 'https://opentelemetry.io/schemas/1.45.0' } as const;

/**
 * Serialises every export request to OTLP/JSON, as an OTLP/HTTP exporter
 * would before sending, then drops it; with `keep`, keeps what it serialised
 * (parsed back), for the test that compares the two sides.
 */
export class OtlpJsonExporter implements LogRecordExporter, SpanExporter, PushMetricExporter {
  bytes = 0;
  readonly kept: unknown[] = [];
  readonly #keep: boolean;
  constructor(keep = false) {
    this.#keep = keep;
  }
  export(items: ReadableLogRecord[] | ReadableSpan[] | ResourceMetrics, done: (r: ExportResult) => void): void {
    const bytes = !Array.isArray(items)
      ? JsonMetricsSerializer.serializeRequest(items)
      : 'hrTimeObserved' in (items[0] ?? {})
        ? JsonLogsSerializer.serializeRequest(items as ReadableLogRecord[])
        : JsonTraceSerializer.serializeRequest(items as ReadableSpan[]);
    this.bytes += bytes?.length ?? 0;
    if (this.#keep && bytes) this.kept.push(JSON.parse(new TextDecoder().decode(bytes)));
    done({ code: ExportResultCode.SUCCESS });
  }
  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/**
 * One SDK set-up: logger, tracer and meter providers with batch processors
 * and a periodic metric reader, every export serialised to OTLP/JSON. Each
 * side of a row gets its own, identical one.
 */
export function sdkSetup(keep = false) {
  const exporters = { logs: new OtlpJsonExporter(keep), spans: new OtlpJsonExporter(keep), metrics: new OtlpJsonExporter(keep) };
  const batch = { maxQueueSize: 1 << 16, maxExportBatchSize: 512, scheduledDelayMillis: 50 };
  const reader = new PeriodicExportingMetricReader({ exporter: exporters.metrics, exportIntervalMillis: 1000 });
  const loggerProvider = new LoggerProvider({ processors: [new BatchLogRecordProcessor({ ...batch, exporter: exporters.logs })] });
  const tracerProvider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ ...batch, exporter: exporters.spans })] });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    loggerProvider,
    tracerProvider,
    meterProvider,
    exporters,
    flush: () => Promise.all([loggerProvider.forceFlush(), tracerProvider.forceFlush(), meterProvider.forceFlush()]),
    shutdown: () => Promise.all([loggerProvider.shutdown(), tracerProvider.shutdown(), meterProvider.shutdown()]),
  };
}
export type SdkSetup = ReturnType<typeof sdkSetup>;

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

/** Both sides are configured with this operator. */
export const OPERATOR_ID = 'op-1';

/**
 * The events of a contact's lifecycle (attend, pause, resume, end), for
 * `LIFECYCLE_CONTACTS` contacts taken in turn: made once, so that neither
 * side pays for making them. A contact ended that many contacts ago is
 * long forgotten by the plugin (it remembers the last 1 024) when its id
 * comes round again.
 */
export const LIFECYCLE_CONTACTS = 4096;
export const LIFECYCLE_ACTIONS = ['attend', 'pause', 'resume', 'end'] as const;
export const LIFECYCLE: readonly ContactEvent[] = Array.from({ length: LIFECYCLE_CONTACTS * 4 }, (_, i) => ({
  ...EVENTS.contact,
  contact_id: `c-${i >> 2}`,
  action: LIFECYCLE_ACTIONS[i & 3]!,
}));

export const ROWS = ['contact', 'break', 'ops_scorecard', 'contact lifecycle'] as const;
export type Row = (typeof ROWS)[number];

/** What the plugin side needs: an instrumentation (from this build, or another in bench/compare.ts). */
export interface Plugin {
  logIngestEvent<T extends keyof CallCenterEventMap>(type: T, event: CallCenterEventMap[T]): LogIngestEventResult;
}

/** One task of a row: `calls` events, on either side. The lifecycle row goes on through `LIFECYCLE` across tasks. */
export type Task = (calls: number) => void;

/** The plugin's side of a row. */
export function pluginTask(cc: Plugin, row: Row): Task {
  switch (row) {
    case 'contact':
      return (calls) => {
        for (let i = 0; i < calls; i++) cc.logIngestEvent('contact', EVENTS.contact);
      };
    case 'break':
      return (calls) => {
        for (let i = 0; i < calls; i++) cc.logIngestEvent('break', EVENTS.break);
      };
    case 'ops_scorecard':
      return (calls) => {
        for (let i = 0; i < calls; i++) cc.logIngestEvent('ops_scorecard', EVENTS.ops_scorecard);
      };
    case 'contact lifecycle': {
      let next = 0;
      return (calls) => {
        for (let i = 0; i < calls; i++) {
          cc.logIngestEvent('contact', LIFECYCLE[next]!);
          next = (next + 1) % LIFECYCLE.length;
        }
      };
    }
  }
}

/** The bare side of a row: the same events through {@link BareSdk}. */
export function bareTask(bare: BareSdk, row: Row): Task {
  switch (row) {
    case 'contact':
      return (calls) => {
        for (let i = 0; i < calls; i++) bare.contact(EVENTS.contact);
      };
    case 'break':
      return (calls) => {
        for (let i = 0; i < calls; i++) bare.break(EVENTS.break);
      };
    case 'ops_scorecard':
      return (calls) => {
        for (let i = 0; i < calls; i++) bare.opsScorecard(EVENTS.ops_scorecard);
      };
    case 'contact lifecycle': {
      let next = 0;
      return (calls) => {
        for (let i = 0; i < calls; i++) {
          bare.contact(LIFECYCLE[next]!);
          next = (next + 1) % LIFECYCLE.length;
        }
      };
    }
  }
}

interface Series {
  readonly attributes: Attributes;
  value: number;
}

interface BareContact {
  readonly span: Span;
  /** The span's context, for the log records of the contact's later events. */
  readonly context: Context;
  readonly startMs: number;
  pausedAtMs: number | undefined;
  holdMs: number;
  holds: number;
}

/**
 * The telemetry the plugin emits for the benchmark's events, written by hand
 * on the bare SDK: what a hand-written integration that knows the events'
 * shape needs and nothing more. No validation, no bounds, no privacy policy:
 * each event's attributes are one object literal of the fields the
 * representative events carry, the log body a template string. It keeps
 * the state the telemetry needs: open contacts by id (span, context, hold),
 * accepted events counted per action and open contacts per channel (both
 * observed at collection, as the plugin does), and it records the same
 * histograms. It handles the actions the rows use (attend, pause, resume,
 * end, view), nothing else.
 */
export class BareSdk {
  readonly #logger;
  readonly #tracer;
  readonly #waitDuration;
  readonly #holdDuration;
  readonly #contactDuration;
  /** Accepted events, per event type and action. */
  readonly #events = new Map<string, Map<string | undefined, Series>>();
  /** Open contacts per channel (a channel seen stays, at 0). */
  readonly #active = new Map<string, number>();
  readonly #open = new Map<string, BareContact>();
  readonly #openBreaks = new Map<string, Span>();

  constructor(sdk: SdkSetup) {
    this.#logger = sdk.loggerProvider.getLogger(SCOPE.name, SCOPE.version, { schemaUrl: SCOPE.schemaUrl });
    this.#tracer = sdk.tracerProvider.getTracer(SCOPE.name, SCOPE.version, { schemaUrl: SCOPE.schemaUrl });
    const meter = sdk.meterProvider.getMeter(SCOPE.name, SCOPE.version, { schemaUrl: SCOPE.schemaUrl });
    const histogram = (name: string, description: string, buckets: number[]) =>
      meter.createHistogram(name, { description, unit: 's', valueType: ValueType.DOUBLE, advice: { explicitBucketBoundaries: buckets } });
    const waitHold = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800];
    this.#waitDuration = histogram('call_center.contact.wait.duration', 'Time to answer, contact start to attend.', waitHold);
    this.#holdDuration = histogram('call_center.contact.hold.duration', 'Hold, pause to resume or to the end.', waitHold);
    this.#contactDuration = histogram('call_center.contact.duration', 'Contact duration, attend to end.', [1, 5, 10, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600]);
    meter.createObservableCounter('call_center.events', { description: 'Accepted ingest events.', unit: '{event}', valueType: ValueType.INT }).addCallback((result) => {
      for (const byAction of this.#events.values()) for (const { attributes, value } of byAction.values()) result.observe(value, attributes);
    });
    meter.createObservableUpDownCounter('call_center.contacts.active', { description: 'Open contacts.', unit: '{contact}', valueType: ValueType.INT }).addCallback((result) => {
      for (const [channel, value] of this.#active) result.observe(value, { 'call_center.contact.channel': channel });
    });
  }

  #count(type: string, action: string | undefined): void {
    let byAction = this.#events.get(type);
    if (!byAction) this.#events.set(type, (byAction = new Map()));
    const series = byAction.get(action);
    if (series) series.value++;
    else
      byAction.set(action, {
        attributes: action === undefined ? { 'call_center.event.type': type } : { 'call_center.event.type': type, 'call_center.event.action': action },
        value: 1,
      });
  }

  contact(e: ContactEvent): void {
    const attributes: Attributes = {
      'call_center.contact.action': e.action,
      'call_center.contact.id': e.contact_id,
      'call_center.contact.channel': e.contact_channel,
      'call_center.contact.start_time': e.contact_start_time,
      'call_center.contact.type': e.contact_type,
      'call_center.contact.sub_type': e.contact_sub_type,
      'call_center.contact.is_priority': e.contact_is_priority,
      'call_center.contact.customer_type': e.contact_customer_type,
      'call_center.contact.resolution': e.contact_resolution,
      'call_center.transfer.id': e.transfer_id,
      'call_center.operator.id': OPERATOR_ID,
    };
    const body = `contact ${e.action} (${e.contact_channel}, ${e.contact_type})`;
    let open = this.#open.get(e.contact_id);
    // The clock is read only where a time is computed (the log record and span times are the SDK's).
    if (e.action === 'attend' && !open) {
      const nowMs = Date.now();
      const waitSeconds = (nowMs - Date.parse(e.contact_start_time!)) / 1000;
      const span = this.#tracer.startSpan('call_center.contact', {
        kind: SpanKind.INTERNAL,
        root: true,
        attributes: { ...attributes, 'call_center.contact.wait_time': waitSeconds },
      });
      open = { span, context: trace.setSpan(ROOT_CONTEXT, span), startMs: nowMs, pausedAtMs: undefined, holdMs: 0, holds: 0 };
      this.#open.set(e.contact_id, open);
      this.#active.set(e.contact_channel, (this.#active.get(e.contact_channel) ?? 0) + 1);
      this.#waitDuration.record(waitSeconds, { 'call_center.contact.channel': e.contact_channel, 'call_center.contact.type': e.contact_type });
    } else if (open && e.action === 'end') {
      const nowMs = Date.now();
      open.span.setAttributes(attributes);
      open.span.setAttributes({ 'call_center.contact.hold_time': open.holdMs / 1000, 'call_center.contact.hold_count': open.holds });
      open.span.setAttribute('call_center.contact.end_reason', 'end');
      this.#contactDuration.record((nowMs - open.startMs) / 1000, {
        'call_center.contact.channel': e.contact_channel,
        'call_center.contact.type': e.contact_type,
        'call_center.contact.end_reason': 'end',
      });
      open.span.end();
      this.#open.delete(e.contact_id);
      this.#active.set(e.contact_channel, this.#active.get(e.contact_channel)! - 1);
    } else if (open) {
      // Each span event carries the action and what the event changed: nothing else changes in these events.
      open.span.addEvent(`call_center.contact.${e.action}`, { 'call_center.contact.action': e.action });
      if (e.action === 'pause') {
        open.pausedAtMs = Date.now();
        open.holds++;
      } else if (e.action === 'resume' && open.pausedAtMs !== undefined) {
        const heldMs = Date.now() - open.pausedAtMs;
        open.holdMs += heldMs;
        open.pausedAtMs = undefined;
        this.#holdDuration.record(heldMs / 1000, { 'call_center.contact.channel': e.contact_channel, 'call_center.contact.type': e.contact_type });
      }
    }
    this.#logger.emit({ eventName: 'call_center.contact', severityNumber: SeverityNumber.INFO, severityText: 'INFO', body, attributes, context: open?.context });
    this.#count('contact', e.action);
  }

  break(e: BreakEvent): void {
    const attributes: Attributes = {
      'call_center.break.type': e.type,
      'call_center.break.sub_type': e.sub_type,
      'call_center.break.action': e.action,
      'call_center.break.total_time': e.total_time,
      'call_center.break.consumed_time': e.consumed_time,
      'call_center.operator.id': OPERATOR_ID,
    };
    // The benchmark's break events are views with no break open: a log record, no span.
    const open = this.#openBreaks.get(OPERATOR_ID);
    this.#logger.emit({
      eventName: 'call_center.break',
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      body: `break ${e.action} (${e.type})`,
      attributes,
      context: open && trace.setSpan(ROOT_CONTEXT, open),
    });
    this.#count('break', e.action);
  }

  opsScorecard(e: OpsScorecardEvent): void {
    const attributes: Attributes = {
      'call_center.ops_scorecard.audit_count': e.audit_count,
      'call_center.ops_scorecard.quality_score': e.quality_score,
      'call_center.ops_scorecard.fatal_calls': e.fatal_calls,
      'call_center.ops_scorecard.fatal_score': e.fatal_score,
      'call_center.ops_scorecard.performance_group': e.performance_group,
      'call_center.operator.id': OPERATOR_ID,
    };
    this.#logger.emit({
      eventName: 'call_center.ops_scorecard',
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      body: `ops scorecard (${e.audit_count} audits)`,
      attributes,
    });
    this.#count('ops_scorecard', undefined);
  }
}
