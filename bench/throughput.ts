// End to end: the largest rate one Node process sustains with zero loss
// through OTLP/HTTP into the real collector (collector-config.yaml), for the
// plugin and for the bare SDK sending the same records by hand, searched
// step by step (a staircase a side), the two sides alternating, and compared
// as a ratio.
//
// Run as a script, this file is what the comparison starts in a child process:
//   OTEL_EXPORTER_OTLP_ENDPOINT=… node bench/throughput.ts emit <plugin|bare> <events per second> <seconds> [drain limit, ms]
//   node bench/throughput.ts records <plugin|bare> <events>   (the OTLP/JSON the side would send)
import { context, logs, SeverityNumber, SpanKind, trace, type Span } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { JsonLogsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { BatchLogRecordProcessor, type LogRecordExporter, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import {
  ATTR_CONTACT_ACTION,
  ATTR_CONTACT_CHANNEL,
  ATTR_CONTACT_END_REASON,
  ATTR_CONTACT_HOLD_COUNT,
  ATTR_CONTACT_HOLD_TIME,
  ATTR_CONTACT_ID,
  ATTR_CONTACT_TYPE,
  ATTR_OPERATOR_ID,
  ATTR_TRANSFER_ID,
  CallCenter,
  CallCenterInstrumentation,
  EVENT_CONTACT,
  INSTRUMENTATION_SCOPE,
  SPAN_CONTACT,
} from '@kenkai/instrumentation-call-center';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, promisify } from 'node:util';
import { SCHEMA_URL, VERSION } from '../dist/version.js';
import { OutageBuffer } from '../examples/node/outage-buffer.ts';
import { logRecords, spans, type OtlpRequest } from '../examples/shift/otlp-json.ts';
import { startCollector } from '../test/e2e/collector.ts';

export type Side = 'plugin' | 'bare';
export const SIDES: readonly Side[] = ['plugin', 'bare'];
const OPERATOR = 'op-stream';
const self = fileURLToPath(import.meta.url);
const run = promisify(execFile);

// ── The two emitters ─────────────────────────────────────────────────────────

/**
 * test/e2e/stream.ts's set-up, for both sides: NodeSDK, batch processors of
 * 512 every 200 ms with queues of 20 000, no metric reader (so the plugin's
 * instruments are the API's no-ops); the plugin's instrumentation on the
 * plugin's side only.
 */
export function streamSdk(side: Side, exporters: { logs: LogRecordExporter; traces: SpanExporter }): NodeSDK {
  return new NodeSDK({
    serviceName: 'call-center-stream',
    autoDetectResources: false,
    logRecordProcessors: [new BatchLogRecordProcessor({ exporter: exporters.logs, maxQueueSize: 20_000, maxExportBatchSize: 512, scheduledDelayMillis: 200 })],
    spanProcessors: [new BatchSpanProcessor({ exporter: exporters.traces, maxQueueSize: 20_000, maxExportBatchSize: 512, scheduledDelayMillis: 200 })],
    metricReaders: [],
    instrumentations: side === 'plugin' ? [new CallCenterInstrumentation({ operator: { id: OPERATOR } })] : [],
  });
}

/** Sends event n of the mix; the SDK must be started first. */
export type Sender = (n: number) => void;

/**
 * The event mix of test/e2e/stream.ts: contact attend/end pairs, event n
 * the attend (n even) or the end (n odd) of contact `s-⌊n/2⌋`.
 */
export function pluginSender(): Sender {
  return (n) => {
    const result = CallCenter.logIngestEvent('contact', {
      contact_id: `s-${n >> 1}`,
      action: n % 2 === 0 ? 'attend' : 'end',
      contact_type: 'follow_up',
      contact_channel: 'call',
      transfer_id: 'none',
    });
    if (!result.ok) throw result.error;
  };
}

/**
 * What the plugin emits for the same events, by hand with the logs and
 * traces API: its scope, names, attributes in its order, bodies, severity,
 * times (the event's Date.now(), in ms), span kind and log context. The attend
 * starts a root span and emits a log record in its context; the end sets the
 * span's attributes, its end reason and hold totals, ends it, and emits a log
 * record in its context. Open spans are kept by contact id, as any
 * application would have to keep them.
 */
export function bareSender(): Sender {
  const options = { schemaUrl: SCHEMA_URL };
  const logger = logs.getLogger(INSTRUMENTATION_SCOPE, VERSION, options);
  // trace.getTracer() would drop the options (the schema URL): the provider's own takes them.
  const tracer = trace.getTracerProvider().getTracer(INSTRUMENTATION_SCOPE, VERSION, options);
  const open = new Map<string, Span>();
  return (n) => {
    const id = `s-${n >> 1}`;
    const action = n % 2 === 0 ? 'attend' : 'end';
    const now = Date.now();
    const attributes = {
      [ATTR_CONTACT_ID]: id,
      [ATTR_CONTACT_ACTION]: action,
      [ATTR_CONTACT_TYPE]: 'follow_up',
      [ATTR_CONTACT_CHANNEL]: 'call',
      [ATTR_TRANSFER_ID]: 'none',
      [ATTR_OPERATOR_ID]: OPERATOR,
    };
    let span: Span;
    if (action === 'attend') {
      span = tracer.startSpan(SPAN_CONTACT, { kind: SpanKind.INTERNAL, root: true, startTime: now, attributes });
      open.set(id, span);
    } else {
      span = open.get(id)!;
      open.delete(id);
      span.setAttributes(attributes);
      span.setAttribute(ATTR_CONTACT_END_REASON, 'end');
      span.setAttributes({ [ATTR_CONTACT_HOLD_TIME]: 0, [ATTR_CONTACT_HOLD_COUNT]: 0 });
      span.end(now);
    }
    logger.emit({
      eventName: EVENT_CONTACT,
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      body: `contact ${action} (call, follow_up)`,
      attributes,
      timestamp: now,
      context: trace.setSpanContext(context.active(), span.spanContext()),
    });
  };
}

const senders: Record<Side, () => Sender> = { plugin: pluginSender, bare: bareSender };

// ── The same records ─────────────────────────────────────────────────────────

/** Keeps the OTLP/JSON requests an OTLP/HTTP JSON exporter would send, as parsed JSON. */
class KeepingExporter<T extends ReadableLogRecord | ReadableSpan> {
  readonly requests: OtlpRequest[] = [];
  readonly #serialize: (items: T[]) => Uint8Array | undefined;
  constructor(serialize: (items: T[]) => Uint8Array | undefined) {
    this.#serialize = serialize;
  }
  export(items: T[], done: (result: ExportResult) => void): void {
    this.requests.push(JSON.parse(new TextDecoder().decode(this.#serialize(items))));
    done({ code: ExportResultCode.SUCCESS });
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/** The OTLP/JSON requests (logs, then traces) one side sends for the first `events` events of the mix, in this process. */
async function records(side: Side, events: number): Promise<SideRecords> {
  const logExporter = new KeepingExporter<ReadableLogRecord>((items) => JsonLogsSerializer.serializeRequest(items));
  const traceExporter = new KeepingExporter<ReadableSpan>((items) => JsonTraceSerializer.serializeRequest(items));
  const sdk = streamSdk(side, { logs: logExporter, traces: traceExporter });
  sdk.start();
  const send = senders[side]();
  for (let n = 0; n < events; n++) send(n);
  await sdk.shutdown();
  return { logs: logExporter.requests, traces: traceExporter.requests };
}

/**
 * OTLP/JSON with its ids and times aside: every trace or span id becomes the
 * order in which it first appears (so a log record still names its span's
 * ids), every `…UnixNano` time becomes "0".
 */
export function withoutIdsAndTimes(json: unknown): unknown {
  const ids = new Map<string, string>();
  const walk = (value: unknown, key = ''): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    if (key.endsWith('UnixNano')) return '0';
    if ((key === 'traceId' || key === 'spanId') && typeof value === 'string') {
      if (!ids.has(value)) ids.set(value, `${key} #${ids.size + 1}`);
      return ids.get(value);
    }
    return value;
  };
  return walk(json);
}

/** OTLP/JSON requests, as the collector would receive them. */
export interface SideRecords {
  logs: OtlpRequest[];
  traces: OtlpRequest[];
}

/** Both sides' OTLP/JSON for the first `events` events of the mix, ids and times aside; each side in its own process, as in a step. */
export async function sideRecords(events = 8): Promise<Record<Side, SideRecords>> {
  const out = await Promise.all(
    SIDES.map(async (side) => {
      const { stdout } = await run(process.execPath, [self, 'records', side, String(events)], { timeout: 60_000 });
      return [side, withoutIdsAndTimes(JSON.parse(stdout)) as SideRecords] as const;
    }),
  );
  return Object.fromEntries(out) as Record<Side, SideRecords>;
}

/**
 * Throws, showing where they part, unless both sides send the same OTLP/JSON
 * (ids and times aside) for the first `events` events of the mix; otherwise
 * says how many log records and spans it compared.
 */
export async function assertSameRecords(events = 8): Promise<{ logRecords: number; spans: number }> {
  const { plugin, bare } = await sideRecords(events);
  if (!isDeepStrictEqual(plugin, bare)) {
    const [a, b] = [plugin, bare].map((r) => JSON.stringify(r, null, 1).split('\n'));
    const at = a!.findIndex((line, i) => line !== b![i]);
    const around = (lines: string[]) => lines.slice(Math.max(0, at - 6), at + 3).join('\n');
    throw new Error(`the bare SDK side does not send the plugin's records; at line ${at + 1} of the OTLP/JSON:\nplugin:\n${around(a!)}\nbare SDK:\n${around(b!)}`);
  }
  return { logRecords: logRecords(plugin.logs).length, spans: spans(plugin.traces).length };
}

// ── One step: one side at one rate ───────────────────────────────────────────

/** What one step's emitter reports. */
export interface EmitterReport {
  side: Side;
  targetPerSecond: number;
  sent: number;
  /** From the first event to the last, ms. */
  emitMs: number;
  /** sdk.shutdown() after the last event: the batch processors and the OutageBuffers flushed, ms; at most the drain limit when not `drained`. */
  drainMs: number;
  /** Everything was delivered within the drain limit; if not, the emitter gave up waiting and what was left is not counted. */
  drained: boolean;
  /** Most records (logs + spans) waiting in the OutageBuffers at a 20 ms tick. */
  maxBuffered: number;
  droppedLogs: number;
  droppedSpans: number;
  /** Export requests the collector answered, per signal: how many, their mean time in the exporter's export() (serialising) and to the answer, ms. */
  requests: Record<'logs' | 'traces', ExportTimes>;
  /** CPU time of the emitter's main thread (sending, the SDK, serialising, HTTP), over emitting and draining, ms. */
  mainThreadCpuMs: number;
  /** CPU time of the whole emitter process (with GC and I/O threads), ms. */
  processCpuMs: number;
}

export interface ExportTimes {
  count: number;
  /** Mean time in the exporter's export() call, where the OTLP exporters serialise, ms. */
  serializeMs: number;
  /** Mean time from export() to the collector's answer, ms. */
  roundTripMs: number;
}

/** Wraps an exporter to time its exports; `times()` gives the means so far. */
function timed<T>(inner: { export(items: T, done: (r: ExportResult) => void): void; forceFlush(): Promise<void>; shutdown(): Promise<void> }) {
  let count = 0;
  let serializeMs = 0;
  let roundTripMs = 0;
  return {
    export(items: T, done: (r: ExportResult) => void): void {
      const started = performance.now();
      inner.export(items, (result) => {
        roundTripMs += performance.now() - started;
        count++;
        done(result);
      });
      serializeMs += performance.now() - started;
    },
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
    times: (): ExportTimes => ({ count, serializeMs: serializeMs / count, roundTripMs: roundTripMs / count }),
  };
}

/**
 * test/e2e/stream.ts's loop: every 20 ms, sends the events due by then at
 * `rate`, for `seconds`; then shuts the SDK down, which delivers what is left,
 * waiting for that up to `drainLimitMs` (a step that needs longer has failed:
 * no need to spend seconds on its backlog). The exporters are the examples'
 * (OTLP/HTTP JSON behind OutageBuffer), as in stream.ts.
 */
async function emit(side: Side, rate: number, seconds: number, drainLimitMs: number): Promise<EmitterReport> {
  // The timing wrappers sit inside OutageBuffer, around what stream.ts has there: the OTLP exporters.
  const otlp = { logs: timed(new OTLPLogExporter({ timeoutMillis: 5_000 })), traces: timed(new OTLPTraceExporter({ timeoutMillis: 5_000 })) };
  const logExporter = new OutageBuffer(otlp.logs, { name: 'logs', retryIntervalMs: 500 });
  const traceExporter = new OutageBuffer(otlp.traces, { name: 'traces', retryIntervalMs: 500 });
  const sdk = streamSdk(side, { logs: logExporter, traces: traceExporter });
  sdk.start();
  const send = senders[side]();

  const total = Math.round(rate * seconds);
  let sent = 0;
  let maxBuffered = 0;
  const processCpu = process.cpuUsage();
  const mainCpu = process.threadCpuUsage();
  const started = performance.now();
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    while (sent < due) send(sent++);
    maxBuffered = Math.max(maxBuffered, logExporter.buffered + traceExporter.buffered);
    await new Promise((r) => setTimeout(r, 20));
  }
  const emitted = performance.now();
  let limit: ReturnType<typeof setTimeout> | undefined;
  const drained = await Promise.race([sdk.shutdown().then(() => true), new Promise<false>((r) => (limit = setTimeout(r, drainLimitMs, false)))]);
  clearTimeout(limit);
  const drainMs = performance.now() - emitted;
  const ms = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  return {
    side,
    targetPerSecond: rate,
    sent,
    emitMs: emitted - started,
    drainMs,
    drained,
    maxBuffered,
    droppedLogs: logExporter.dropped,
    droppedSpans: traceExporter.dropped,
    requests: { logs: otlp.logs.times(), traces: otlp.traces.times() },
    mainThreadCpuMs: ms(process.threadCpuUsage(mainCpu)),
    processCpuMs: ms(process.cpuUsage(processCpu)),
  };
}

export interface StepResult extends EmitterReport {
  /** What the collector's file exporter wrote (NaN when the step was not `drained`: not counted). */
  receivedLogs: number;
  receivedSpans: number;
  /** Log records and spans sent and not written by the collector (NaN when not counted). */
  lost: number;
  /** CPU time of the collector from its start to the end of the step, ms (NaN where /proc cannot tell). */
  collectorCpuMs: number;
}

/** CPU time (user + system) of the process whose command line contains `marker`, ms, from /proc (Linux); NaN elsewhere. */
function cpuMsOf(marker: string): number {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return NaN;
  }
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      // The fields after the command name (which may hold spaces) start after its closing parenthesis; utime and stime are 14th and 15th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    } catch {
      // gone, or not ours to read
    }
  }
  return NaN;
}
/** USER_HZ, 100 on every Linux kernel Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The items in OTLP/JSON requests (resource → scope → items), counted without building records: half the time of reading them. */
function count(requests: OtlpRequest[], resourceKey: string, scopeKey: string, itemKey: string): number {
  let n = 0;
  for (const request of requests as Array<Record<string, Array<Record<string, Array<Record<string, unknown[]>>>>>>) {
    for (const resource of request[resourceKey] ?? []) for (const scope of resource[scopeKey] ?? []) n += scope[itemKey]?.length ?? 0;
  }
  return n;
}

/** One step, the existing method: a fresh collector, one emitter process at one rate, then what the collector wrote. */
export async function runStep(side: Side, rate: number, seconds: number, drainLimitMs = 60_000): Promise<StepResult> {
  const collector = await startCollector();
  try {
    const { stdout } = await run(process.execPath, [self, 'emit', side, String(rate), String(seconds), String(drainLimitMs)], {
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.httpEndpoint },
      timeout: 120_000,
    });
    const report = JSON.parse(stdout) as EmitterReport;
    const collectorCpuMs = cpuMsOf(join(collector.dir, 'overlay.yaml'));
    if (!report.drained) return { ...report, receivedLogs: NaN, receivedSpans: NaN, lost: NaN, collectorCpuMs };
    await collector.stop();
    const receivedLogs = count(collector.read('logs'), 'resourceLogs', 'scopeLogs', 'logRecords');
    const receivedSpans = count(collector.read('traces'), 'resourceSpans', 'scopeSpans', 'spans');
    // Every end closes the span its attend opened.
    const lost = report.sent - receivedLogs + Math.floor(report.sent / 2) - receivedSpans;
    return { ...report, receivedLogs, receivedSpans, lost, collectorCpuMs };
  } finally {
    await collector.stop();
    // Up to a few hundred MB a step, a few GB a run.
    rmSync(collector.dir, { recursive: true, force: true });
  }
}

