// An exporter wrapper that carries the examples (relay, demo) through
// collector outages without letting one bad batch hold up the rest.
//
// The OTLP exporters retry a failed export for about their `timeoutMillis`
// (10 s) and then the SDK's batch processor drops the batch. Wrapped, every
// batch is accepted at once (the processor keeps flowing) and sent in order,
// one at a time, with these rules (retry-policy.ts says how a failure is
// recognised in what the exporter reports):
//  - refused (a 4xx other than 408/429, or a batch the exporter cannot
//    serialise): sending it again gets the same answer, so it is dropped at
//    once, counted in `refused`, reported through diag.warn with the status
//    and the item count, and the next batch goes out right away;
//  - not delivered for now (no answer, 408, 429, 5xx): kept, with the batches
//    behind it, and retried with exponential backoff (doubling from
//    `retryIntervalMs`, capped at `maxRetryIntervalMs`, jittered);
//  - what does not fit in `maxBufferedItems` is dropped oldest first, and
//    what is still kept when `shutdown()` gives up, both counted in `dropped`
//    and reported. Never silent.
//
// Why a buffer of our own here, and not in production: it lives in the
// application's memory, so it bridges a collector restart but not a crash or
// restart of the application itself, and it holds no more than memory
// allows. For production the project recommends the collector-agent pattern
// (README, "Delivery and collector outages"): a collector next to each
// relay, on loopback, with a persistent sending queue on disk. The agent is
// then the only thing the relay talks to and it is rarely down for long;
// what it has acknowledged survives a crash of either process and backend
// outages as long as its disk allows, and the relay holds only what it has
// not yet handed over. This buffer stays because the examples must run with
// nothing but Node, and because even an agent restarts: the same rules are
// right for that hop.
import { diag } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { AggregationSelector, AggregationTemporalitySelector } from '@opentelemetry/sdk-metrics';
import { classifyExportFailure, describeFailure, isRetryable, retryDelayMs, type ExportFailure } from './retry-policy.ts';

interface Exporter<B> {
  export(batch: B, done: (result: ExportResult) => void): void;
  forceFlush?(): Promise<void>;
  shutdown(): Promise<void>;
  /** A metric exporter's (PushMetricExporter): passed through, so that wrapping keeps its temporality. */
  selectAggregationTemporality?: AggregationTemporalitySelector;
  /** A metric exporter's: passed through. */
  selectAggregation?: AggregationSelector;
}

export interface OutageBufferOptions<B> {
  /** Items (log records, spans, metric exports) kept while the collector cannot take them. @default 100_000 */
  maxBufferedItems?: number;
  /** Wait before the first retry of a batch not delivered; it doubles with each failure in a row. @default 1_000 */
  retryIntervalMs?: number;
  /** Longest wait between retries. @default 30_000 */
  maxRetryIntervalMs?: number;
  /** Source of the retry jitter, a number in [0, 1). @default Math.random */
  random?: () => number;
  /** How long `shutdown()` keeps trying to deliver what is kept before dropping it. @default 10_000 */
  shutdownTimeoutMs?: number;
  /** How many items a batch holds. @default array length, else 1 */
  sizeOf?: (batch: B) => number;
  /** Name in diag messages. @default 'exporter' */
  name?: string;
}

const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;

interface Kept<B> {
  batch: B;
  size: number;
}

