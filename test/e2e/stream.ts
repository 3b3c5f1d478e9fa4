// Streams contact events at a steady rate through NodeSDK and OTLP/HTTP, with
// the example set-up for outages (OutageBuffer around the exporters), then
// shuts down and prints what it sent and what, if anything, was dropped.
//
//   OTEL_EXPORTER_OTLP_ENDPOINT=… node test/e2e/stream.ts <events per second> <seconds> [burst]
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { CallCenter, CallCenterInstrumentation } from '@kenkai/instrumentation-call-center';
import { OutageBuffer } from '../../examples/node/outage-buffer.ts';

const rate = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 10);
const burst = process.argv[4] === 'burst';

const logs = new OutageBuffer(new OTLPLogExporter({ timeoutMillis: 5_000 }), { name: 'logs', retryIntervalMs: 500 });
const traces = new OutageBuffer(new OTLPTraceExporter({ timeoutMillis: 5_000 }), { name: 'traces', retryIntervalMs: 500 });
const sdk = new NodeSDK({
  serviceName: 'call-center-stream',
  autoDetectResources: false,
  logRecordProcessors: [new BatchLogRecordProcessor({ exporter: logs, maxQueueSize: 20_000, maxExportBatchSize: 512, scheduledDelayMillis: 200 })],
  spanProcessors: [new BatchSpanProcessor({ exporter: traces, maxQueueSize: 20_000, maxExportBatchSize: 512, scheduledDelayMillis: 200 })],
  metricReaders: [],
  instrumentations: [new CallCenterInstrumentation({ operator: { id: 'op-stream' } })],
});
sdk.start();

let sent = 0;
const send = () => {
  const id = `s-${Math.floor(sent / 2)}`;
  const action = sent % 2 === 0 ? 'attend' : 'end';
  const result = CallCenter.logIngestEvent('contact', { contact_id: id, action, contact_type: 'follow_up', contact_channel: 'call', transfer_id: 'none' });
  if (!result.ok) throw result.error;
  sent++;
};

if (burst) {
  for (let i = 0; i < rate * seconds; i++) send();
} else {
  const started = Date.now();
  const total = rate * seconds;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * rate));
    while (sent < due) send();
    await new Promise((r) => setTimeout(r, 20));
  }
}
await sdk.shutdown();
console.log(JSON.stringify({ sent, droppedLogs: logs.dropped, droppedSpans: traces.dropped, failures: logs.failures }));