// ── The search ───────────────────────────────────────────────────────────────

export interface Criteria {
  seconds: number;
  /** The step's records must all be at the collector within this after its last event. */
  maxDrainMs: number;
  /** The emitter must send the step's events within this factor of `seconds`. */
  maxLag: number;
}

/**
 * Why a step does not count as sustaining its rate with zero loss, or
 * undefined when it does: something was lost (counted at the collector); the
 * emitter could not keep the rate; or what it sent piled up (a backlog that
 * takes longer than `maxDrainMs` to deliver after the last event), which a
 * longer step would turn into loss once OutageBuffer's 100 000 are full.
 */
export function failure(step: StepResult, criteria: Criteria): string | undefined {
  if (!step.drained) return `backlog: not all delivered within ${(step.drainMs / 1000).toFixed(2)} s of the last event`;
  if (step.lost > 0) return `lost ${step.lost}`;
  if (step.emitMs > criteria.seconds * 1000 * criteria.maxLag) return `fell behind: ${(step.emitMs / 1000).toFixed(2)} s to send ${criteria.seconds} s of events`;
  if (step.drainMs > criteria.maxDrainMs) return `backlog: ${(step.drainMs / 1000).toFixed(2)} s to deliver after the last event`;
  return undefined;
}

/**
 * One side's staircase over offered rates: after a step that passes, the next
 * is faster; after one that fails, slower. The factor starts at `coarse`, to
 * get there quickly, and every change of verdict (a reversal) halves it (in
 * log terms) down to `fine`, so an early verdict that was only the machine's
 * noise costs a few steps, not the run. It settles where a step passes as
 * often as it fails, and keeps crossing that rate: on a machine whose load
 * comes and goes, no single step's verdict decides the figure.
 */
