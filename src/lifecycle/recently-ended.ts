import type { SpanContext } from '@opentelemetry/api';
import { PairMap } from '../pair-map.js';

/** How many ended contacts are remembered for late events. */
export const RECENTLY_ENDED_MAX = 1024;

/**
 * Contacts ended lately, by an event or by the instrumentation (timeout,
 * eviction, ...), so that a repeated end or a late event joins the span that
 * ended instead of reconstructing a second one or opening one nobody ends.
 * Only its ids and end time are kept (never the span, which holds all its attributes and events);
 * bounded, oldest forgotten first (a ring of the keys in the order they
 * were remembered).
 */
interface Ended {
  readonly operatorKey: string;
  readonly idKey: string;
  /** A copy of the three ids: the span's own context object may carry more. */
  readonly context: SpanContext;
  /** When it ended, epoch ms: an attend stamped before it is a late one, not a new contact. */
  readonly endMs: number;
}

export class RecentlyEnded {
  readonly #ended = new PairMap<Ended>();
  readonly #ring: Array<Ended | undefined> = new Array(RECENTLY_ENDED_MAX);
  #next = 0;

  get(operatorKey: string, idKey: string): SpanContext | undefined {
    return this.#ended.get(operatorKey, idKey)?.context;
  }

  /** When the contact ended, epoch ms, if it is remembered. */
  endedAt(operatorKey: string, idKey: string): number | undefined {
    return this.#ended.get(operatorKey, idKey)?.endMs;
  }

  clear(): void {
    this.#ended.clear();
    this.#ring.fill(undefined);
  }

  remember(operatorKey: string, idKey: string, context: SpanContext, endMs: number): void {
    const slot = this.#next;
    this.#next = (slot + 1) % RECENTLY_ENDED_MAX;
    const oldest = this.#ring[slot];
    // Forget the oldest, unless it was remembered again since (then a newer slot holds it).
    if (oldest && this.#ended.get(oldest.operatorKey, oldest.idKey) === oldest) this.#ended.delete(oldest.operatorKey, oldest.idKey);
    const ended: Ended = { operatorKey, idKey, context: { traceId: context.traceId, spanId: context.spanId, traceFlags: context.traceFlags }, endMs };
    this.#ring[slot] = ended;
    this.#ended.set(operatorKey, idKey, ended);
  }
}
