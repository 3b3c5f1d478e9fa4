// A back-end relay: the platform's servers POST ingest events of many
// operators here, and the plugin turns them into OpenTelemetry under NodeSDK,
// exported over OTLP/HTTP (OTEL_EXPORTER_OTLP_ENDPOINT, default
// http://localhost:4318). Each event carries its operator: one relay serves
// the whole call center.
//
//   PORT=8080 OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 node examples/node/relay.ts
//   curl -s localhost:8080/events -d '{"type":"contact","operator":{"id":"op-42"},
//        "event":{"contact_id":"c-1","action":"attend","contact_type":"follow_up","contact_channel":"call","transfer_id":"none"}}'
import { createServer } from 'node:http';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { CallCenter, CallCenterInstrumentation, type CallCenterEventType, type LogIngestEventResult } from '@kenkai/instrumentation-call-center';
import { OutageBuffer } from './outage-buffer.ts';

// Sized for a collector outage of a minute at a few hundred events/s: the
// processors' queues absorb bursts, and OutageBuffer keeps (bounded, counted)
// what the collector refuses until it is back.
const batch = { maxQueueSize: 20_000, maxExportBatchSize: 512, scheduledDelayMillis: 500 };
const sdk = new NodeSDK({
  serviceName: process.env.OTEL_SERVICE_NAME ?? 'call-center-relay',
  logRecordProcessors: [new BatchLogRecordProcessor({ exporter: new OutageBuffer(new OTLPLogExporter(), { name: 'logs' }), ...batch })],
  spanProcessors: [new BatchSpanProcessor({ exporter: new OutageBuffer(new OTLPTraceExporter(), { name: 'traces' }), ...batch })],
  metricReaders: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis: 15_000 })],
  instrumentations: [new CallCenterInstrumentation({ privacy: process.env.CC_HASH_KEY ? { key: process.env.CC_HASH_KEY } : {} })],
});
sdk.start();

interface Envelope {
  type: CallCenterEventType;
  event: unknown;
  operator?: { id: string; name?: string; team?: string };
  /** When it happened, epoch ms or ISO 8601; default: when it arrives. */
  timestamp?: number | string;
}

function relay(envelope: Envelope): LogIngestEventResult {
  const timestamp = typeof envelope.timestamp === 'string' ? Date.parse(envelope.timestamp) : envelope.timestamp;
  // The plugin validates everything, including the envelope's operator and timestamp; it never throws here.
  return CallCenter.logIngestEvent(envelope?.type, envelope?.event as never, { operator: envelope?.operator, timestamp });
}

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/events') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'body is not JSON' }));
      return;
    }
    const results = (Array.isArray(body) ? body : [body]).map((e) => relay(e as Envelope));
    const answer = results.map((r) => (r.ok ? { ok: true } : { ok: false, error: r.error.message, issues: r.error.issues }));
    res.writeHead(results.every((r) => r.ok) ? 200 : 422, { 'content-type': 'application/json' });
    res.end(JSON.stringify(Array.isArray(body) ? answer : answer[0]));
  });
});

server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  console.log(`relay listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : '?'}/events`);
});

// Flush everything on the way out: open contacts are ended (status ERROR,
// end reason `shutdown`) and exported with the rest.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    sdk.shutdown().finally(() => process.exit(0));
  });
}
