// The application of bad-value.test.ts: 100 contacts (attend + end, 200 valid
// events) relayed for ten operators through NodeSDK and the OTLP/HTTP
// exporters, with ONE event carrying a time OTLP cannot carry in the middle of
// the stream. Every export is held until shutdown, so the bad event, if it is
// accepted, rides in the same export request as all the valid ones: that is
// the situation where one value can cost everybody's telemetry.
//
// Prints one JSON line: what the plugin accepted and rejected (each error's
// message, reason and issues) and how each export ended.
//
//   OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 node test/e2e/emit-bad-value.ts json|proto microseconds|start-time|duration
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPLogExporter as JsonLogs } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogs } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter as JsonTraces } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraces } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchLogRecordProcessor, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace';
import { CallCenter, CallCenterInstrumentation, type CallCenterValidationError, type ContactEvent } from '@kenkai/instrumentation-call-center';

const SCENARIOS = ['microseconds', 'start-time', 'duration'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** What the emitter prints (bad-value.test.ts reads it). */
export interface BadValueRun {
  protocol: 'json' | 'proto';
  scenario: Scenario;
  service: string;
  /** Valid calls that returned `ok: true`. */
  accepted: number;
  /** The bad call's own result. */
  badCallOk: boolean;
  /** Every error passed to `onInvalidEvent`. */
  rejected: Array<{ message: string; reason: string; issues: Array<{ path: string; code: string; message: string }> }>;
  /** One entry per export request: 'ok', or the exporter's error (e.g. the collector's 400). */
  exports: { logs: string[]; traces: string[] };
  /** 'ok', or why `sdk.shutdown()` rejected (it does when its last export fails). */
  shutdown: string;
}

const CONTACTS = 100;
/** The bad event goes right after the attend of c-55 (and the end of c-45): c-46 … c-55 are open, one per operator. */
const BAD_AFTER = 55;
/** Contacts overlap: each is ended this many attends after its own, so ten are open at any time. */
const OVERLAP = 10;

/** Exports still in flight: `sdk.shutdown()` rejects on the first failed one without waiting for the others. */
const inFlight: Array<Promise<void>> = [];

/** Wraps an exporter to write down how every export request ended. */
function recording<T extends LogRecordExporter | SpanExporter>(exporter: T, outcomes: string[]): T {
  const exportItems = exporter.export.bind(exporter) as (items: unknown[], done: (result: ExportResult) => void) => void;
  (exporter as { export: typeof exportItems }).export = (items, done) => {
    let settle = () => {};
    inFlight.push(new Promise<void>((resolve) => (settle = resolve)));
    exportItems(items, (result) => {
      outcomes.push(result.code === ExportResultCode.SUCCESS ? 'ok' : `failed (${items.length} items): ${result.error?.message ?? 'no error'}`);
      settle();
      done(result);
    });
  };
  return exporter;
}

const protocol = process.argv[2] === 'proto' ? 'proto' : 'json';
const scenario = process.argv[3] as Scenario;
if (!SCENARIOS.includes(scenario)) throw new Error(`scenario must be one of ${SCENARIOS.join(', ')}`);
const service = `call-center-bad-value-${protocol}-${scenario}`;
const out: BadValueRun = { protocol, scenario, service, accepted: 0, badCallOk: true, rejected: [], exports: { logs: [], traces: [] }, shutdown: 'ok' };

// One export request per signal, at shutdown: the queue and batch hold the whole run, the timer never fires first.
const held = { maxQueueSize: 4096, maxExportBatchSize: 4096, scheduledDelayMillis: 600_000 };
const sdk = new NodeSDK({
  serviceName: service,
  autoDetectResources: false,
  logRecordProcessors: [new BatchLogRecordProcessor({ ...held, exporter: recording(protocol === 'proto' ? new ProtoLogs() : new JsonLogs(), out.exports.logs) })],
  spanProcessors: [new BatchSpanProcessor({ ...held, exporter: recording(protocol === 'proto' ? new ProtoTraces() : new JsonTraces(), out.exports.traces) })],
  metricReaders: [],
  instrumentations: [
    new CallCenterInstrumentation({
      onInvalidEvent: (error: CallCenterValidationError) =>
        out.rejected.push({
          message: error.message,
          reason: error.reason,
          issues: error.issues.map(({ path, code, message }) => ({ path, code, message })),
        }),
    }),
  ],
});
sdk.start();

const startedAt = new Date(Date.now() - 30_000).toISOString();
const operator = (i: number) => ({ id: `op-${i % 10}`, name: `Operator ${i % 10}`, team: 'night' });
// A contact event as the platform sends it: about ten fields.
const contact = (i: number, action: 'attend' | 'end'): ContactEvent => ({
  contact_id: `c-${i}`,
  action,
  contact_type: 'emergency',
  contact_sub_type: 'cardiac',
  contact_channel: 'call',
  contact_start_time: startedAt,
  contact_is_priority: i % 3 === 0,
  contact_customer_type: 'patient',
  contact_incident_id: `inc-${i}`,
  transfer_id: 'none',
  ...(action === 'end' ? { contact_resolution: 'dispatched', contact_duration: 30 } : {}),
});
const valid = (i: number, action: 'attend' | 'end') => {
  if (CallCenter.logIngestEvent('contact', contact(i, action), { operator: operator(i) }).ok) out.accepted++;
};
// The one bad value: a time no OTLP exporter can carry.
const bad = () => {
  const open = BAD_AFTER - OVERLAP / 2; // a contact attended and not yet ended
  // An end for a contact that is not open: the plugin rebuilds its span from the start time, else the duration.
  const { contact_start_time: _, ...ghost } = { ...contact(BAD_AFTER, 'end'), contact_id: 'ghost' };
  switch (scenario) {
    case 'microseconds': // the usual client mistake, Date.now() * 1000, on an update of an open contact
      return CallCenter.logIngestEvent('contact', { ...contact(open, 'attend'), action: 'update' }, { operator: operator(open), timestamp: Date.now() * 1000 });
    case 'start-time': // before 1970: the rebuilt span would start at a negative time
      return CallCenter.logIngestEvent('contact', { ...ghost, contact_start_time: '0000-01-01T00:00:00Z' }, { operator: operator(BAD_AFTER) });
    case 'duration': // 1e12 s: the rebuilt span would start some 31 700 years ago
      return CallCenter.logIngestEvent('contact', { ...ghost, contact_duration: 1e12 }, { operator: operator(BAD_AFTER) });
  }
};

for (let step = 0; step < CONTACTS + OVERLAP; step++) {
  if (step < CONTACTS) valid(step, 'attend');
  if (step >= OVERLAP) valid(step - OVERLAP, 'end');
  if (step === BAD_AFTER) out.badCallOk = bad().ok;
}

// A failed export must not crash the application (nor this script): it is what is reported.
await sdk.shutdown().catch((error: unknown) => (out.shutdown = error instanceof Error ? error.message : String(error)));
await Promise.all(inFlight);
console.log(JSON.stringify(out));