export class Staircase {
  readonly steps: Array<{ rate: number; passed: boolean }> = [];
  readonly options: { coarse: number; fine: number; step: number };
  #next: number;

  constructor(start: number, options: Staircase['options']) {
    this.options = options;
    this.#next = this.#round(start);
  }

  /** The rate to try next. */
  get next(): number {
    return this.#next;
  }

  record(passed: boolean): void {
    const rate = this.#next;
    this.steps.push({ rate, passed });
    const factor = Math.max(this.options.fine, this.options.coarse ** (1 / 2 ** this.reversals.length));
    this.#next = this.#round(passed ? rate * factor : rate / factor);
  }

  /** The indexes of the steps whose verdict differs from the step before. */
  get reversals(): number[] {
    return this.steps.flatMap((s, i) => (i > 0 && s.passed !== this.steps[i - 1]!.passed ? [i] : []));
  }

  /**
   * The rate a step passes half the time: the geometric mean of the rates
   * tried from step `from` on, once the staircase goes back and forth around
   * it (from its second reversal, say); NaN without such steps.
   */
  estimate(from: number | undefined): number {
    const settled = from === undefined ? [] : this.steps.slice(from);
    return settled.length ? Math.exp(settled.reduce((sum, s) => sum + Math.log(s.rate), 0) / settled.length) : NaN;
  }

