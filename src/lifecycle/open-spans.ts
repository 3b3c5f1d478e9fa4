import type { Span } from '@opentelemetry/api';

/** Why the instrumentation ended a span itself rather than on an event. */
export type ForcedEndReason = 'timeout' | 'evicted' | 'disabled' | 'shutdown' | 'page_hide';

export interface OpenSpan {
  readonly span: Span;
  /** When the span started, epoch ms. */
  readonly startMs: number;
}

export interface OpenSpanLimits {
  readonly max: number;
  readonly timeoutMs: number;
}

/**
 * The open spans of one kind, keyed, bounded in number and in age. Oldest
 * first is insertion order (a Map keeps it), so eviction takes the first entry.
 * Ending a span is the owner's business: it is handed back through `forceEnd`.
 */
export class OpenSpans<T extends OpenSpan> {
  readonly #open = new Map<string, T>();
  readonly #limits: () => OpenSpanLimits;
  readonly #forceEnd: (entry: T, reason: ForcedEndReason, atMs: number) => void;

  constructor(limits: () => OpenSpanLimits, forceEnd: (entry: T, reason: ForcedEndReason, atMs: number) => void) {
    this.#limits = limits;
    this.#forceEnd = forceEnd;
  }

  get size(): number {
    return this.#open.size;
  }

  get(key: string): T | undefined {
    return this.#open.get(key);
  }

  /** Adds an entry, first evicting the oldest ones if the maximum is reached. */
  add(key: string, entry: T, nowMs: number): void {
    const { max } = this.#limits();
    for (const [oldestKey, oldest] of this.#open) {
      if (this.#open.size < max) break;
      this.#open.delete(oldestKey);
      this.#forceEnd(oldest, 'evicted', nowMs);
    }
    this.#open.set(key, entry);
  }

  delete(key: string): void {
    this.#open.delete(key);
  }

  /** Ends every span open longer than the timeout. */
  sweep(nowMs: number): void {
    const { timeoutMs } = this.#limits();
    for (const [key, entry] of this.#open) {
      if (nowMs - entry.startMs <= timeoutMs) continue;
      this.#open.delete(key);
      this.#forceEnd(entry, 'timeout', nowMs);
    }
  }

  /** Ends every open span, e.g. on disable or provider shutdown. */
  endAll(reason: ForcedEndReason, nowMs: number): void {
    const entries = [...this.#open.values()];
    this.#open.clear();
    for (const entry of entries) this.#forceEnd(entry, reason, nowMs);
  }
}

/** The status description of a span the instrumentation ended itself. */
export function forcedEndMessage(kind: 'contact' | 'break', reason: ForcedEndReason, limits: OpenSpanLimits): string {
  switch (reason) {
    case 'timeout':
      return `${kind} open longer than ${kind}TimeoutMs (${limits.timeoutMs} ms)`;
    case 'evicted':
      return `more than ${limits.max} ${kind}s open (maxOpen${kind === 'contact' ? 'Contacts' : 'Breaks'}): the oldest was ended`;
    case 'disabled':
      return `instrumentation disabled while the ${kind} was open`;
    case 'shutdown':
      return `tracer provider shut down while the ${kind} was open`;
    case 'page_hide':
      return `the page went away (tab closed, navigation) while the ${kind} was open`;
  }
}
