// npm run demo: a call-center shift, simulated in accelerated time, through
// the plugin and the real OpenTelemetry SDK. Without OTEL_EXPORTER_OTLP_ENDPOINT
// the telemetry goes to OTLP/JSON files only; with it, to that collector too,
// and what the collector did not take is told in one line on stderr.
// The summary at the end, printed and written as report.html, is computed
// from the files, not from the simulator.
//
//   node examples/shift/simulate.ts [--operators 12] [--hours 8] [--seed 42]
//                                   [--out .demo-output] [--start ISO] [--json] [--help]
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type IdGenerator } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_INSTANCE_ID } from '@opentelemetry/semantic-conventions';
import { CallCenterInstrumentation, type LogIngestEventResult } from '@kenkai/instrumentation-call-center';
import { OutageBuffer } from '../node/outage-buffer.ts';
import { describeFailure } from '../node/retry-policy.ts';
import { parseDemoArgs, USAGE } from './cli-options.ts';
import { simulateShift, type TimelineEntry } from './model.ts';
import { LogsFileExporter, MetricsFileExporter, TracesFileExporter } from './otlp-files.ts';
import { ShiftProgress } from './progress.ts';
import { renderReport } from './report-html.ts';
import { SimulatedClockReader } from './simulated-clock-reader.ts';
import { parseLines } from './otlp-json.ts';
import { summarize } from './summary.ts';
import { formatSummary } from './summary-text.ts';

/** A wrong argument: one line on stderr, exit 2, and no stack. */
function refuse(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(2);
}

const parsed = parseDemoArgs(process.argv.slice(2), Date.now());
if (!parsed.ok) refuse(parsed.error);
if (parsed.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const { operators, hours, seed, out, json } = parsed.options;
try {
  mkdirSync(out, { recursive: true });
  if (!statSync(out).isDirectory()) throw new Error('not a directory');
} catch (error) {
  refuse(`--out ${JSON.stringify(out)} cannot be used: ${(error as Error).message}; expected a directory that can be created or written to (--help lists every option)`);
}

// By default the shift's last event (a contact or break running past its end)
// is now at the latest, so it sits in a dashboard's "last 12 hours" and a
// backend never sees a time in the future. A seed gives the same shift
// whatever its start: moving the start moves every event with it. A --start
// whose shift would run past now is refused, for the same reason.
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
let start = parsed.options.start ?? Math.floor((now - hours * 3_600_000) / 60_000) * 60_000;
let timeline = simulateShift({ operators, hours, seed, start });
const overshoot = timeline.at(-1)!.at - now;
if (overshoot > 0) {
  const latest = Math.floor((start - overshoot) / 60_000) * 60_000;
  if (parsed.options.start !== undefined) {
    refuse(
      `--start ${iso(start)} is too late: this ${hours}-hour shift would run until ${iso(timeline.at(-1)!.at)}, after now (${iso(now)}), and its telemetry would be dated in the future; start at ${iso(latest)} or earlier, give fewer --hours, or leave --start out to end the shift now`,
    );
  }
  start = latest;
  timeline = simulateShift({ operators, hours, seed, start });
}
const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;

/** Trace and span ids from the seed too, so a seeded run exports the same ids. */
function seededIds(s: number): IdGenerator {
  let state = s >>> 0 || 1;
  const hex = (chars: number) => {
    let id = '';
    while (id.length < chars) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      id += (state >>> 0).toString(16).padStart(8, '0');
    }
    return id.slice(0, chars);
  };
  return { generateTraceId: () => hex(32), generateSpanId: () => hex(16) };
}

let clock = start;
const batch = { maxQueueSize: 100_000, maxExportBatchSize: 1000, scheduledDelayMillis: 200 };
// A demo talks to a collector nearby: an attempt that gets no answer gives up
// after 2 s (the exporters' 10 s default, with their own retries, kept a run
// with no collector waiting half a minute), and so does the end. With
// OTEL_EXPORTER_OTLP_TIMEOUT set (a busy collector), both wait that long.
const timeoutMs = Number(process.env.OTEL_EXPORTER_OTLP_TIMEOUT) || 2_000;
const otlp = process.env.OTEL_EXPORTER_OTLP_TIMEOUT ? {} : { timeoutMillis: timeoutMs };
const outage = { shutdownTimeoutMs: timeoutMs };
const toCollector = endpoint
  ? {
      logs: new OutageBuffer(new OTLPLogExporter(otlp), { name: 'logs', ...outage }),
      traces: new OutageBuffer(new OTLPTraceExporter(otlp), { name: 'traces', ...outage }),
      metrics: new OutageBuffer(new OTLPMetricExporter(otlp), { name: 'metrics', ...outage }),
    }
  : undefined;
