// An exporter wrapper for collector outages. The OTLP exporters retry a
// failed export a few times (about 8 s in all) and then the SDK's batch
// processor drops the batch. Wrapped, a batch that fails is kept, bounded,
// and re-sent in order when the collector is back; what does not fit is
// dropped oldest first, counted and reported through diag. Never silent.
import { diag } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';

interface Exporter<B> {
  export(batch: B, done: (result: ExportResult) => void): void;
  forceFlush?(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface OutageBufferOptions<B> {
  /** Items (log records, spans, metric exports) kept while the collector is unreachable. @default 100_000 */
  maxBufferedItems?: number;
  /** Wait between retries of the oldest kept batch. @default 1_000 */
  retryIntervalMs?: number;
  /** How many items a batch holds. @default array length, else 1 */
  sizeOf?: (batch: B) => number;
  /** Name in diag messages. */
  name?: string;
}

export class OutageBuffer<B> implements Exporter<B> {
  readonly #inner: Exporter<B>;
  readonly #queue: Array<{ batch: B; size: number }> = [];
  readonly #max: number;
  readonly #retryMs: number;
  readonly #sizeOf: (batch: B) => number;
  readonly #name: string;
  #buffered = 0;
  #sending = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #idle: Array<() => void> = [];
  /** Items dropped because the buffer was full. */
  dropped = 0;
  /** Export attempts that failed and were kept for a retry. */
  failures = 0;

  constructor(inner: Exporter<B>, options: OutageBufferOptions<B> = {}) {
    this.#inner = inner;
    this.#max = options.maxBufferedItems ?? 100_000;
    this.#retryMs = options.retryIntervalMs ?? 1_000;
    this.#sizeOf = options.sizeOf ?? ((batch) => (Array.isArray(batch) ? batch.length : 1));
    this.#name = options.name ?? 'exporter';
  }

  /** Items waiting to be sent. */
  get buffered(): number {
    return this.#buffered;
  }

  export(batch: B, done: (result: ExportResult) => void): void {
    const size = this.#sizeOf(batch);
    let dropped = 0;
    while (this.#buffered + size > this.#max && this.#queue.length > (this.#sending ? 1 : 0)) {
      const oldest = this.#queue.splice(this.#sending ? 1 : 0, 1)[0]!;
      this.#buffered -= oldest.size;
      dropped += oldest.size;
    }
    if (dropped) {
      this.dropped += dropped;
      diag.warn(`${this.#name}: collector unreachable and buffer full (${this.#max} items): dropped ${dropped} oldest (${this.dropped} in all)`);
    }
    this.#queue.push({ batch, size });
    this.#buffered += size;
    // Accepted: the SDK's processor keeps flowing, and memory is bounded here.
    done({ code: ExportResultCode.SUCCESS });
    this.#pump();
  }

  #pump(): void {
    if (this.#sending || this.#timer) return;
    const next = this.#queue[0];
    if (!next) {
      for (const resolve of this.#idle.splice(0)) resolve();
      return;
    }
    this.#sending = true;
    this.#inner.export(next.batch, (result) => {
      this.#sending = false;
      if (result.code === ExportResultCode.SUCCESS) {
        this.#queue.shift();
        this.#buffered -= next.size;
        this.#pump();
        return;
      }
      this.failures++;
      if (this.failures === 1 || this.failures % 10 === 0) {
        diag.warn(`${this.#name}: export failed (${result.error?.message ?? 'unknown error'}); keeping ${this.#buffered} items and retrying every ${this.#retryMs} ms`);
      }
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#pump();
      }, this.#retryMs);
      this.#timer.unref?.();
    });
  }

  /** Resolves when everything kept has been sent, or after `timeoutMs`. */
  async forceFlush(timeoutMs = 30_000): Promise<void> {
    if (this.#queue.length > 0) {
      await Promise.race([
        new Promise<void>((resolve) => this.#idle.push(resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref?.()),
      ]);
    }
    await this.#inner.forceFlush?.();
  }

  async shutdown(): Promise<void> {
    await this.forceFlush(10_000);
    if (this.#buffered > 0) {
      this.dropped += this.#buffered;
      diag.warn(`${this.#name}: shut down with the collector unreachable: dropped ${this.#buffered} items (${this.dropped} in all)`);
    }
    if (this.#timer) clearTimeout(this.#timer);
    await this.#inner.shutdown();
  }
}
