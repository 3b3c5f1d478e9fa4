import type { SpanContext } from '@opentelemetry/api';

/** How many ended contacts are remembered for late events. */
export const RECENTLY_ENDED_MAX = 1024;

/**
 * Contacts ended lately, so that a repeated end or a late event joins the
 * span that ended instead of reconstructing a second one. Only its ids
 * are kept (never the span, which holds all its attributes and
 * events); bounded, oldest forgotten first.
 */
export class RecentlyEnded {
  readonly #ended = new Map<string, SpanContext>();

  get(key: string): SpanContext | undefined {
    return this.#ended.get(key);
  }

  clear(): void {
    this.#ended.clear();
  }

  remember(key: string, context: SpanContext): void {
    this.#ended.delete(key);
    // A copy of the three ids: the span's own context object may carry more.
    this.#ended.set(key, { traceId: context.traceId, spanId: context.spanId, traceFlags: context.traceFlags });
    if (this.#ended.size > RECENTLY_ENDED_MAX) {
      const oldest = this.#ended.keys().next();
      if (!oldest.done) this.#ended.delete(oldest.value);
    }
  }
}
