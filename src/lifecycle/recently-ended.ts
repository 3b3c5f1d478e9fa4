import type { SpanContext } from '@opentelemetry/api';
import { PairMap } from '../pair-map.js';

/** How many ended contacts are remembered for late events. */
export const RECENTLY_ENDED_MAX = 1024;

/**
 * Contacts ended lately, so that a repeated end or a late event joins the
 * span that ended instead of reconstructing a second one. Only its ids are
 * kept (never the span, which holds all its attributes and events);
 * bounded, oldest forgotten first (a ring of the keys in the order they
 * were remembered).
 */
interface Ended {
  readonly operatorKey: string;
  readonly idKey: string;
  /** A copy of the three ids: the span's own context object may carry more. */
  readonly context: SpanContext;
}

export class RecentlyEnded {
  readonly #ended = new PairMap<Ended>();
  readonly #ring: Array<Ended | undefined> = new Array(RECENTLY_ENDED_MAX);
  #next = 0;

  get(operatorKey: string, idKey: string): SpanContext | undefined {
    return this.#ended.get(operatorKey, idKey)?.context;
  }

  clear(): void {
    this.#ended.clear();
    this.#ring.fill(undefined);
  }

  remember(operatorKey: string, idKey: string, context: SpanContext): void {
    const slot = this.#next;
    this.#next = (slot + 1) % RECENTLY_ENDED_MAX;
    const oldest = this.#ring[slot];
    // Forget the oldest, unless it was remembered again since (then a newer slot holds it).
    if (oldest && this.#ended.get(oldest.operatorKey, oldest.idKey) === oldest) this.#ended.delete(oldest.operatorKey, oldest.idKey);
    const ended: Ended = { operatorKey, idKey, context: { traceId: context.traceId, spanId: context.spanId, traceFlags: context.traceFlags } };
    this.#ring[slot] = ended;
    this.#ended.set(operatorKey, idKey, ended);
  }
}
