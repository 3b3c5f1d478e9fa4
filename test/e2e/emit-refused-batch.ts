// The application of refused-batch.test.ts: the examples' pipeline, built as
// examples/node/relay.ts builds it (NodeSDK, batch processors with the relay's
// settings, OTLP/HTTP exporters wrapped in OutageBuffer), that first exports
// ONE log record the collector cannot parse (a time past what OTLP's uint64
// nanoseconds hold), written straight through the SDK's logger because the
// plugin would refuse it, and then valid contact events behind it.
//
// Prints JSON lines: `{"phase":"valid-sent","at":<epoch ms>}` once the valid
// events are handed to the SDK, and, after stdin ends, the buffers' counters
// (`{"phase":"done",…}`). It keeps running until stdin ends, so that delivery
// is seen while the application runs, not at its shutdown's flush.
//
//   OTEL_EXPORTER_OTLP_ENDPOINT=… node test/e2e/emit-refused-batch.ts <contacts> <body of the refused record>
import { logs } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { CallCenter, CallCenterInstrumentation } from '@kenkai/instrumentation-call-center';
import { OutageBuffer } from '../../examples/node/outage-buffer.ts';

/** 1e20 ms: 1e26 ns in timeUnixNano, past uint64; over OTLP/JSON the collector answers 400. */
const OUT_OF_RANGE_MS = 1e20;

const contacts = Number(process.argv[2] ?? 100);
const refusedBody = process.argv[3] ?? 'a time the collector cannot parse';
const line = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

const batch = { maxQueueSize: 20_000, maxExportBatchSize: 512, scheduledDelayMillis: 500 }; // relay.ts
const logBuffer = new OutageBuffer(new OTLPLogExporter(), { name: 'logs' });
const traceBuffer = new OutageBuffer(new OTLPTraceExporter(), { name: 'traces' });
const sdk = new NodeSDK({
  serviceName: 'call-center-refused-batch',
  autoDetectResources: false,
  logRecordProcessors: [new BatchLogRecordProcessor({ exporter: logBuffer, ...batch })],
  spanProcessors: [new BatchSpanProcessor({ exporter: traceBuffer, ...batch })],
  metricReaders: [],
  instrumentations: [new CallCenterInstrumentation({ operator: { id: 'op-refused-batch' } })],
});
sdk.start();

// Alone in its batch: nothing else is emitted until it has been exported (and, if the buffer says so, refused).
logs.getLogger('refused-batch-probe').emit({ body: refusedBody, timestamp: OUT_OF_RANGE_MS });
const waitedFrom = Date.now();
while (Date.now() - waitedFrom < 3_000 && !(logBuffer.refused > 0) && !(logBuffer.failures > 0)) await new Promise((r) => setTimeout(r, 20));

for (let i = 0; i < contacts; i++) {
  for (const action of ['attend', 'end'] as const) {
    const result = CallCenter.logIngestEvent('contact', { contact_id: `r-${i}`, action, contact_type: 'follow_up', contact_channel: 'call', transfer_id: 'none' });
    if (!result.ok) throw result.error;
  }
}
line({ phase: 'valid-sent', at: Date.now(), waitedForTheRefusalMs: Date.now() - waitedFrom });

process.stdin.resume();
await new Promise((resolve) => process.stdin.once('end', resolve));
await sdk.shutdown();
const counters = (b: Pick<OutageBuffer<never>, 'delivered' | 'refused' | 'dropped' | 'failures' | 'lastFailure'>) => ({
  delivered: b.delivered,
  refused: b.refused,
  dropped: b.dropped,
  failures: b.failures,
  lastFailure: b.lastFailure,
});
line({ phase: 'done', logs: counters(logBuffer), traces: counters(traceBuffer) });
