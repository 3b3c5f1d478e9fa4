// The end-to-end suite's application: registers the plugin in NodeSDK with the
// standard OTLP/HTTP exporters, drives contacts, breaks and scorecards through
// it, and shuts the SDK down (which flushes every signal).
//
//   OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 node test/e2e/emit.ts json|proto <run-id> keep|default
import { OTLPLogExporter as JsonLogs } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogs } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as JsonMetrics } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetrics } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as JsonTraces } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraces } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import {
  BreakType,
  CallCenter,
  CallCenterAction,
  CallCenterEventType,
  CallCenterInstrumentation,
  ContactChannel,
  ContactType,
  SENSITIVE_ATTRIBUTES,
} from '@kenkai/instrumentation-call-center';

const protocol = process.argv[2] === 'proto' ? 'proto' : 'json';
const run = process.argv[3] ?? 'run';
// 'keep': the plugin keeps every sensitive field, so the collector's guard is
// what is tested; 'default': the plugin's own defaults, with an HMAC key.
const privacy = process.argv[4] === 'default' ? { key: 'e2e-key' } : { fields: Object.fromEntries(SENSITIVE_ATTRIBUTES.map((n) => [n, 'keep' as const])) };
const Logs = protocol === 'proto' ? ProtoLogs : JsonLogs;
const Traces = protocol === 'proto' ? ProtoTraces : JsonTraces;
const Metrics = protocol === 'proto' ? ProtoMetrics : JsonMetrics;

const rejected: string[] = [];
const sdk = new NodeSDK({
  serviceName: `call-center-e2e-${protocol}`,
  autoDetectResources: false,
  logRecordProcessors: [new BatchLogRecordProcessor({ exporter: new Logs() })],
  spanProcessors: [new BatchSpanProcessor({ exporter: new Traces() })],
  metricReaders: [new PeriodicExportingMetricReader({ exporter: new Metrics(), exportIntervalMillis: 60_000 })],
  instrumentations: [
    new CallCenterInstrumentation({
      operator: { id: `op-${protocol}`, name: 'Asha', team: 'night' },
      privacy,
      onInvalidEvent: (error) => rejected.push(error.message),
    }),
  ],
});
sdk.start();

const contact = {
  contact_id: `${run}-${protocol}-c1`,
  contact_channel: ContactChannel.Call,
  contact_type: ContactType.Emergency,
  contact_start_time: new Date().toISOString(),
  contact_customer_id: 'patient-0042',
  contact_phone_id: '+15550100',
  contact_extension: 'ext-4711',
  contact_incident_id: 'incident-0099',
  contact_summary: 'chest pain, ambulance dispatched',
  contact_remarks: 'caller anxious',
  transfer_id: `${run}-t1`,
  transfer_summary: 'handed to paramedic desk',
  transfer_remarks: 'urgent',
  meta: { queue: 'emergency', attempt: 1 },
};
for (const action of [CallCenterAction.Attend, CallCenterAction.Pause, CallCenterAction.Resume, CallCenterAction.Transfer, CallCenterAction.End]) {
  CallCenter.logIngestEvent(CallCenterEventType.Contact, { ...contact, action });
}
for (const [action, consumed] of [
  [CallCenterAction.Start, 0],
  [CallCenterAction.Pause, 200],
  [CallCenterAction.End, 700],
] as const) {
  CallCenter.logIngestEvent(CallCenterEventType.Break, { type: BreakType.Tea, action, total_time: 600, consumed_time: consumed });
}
CallCenter.logIngestEvent(CallCenterEventType.OpsScorecard, {
  audit_count: 12,
  quality_score: 93.5,
  fatal_calls: 0,
  performance_group: 'high',
  remarks: 'supervisor notes',
});
CallCenter.logIngestEvent(CallCenterEventType.Break, { type: 'nap', action: 'start', total_time: 1, consumed_time: 0 } as never);

await sdk.shutdown();
console.log(JSON.stringify({ protocol, run, rejected: rejected.length }));