// Metrics as the shift happened: a collection every simulated minute, stamped with its simulated time.
const metricsReader = new SimulatedClockReader({
  exporters: [new MetricsFileExporter(out), ...(toCollector ? [toCollector.metrics] : [])],
  startMs: start,
  intervalMs: 60_000,
  now: () => clock,
});
const sdk = new NodeSDK({
  serviceName: process.env.OTEL_SERVICE_NAME || 'call-center-shift-demo',
  // A run of its own (Prometheus' `instance` label): two runs over the same times never mix their counters.
  resource: resourceFromAttributes({ [ATTR_SERVICE_INSTANCE_ID]: randomUUID() }),
  autoDetectResources: false,
  idGenerator: seededIds(seed),
  logRecordProcessors: [
    new BatchLogRecordProcessor({ exporter: new LogsFileExporter(out), ...batch }),
    ...(toCollector ? [new BatchLogRecordProcessor({ exporter: toCollector.logs, ...batch })] : []),
  ],
  spanProcessors: [
    new BatchSpanProcessor({ exporter: new TracesFileExporter(out), ...batch }),
    ...(toCollector ? [new BatchSpanProcessor({ exporter: toCollector.traces, ...batch })] : []),
  ],
  metricReaders: [metricsReader],
  instrumentations: [
    new CallCenterInstrumentation({
      // The simulated clock drives span times and timeouts.
      now: () => clock,
      // A contact open an hour, or a break two, has lost its end event: ended as a timeout, and counted.
      contactTimeoutMs: 3_600_000,
      breakTimeoutMs: 7_200_000,
      // Ids are hashed, free text dropped: the defaults, with a (demo) key.
      privacy: { key: process.env.CC_HASH_KEY ?? 'demo-key-not-secret' },
    }),
  ],
});
sdk.start();

const progress = new ShiftProgress(process.stderr, timeline.length);
const began = performance.now();
const { CallCenter } = await import('@kenkai/instrumentation-call-center');
let rejectedBySimulator = 0;
for (let i = 0; i < timeline.length; i++) {
  const entry: TimelineEntry = timeline[i]!;
  await metricsReader.advanceTo(entry.at); // the metrics as they stood before this event
  clock = entry.at;
  const options = { operator: entry.operator, timestamp: entry.at };
  const result: LogIngestEventResult =
    entry.type === 'invalid' ? CallCenter.logIngestEvent(entry.eventType, entry.event as never, options) : CallCenter.logIngestEvent(entry.type, entry.event as never, options);
  if (!result.ok) rejectedBySimulator++;
  progress.update(i + 1, clock);
  if ((i + 1) % 250 === 0) await new Promise((resolve) => setImmediate(resolve)); // let the batch processors export
}
await sdk.shutdown();
const seconds = (performance.now() - began) / 1000;

const read = (name: string) => parseLines(readFileSync(join(out, name), 'utf8'));
const summary = summarize({ logs: read('logs.jsonl'), traces: read('traces.jsonl'), metrics: read('metrics.jsonl') });
const report = join(out, 'report.html');
writeFileSync(report, renderReport(summary, { source: out, writtenAt: Date.now() }));
const undelivered = toCollector && endpoint ? undeliveredLine(endpoint, toCollector) : undefined;
const files = `${out}/{logs,traces,metrics}.jsonl (OTLP/JSON)${endpoint && !undelivered ? ` and ${endpoint}` : ''}`;
if (json) {
  // stdout holds the JSON alone, so that it can be piped; the rest goes to stderr.
  console.log(JSON.stringify({ summary, simulated: { events: timeline.length, rejected: rejectedBySimulator } }));
  console.error(`Telemetry: ${files}; report: ${report}`);
} else {
  console.log(
    `\nSimulated ${hours} h with ${operators} operators (seed ${seed}) in ${seconds.toFixed(1)} s: ${timeline.length} events, ${rejectedBySimulator} of them invalid on purpose.`,
  );
  console.log(`Telemetry: ${files}\n`);
  console.log(formatSummary(summary));
  console.log(`\nThe same summary with charts: ${report}`);
}
if (undelivered) console.error(undelivered);

/** One line on what the collector did not take, if anything: why, and how much of each signal. */
function undeliveredLine(at: string, buffers: Record<'logs' | 'traces' | 'metrics', Pick<OutageBuffer<never>, 'refused' | 'dropped' | 'lastFailure'>>): string | undefined {
  const lost = (b: { refused: number; dropped: number }) => b.refused + b.dropped;
  const counts = [
    [lost(buffers.logs), 'log record'],
    [lost(buffers.traces), 'span'],
    [lost(buffers.metrics), 'metric export'],
  ] as const;
  if (counts.every(([n]) => n === 0)) return undefined;
  const parts = counts.map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`);
  const what = `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  const failures = [buffers.logs, buffers.traces, buffers.metrics].map((b) => b.lastFailure).filter((f) => f !== undefined);
  const unreachable = failures.find((f) => f.kind === 'unreachable');
  const why = unreachable ? `could not be reached (${unreachable.message})` : `did not take everything (${failures.map(describeFailure).at(-1) ?? 'no answer before the end'})`;
  return `The collector at ${at} ${why}: ${what} were not delivered there; they are in ${out}/`;
}
