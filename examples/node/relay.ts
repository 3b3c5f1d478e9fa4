// A back-end relay: the platform's servers POST ingest events of many
// operators here, and the plugin turns them into OpenTelemetry under NodeSDK,
// exported over OTLP/HTTP (OTEL_EXPORTER_OTLP_ENDPOINT, default
// http://localhost:4318). Each event carries its operator: one relay serves
// the whole call center, or several behind a load balancer that sends each
// operator to one of them (README, "Running several relays").
// What it answers to which request: relay-server.ts.
//
//   PORT=8080 OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 node examples/node/relay.ts
//   (RELAY_MAX_BODY_BYTES, default 1 MiB; RELAY_MAX_EVENTS per request, default 1 000)
//   curl -s localhost:8080/events -d '{"type":"contact","operator":{"id":"op-42"},
//        "event":{"contact_id":"c-1","action":"attend","contact_type":"follow_up","contact_channel":"call","transfer_id":"none"}}'
import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { CallCenter, CallCenterInstrumentation, type CallCenterEventType } from '@kenkai/instrumentation-call-center';
import { OutageBuffer } from './outage-buffer.ts';
import { createRelayServer, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_EVENTS } from './relay-server.ts';

// Sized for a collector outage of a minute at a few hundred events/s: the
// processors' queues absorb bursts, and OutageBuffer keeps (bounded, counted)
// what the collector refuses until it is back.
const batch = { maxQueueSize: 20_000, maxExportBatchSize: 512, scheduledDelayMillis: 500 };
// What is refused or dropped is said through diag: NodeSDK installs a logger only when OTEL_LOG_LEVEL is set. The
// plugin's warning for each event it refuses is left out: the client gets it in the answer (422), the count is in
// call_center.events.rejected, and a line each would let any client fill the relay's log.
if (!process.env.OTEL_LOG_LEVEL) {
  const toConsole = new DiagConsoleLogger();
  const perEvent = (args: unknown[]) => args.some((a) => typeof a === 'string' && a.endsWith('(event dropped)'));
  diag.setLogger({ ...toConsole, warn: (...args: unknown[]) => void (perEvent(args) || toConsole.warn(...(args as [string]))) }, DiagLogLevel.WARN);
}
const buffers = [new OutageBuffer(new OTLPLogExporter(), { name: 'logs' }), new OutageBuffer(new OTLPTraceExporter(), { name: 'traces' })] as const;
const sdk = new NodeSDK({
  serviceName: process.env.OTEL_SERVICE_NAME ?? 'call-center-relay',
  logRecordProcessors: [new BatchLogRecordProcessor({ exporter: buffers[0], ...batch })],
  spanProcessors: [new BatchSpanProcessor({ exporter: buffers[1], ...batch })],
  metricReaders: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis: 15_000 })],
  instrumentations: [new CallCenterInstrumentation({ privacy: process.env.CC_HASH_KEY ? { key: process.env.CC_HASH_KEY } : {} })],
});
sdk.start();

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (Number.isSafeInteger(value) && value > 0) return value;
  console.error(`relay: ${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  process.exit(2);
}

const relay = createRelayServer({
  ingest: (type, event, options) => CallCenter.logIngestEvent(type as CallCenterEventType, event as never, options),
  maxBodyBytes: positiveInteger('RELAY_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES),
  maxEvents: positiveInteger('RELAY_MAX_EVENTS', DEFAULT_MAX_EVENTS),
});

relay.server.on('error', (error) => {
  console.error('relay: server error, shutting down:', error);
  void stop(1);
});
relay.server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1', () => {
  const address = relay.server.address();
  console.log(`relay listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : '?'}/events`);
});

// Flush everything on the way out: stop taking events, then end open
// contacts and breaks (status ERROR, end reason `shutdown`, counted) and
// export them with the rest, for up to SHUTDOWN_MS (under the 30 s an
// orchestrator usually grants). A second signal exits at once.
const SHUTDOWN_MS = 25_000;
let stopping: Promise<void> | undefined;
function stop(code: number): Promise<void> {
  stopping ??= (async () => {
    const closed = relay.close();
    try {
      const finished = await Promise.race([sdk.shutdown().then(() => true), new Promise<false>((resolve) => setTimeout(resolve, SHUTDOWN_MS, false))]);
      if (!finished) console.error(`relay: the SDK's shutdown did not finish in ${SHUTDOWN_MS / 1000} s; exiting`);
    } catch (error) {
      console.error('relay: shutdown failed:', error);
      code ||= 1;
    }
    for (const b of buffers) {
      if (b.refused > 0 || b.dropped > 0) console.error(`relay: ${b.name}: ${b.refused} items refused by the collector, ${b.dropped} dropped (${b.delivered} delivered)`);
    }
    // Connections still busy (a client uploading slowly) do not hold the exit back for long.
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    process.exit(code);
  })();
  return stopping;
}
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
function onSignal(): void {
  // The next signal, either of them, finds no listener: Node's default, exit at once.
  for (const s of SIGNALS) process.off(s, onSignal);
  void stop(0);
}
for (const signal of SIGNALS) process.on(signal, onSignal);

// Requests cannot get here (the server catches their errors and answers 500).
// Anything else is a fault nobody can vouch for: Node's advice is to exit,
// which this does after ending open contacts and flushing, so nothing held
// in memory is lost with the process.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    console.error(`relay: ${event}, shutting down:`, error);
    void stop(1);
  });
}