  #round(rate: number): number {
    return Math.max(this.options.step, Math.round(rate / this.options.step) * this.options.step);
  }
}

const median = (values: number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface RateOptions {
  /** Steps per side. @default 16 */
  steps?: number;
  /** Seconds per step. @default 3 */
  seconds?: number;
  /** The first rate tried on both sides. @default 20_000 */
  startPerSecond?: number;
  /** @default 500 */
  maxDrainMs?: number;
  /** Progress lines (stderr by default). */
  progress?: (line: string) => void;
  /** Runs one step (tests pass their own). @default runStep */
  step?: (side: Side, rate: number, seconds: number, drainLimitMs: number) => Promise<StepResult>;
}

export interface SideRate {
  /** The rate a step passes half the time, events/s (Staircase.estimate over the settled steps); NaN if the staircases did not settle. */
  perSecond: number;
  /** The lowest and highest rate of the settled steps. */
  settledRange: [number, number];
  /** The largest rate any step passed. */
  largestPassed: number;
  reversals: number;
  /** Medians over the steps that passed: where the time goes at the rates it sustains. */
  passing: {
    /** CPU time of the emitter's main thread per event (sending, the SDK, serialising, HTTP), µs. */
    mainThreadUsPerEvent: number;
    /** CPU time of the collector per event, µs: the same records, so the same on both sides. */
    collectorUsPerEvent: number;
    /** Round trip of a log export request (512 records), ms: with one request in flight, 512 records per round trip is the most the logs can carry. */
    logRoundTripMs: number;
  };
  steps: Array<StepResult & { failure?: string }>;
}

export interface RateComparison {
  criteria: Criteria;
  staircase: Staircase['options'];
  /**
   * The settled steps, the same on both sides: from the later of the two
   * staircases' second reversals on (1-based step number; undefined if one
   * never turned twice). Both figures cover the same stretch of time, so a
   * change in the machine's load during the run moves both.
   */
  settledFromStep: number | undefined;
  /** The machine's 1-minute load average before the first step and after the last: how much else was running. */
  loadAverage: [before: number, after: number];
  plugin: SideRate;
  bare: SideRate;
  /** plugin / bare. */
  ratio: number;
}

/**
 * Each side's largest rate with zero loss, one staircase a side, the two
 * sides' steps alternating (which goes first alternates too: plugin, bare,
 * bare, plugin, …), so the machine's load falls on both alike.
 */
export async function runRateComparison(options: RateOptions = {}): Promise<RateComparison> {
  const { steps = 16, seconds = 3, startPerSecond = 20_000, maxDrainMs = 500, step = runStep } = options;
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const criteria: Criteria = { seconds, maxDrainMs, maxLag: 1.05 };
  const staircase = { coarse: 1.25, fine: 1.05, step: 100 };
  const loadBefore = loadavg()[0]!;
  const sides = { plugin: new Staircase(startPerSecond, staircase), bare: new Staircase(startPerSecond, staircase) };
  const results: Record<Side, SideRate['steps']> = { plugin: [], bare: [] };
  for (let i = 0; i < steps; i++) {
    for (const side of i % 2 === 0 ? (['plugin', 'bare'] as const) : (['bare', 'plugin'] as const)) {
      const rate = sides[side].next;
      const result = await step(side, rate, seconds, maxDrainMs);
      const why = failure(result, criteria);
      sides[side].record(why === undefined);
      results[side].push(why === undefined ? result : { ...result, failure: why });
      const counted = result.drained ? `, collector wrote ${result.receivedLogs} + ${result.receivedSpans} spans, ${Math.round(result.drainMs)} ms to deliver after the last` : '';
      progress(`  step ${i + 1}/${steps}, ${side.padEnd(6)} ${String(rate).padStart(6)}/s: ${why ?? 'zero loss'} (sent ${result.sent}${counted})`);
    }
  }
  const second = (side: Side) => sides[side].reversals[1] ?? Infinity;
  const from = Math.max(second('plugin'), second('bare'));
  const settledFrom = Number.isFinite(from) ? from : undefined;
  const summary = (side: Side): SideRate => {
    const { steps: tried, reversals } = sides[side];
    const rates = settledFrom === undefined ? [NaN] : tried.slice(settledFrom).map((s) => s.rate);
    const passing = results[side].filter((s) => !s.failure);
    return {
      perSecond: sides[side].estimate(settledFrom),
      settledRange: [Math.min(...rates), Math.max(...rates)],
      largestPassed: Math.max(0, ...sides[side].steps.filter((s) => s.passed).map((s) => s.rate)),
      reversals: reversals.length,
      passing: {
        mainThreadUsPerEvent: median(passing.map((s) => (s.mainThreadCpuMs * 1000) / s.sent)),
        collectorUsPerEvent: median(passing.map((s) => (s.collectorCpuMs * 1000) / s.sent)),
        logRoundTripMs: median(passing.map((s) => s.requests.logs.roundTripMs)),
      },
      steps: results[side],
    };
  };
  const plugin = summary('plugin');
  const bare = summary('bare');
  return {
    criteria,
    staircase,
    settledFromStep: settledFrom === undefined ? undefined : settledFrom + 1,
    loadAverage: [loadBefore, loadavg()[0]!],
    plugin,
    bare,
    ratio: plugin.perSecond / bare.perSecond,
  };
}

if (import.meta.main) {
  const [mode, side, a, b, c] = process.argv.slice(2);
  if (side !== 'plugin' && side !== 'bare')
    throw new Error('usage: node bench/throughput.ts emit <plugin|bare> <events per second> <seconds> [drain limit, ms] | records <plugin|bare> <events>');
  // Exits at once: an emitter that gave up waiting for its backlog leaves exports behind.
  if (mode === 'emit') process.stdout.write(`${JSON.stringify(await emit(side, Number(a), Number(b), Number(c ?? 60_000)))}\n`, () => process.exit(0));
  else if (mode === 'records') console.log(JSON.stringify(await records(side, Number(a))));
  else throw new Error(`unknown mode ${mode}`);
}