export class OutageBuffer<B> implements Exporter<B> {
  readonly #inner: Exporter<B>;
  readonly #queue: Array<Kept<B>> = [];
  readonly #max: number;
  readonly #backoff: { initialMs: number; maxMs: number; random: () => number };
  readonly #shutdownMs: number;
  readonly #sizeOf: (batch: B) => number;
  readonly #name: string;
  #buffered = 0;
  #sending = false;
  #closed = false;
  /** shutdown() is sending what is kept: retries come at the first interval, not the outage's backoff, so the window holds several. */
  #draining = false;
  /** When the last attempt failed and was kept (performance.now()). */
  #lastFailureAt = Number.NEGATIVE_INFINITY;
  /** When the last attempt a forceFlush made failed. */
  #forcedFailureAt = Number.NEGATIVE_INFINITY;
  /** Failures in a row of the batch at the head of the queue. */
  #streak = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Waiting for everything kept to be sent. */
  #idle: Array<() => void> = [];
  /** Waiting for everything kept to be sent, or for a failure that keeps it (forceFlush). */
  #settled: Array<() => void> = [];
  /** Items the collector accepted. */
  delivered = 0;
  /** Items in batches the collector refused, or that could not be serialised: dropped at once. */
  refused = 0;
  /** Items dropped because the buffer was full, or still kept when shutdown gave up. */
  dropped = 0;
  /** Export attempts that failed and were kept for a retry. */
  failures = 0;
  /** The last failed export, classified. */
  lastFailure: ExportFailure | undefined;
  readonly selectAggregationTemporality?: AggregationTemporalitySelector;
  readonly selectAggregation?: AggregationSelector;

  constructor(inner: Exporter<B>, options: OutageBufferOptions<B> = {}) {
    this.#inner = inner;
    this.#max = options.maxBufferedItems ?? 100_000;
    this.#backoff = { initialMs: options.retryIntervalMs ?? 1_000, maxMs: options.maxRetryIntervalMs ?? 30_000, random: options.random ?? Math.random };
    this.#shutdownMs = options.shutdownTimeoutMs ?? 10_000;
    this.#sizeOf = options.sizeOf ?? ((batch) => (Array.isArray(batch) ? batch.length : 1));
    this.#name = options.name ?? 'exporter';
    if (inner.selectAggregationTemporality) this.selectAggregationTemporality = inner.selectAggregationTemporality.bind(inner);
    if (inner.selectAggregation) this.selectAggregation = inner.selectAggregation.bind(inner);
  }

  /** Its name in what it says (`logs`, `traces`). */
  get name(): string {
    return this.#name;
  }

  /** Items waiting to be sent. */
  get buffered(): number {
    return this.#buffered;
  }

  export(batch: B, done: (result: ExportResult) => void): void {
    if (this.#closed) {
      done({ code: ExportResultCode.FAILED, error: new Error(`${this.#name}: export after shutdown`) });
      return;
    }
    const size = this.#sizeOf(batch);
    // The batch in flight (always the head) is not ours to drop.
    const keep = this.#sending ? 1 : 0;
    let dropped = 0;
    while (this.#buffered + size > this.#max && this.#queue.length > keep) {
      const oldest = this.#queue.splice(keep, 1)[0]!;
      this.#buffered -= oldest.size;
      dropped += oldest.size;
    }
    if (dropped) {
      this.dropped += dropped;
      diag.warn(`${this.#name}: collector unreachable and buffer full (${items(this.#max)}): dropped ${dropped} oldest (${this.dropped} in all)`);
    }
    this.#queue.push({ batch, size });
    this.#buffered += size;
    // Accepted: the SDK's processor keeps flowing, and memory is bounded here.
    done({ code: ExportResultCode.SUCCESS });
    this.#pump();
  }

