import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { ATTR_BREAK_END_REASON, ATTR_CONTACT_END_REASON } from '../semconv.js';

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

/** Told when a span of this kind has ended, by an event or forced: for the owner's metrics. */
export type ClosedFunction<T> = (entry: T, reason: string, endMs: number, forced: boolean) => void;

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

/**
 * The open spans of one kind, keyed, bounded in number and in age. Oldest
 * first is insertion order (a Map keeps it), so eviction takes the first entry.
 * Every way a span leaves (its ending event, timeout, eviction, disable,
 * shutdown) goes through one place that records the end reason, marks forced
 * ends ERROR with a description, ends the span no earlier than it started,
 * and tells the owner.
 */
export class OpenSpans<T extends OpenSpan> {
  readonly #open = new Map<string, T>();
  readonly #kind: 'contact' | 'break';
  readonly #limits: () => OpenSpanLimits;
  readonly #closed: ClosedFunction<T>;

  constructor(kind: 'contact' | 'break', limits: () => OpenSpanLimits, closed: ClosedFunction<T>) {
    this.#kind = kind;
    this.#limits = limits;
    this.#closed = closed;
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
      this.#end(oldest, 'evicted', nowMs, true);
    }
    this.#open.set(key, entry);
  }

  /** Ends an open span on the event that closes it (`end`, `terminate`). */
  end(key: string, entry: T, reason: string, atMs: number): void {
    this.#open.delete(key);
    this.#end(entry, reason, atMs, false);
  }

  /** Ends every span open longer than the timeout. */
  sweep(nowMs: number): void {
    const { timeoutMs } = this.#limits();
    for (const [key, entry] of this.#open) {
      if (nowMs - entry.startMs <= timeoutMs) continue;
      this.#open.delete(key);
      this.#end(entry, 'timeout', nowMs, true);
    }
  }

  /** Ends every open span, e.g. on disable or provider shutdown. */
  endAll(reason: ForcedEndReason, nowMs: number): void {
    const entries = [...this.#open.values()];
    this.#open.clear();
    for (const entry of entries) this.#end(entry, reason, nowMs, true);
  }

  #end(entry: T, reason: string, atMs: number, forced: boolean): void {
    const endMs = Math.max(atMs, entry.startMs);
    const { span } = entry;
    span.setAttribute(this.#kind === 'contact' ? ATTR_CONTACT_END_REASON : ATTR_BREAK_END_REASON, reason);
    if (forced) span.setStatus({ code: SpanStatusCode.ERROR, message: forcedEndMessage(this.#kind, reason as ForcedEndReason, this.#limits()) });
    span.end(endMs);
    this.#closed(entry, reason, endMs, forced);
  }
}
