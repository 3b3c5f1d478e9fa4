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
  private readonly _open = new Map<string, T>();
  private readonly _limits: () => OpenSpanLimits;
  private readonly _forceEnd: (entry: T, reason: ForcedEndReason, atMs: number) => void;

  constructor(limits: () => OpenSpanLimits, forceEnd: (entry: T, reason: ForcedEndReason, atMs: number) => void) {
    this._limits = limits;
    this._forceEnd = forceEnd;
  }

  get size(): number {
    return this._open.size;
  }

  get(key: string): T | undefined {
    return this._open.get(key);
  }

  /** Adds an entry, first evicting the oldest ones if the maximum is reached. */
  add(key: string, entry: T, nowMs: number): void {
    const { max } = this._limits();
    for (const [oldestKey, oldest] of this._open) {
      if (this._open.size < max) break;
      this._open.delete(oldestKey);
      this._forceEnd(oldest, 'evicted', nowMs);
    }
    this._open.set(key, entry);
  }

  delete(key: string): void {
    this._open.delete(key);
  }

  /** Ends every span open longer than the timeout. */
  sweep(nowMs: number): void {
    const { timeoutMs } = this._limits();
    for (const [key, entry] of this._open) {
      if (nowMs - entry.startMs <= timeoutMs) continue;
      this._open.delete(key);
      this._forceEnd(entry, 'timeout', nowMs);
    }
  }

  /** Ends every open span, e.g. on disable or provider shutdown. */
  endAll(reason: ForcedEndReason, nowMs: number): void {
    const entries = [...this._open.values()];
    this._open.clear();
    for (const entry of entries) this._forceEnd(entry, reason, nowMs);
  }
}