  #pump(): void {
    if (this.#sending || this.#timer) return;
    const head = this.#queue[0];
    if (!head) {
      for (const resolve of [...this.#idle.splice(0), ...this.#settled.splice(0)]) resolve();
      return;
    }
    if (this.#closed) return;
    this.#sending = true;
    let answered = false;
    const answer = (result: ExportResult, thrown = false) => {
      if (answered) return;
      answered = true;
      this.#sending = false;
      this.#settle(head, result, thrown);
    };
    try {
      this.#inner.export(head.batch, (result) => answer(result));
    } catch (error) {
      // The exporter serialises inside export(): a batch it cannot encode throws here.
      answer({ code: ExportResultCode.FAILED, error: error as Error }, true);
    }
  }

  #settle(head: Kept<B>, result: ExportResult, thrown: boolean): void {
    if (result.code === ExportResultCode.SUCCESS) {
      this.#remove(head);
      this.delivered += head.size;
      this.#streak = 0;
      this.#pump();
      return;
    }
    const failure = classifyExportFailure(result.error, { thrown });
    this.lastFailure = failure;
    if (!isRetryable(failure)) {
      this.#remove(head);
      this.refused += head.size;
      this.#streak = 0;
      // The status and its text only: the collector's answer quotes the payload around what it could not parse.
      const what = `${failure.kind === 'refused' ? 'the collector refused' : 'could not serialise'} a batch of ${items(head.size)} (${describeFailure(failure)})`;
      diag.warn(`${this.#name}: ${what}: dropped it, sending what follows (${this.refused} refused in all)`);
      this.#pump();
      return;
    }
    this.failures++;
    this.#streak++;
    this.#lastFailureAt = performance.now();
    for (const resolve of this.#settled.splice(0)) resolve();
    if (this.#closed) return; // shutdown() counts what is left
    const backoff = retryDelayMs(this.#streak, this.#backoff);
    // After an outage of minutes the backoff is longer than shutdown's window: it would try once, then sleep through it.
    const delay = this.#draining ? Math.min(backoff, this.#backoff.initialMs) : backoff;
    if (this.#streak === 1 || this.#streak % 10 === 0) {
      diag.warn(`${this.#name}: export failed (${describeFailure(failure)}); keeping ${items(this.#buffered)}, next retry in ${delay} ms`);
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#pump();
    }, delay);
    // A retry alone does not keep the application alive; shutdown() and forceFlush() do, while they wait.
    this.#timer.unref?.();
  }

  #remove(entry: Kept<B>): void {
    const at = this.#queue.indexOf(entry);
    if (at < 0) return;
    this.#queue.splice(at, 1);
    this.#buffered -= entry.size;
  }

  /**
   * Tries to send what is kept now, skipping a retry's wait: resolves once it
   * is all sent, at the first failure that keeps it (it stays kept, and is
   * retried later), or after `timeoutMs`. The SDK's batch processors call
   * this once per batch as they flush: with the collector down, the first
   * call costs one attempt, not a wait for the collector to come back, and
   * the calls that follow within the first retry interval of its failure
   * make no new one (each attempt through the OTLP exporter can take most of
   * its own time-out: one per batch would make a shutdown last minutes).
   */
  async forceFlush(timeoutMs = 30_000): Promise<void> {
    const began = performance.now();
    if (this.#timer === undefined || began - this.#forcedFailureAt >= this.#backoff.initialMs) {
      await this.#sendNow(this.#settled, timeoutMs);
      if (this.#lastFailureAt >= began) this.#forcedFailureAt = this.#lastFailureAt;
    }
    await this.#inner.forceFlush?.();
  }

  async #sendNow(waiters: Array<() => void>, timeoutMs: number): Promise<void> {
    if (this.#queue.length === 0) return;
    const done = new Promise<void>((resolve) => waiters.push(resolve));
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#pump();
    }
    let deadline: ReturnType<typeof setTimeout> | undefined;
    // Not unref'd: whoever awaits this must not see the process end under them (Node exits 13 on an unsettled top-level await).
    await Promise.race([done, new Promise<void>((resolve) => (deadline = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(deadline);
  }

  /** Keeps sending (retries included) for up to `shutdownTimeoutMs`, then drops and counts what is left. */
  async shutdown(): Promise<void> {
    if (this.#closed) return;
    this.#draining = true;
    await this.#sendNow(this.#idle, this.#shutdownMs);
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    // Waits for the export in flight, if any: it may still deliver or be refused, and is counted so.
    await this.#inner.shutdown();
    if (this.#buffered > 0) {
      const left = this.#buffered;
      this.dropped += left;
      this.#queue.length = 0;
      this.#buffered = 0;
      diag.warn(`${this.#name}: shut down with the collector unreachable: dropped ${items(left)} (${this.dropped} in all)`);
    }
    for (const resolve of [...this.#idle.splice(0), ...this.#settled.splice(0)]) resolve();
  }
}
