import { ROOT_CONTEXT, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import { PairMap } from '../pair-map.js';
import { timeInput } from '../time-input.js';
import type { OpenSpan } from './open-spans.js';
import type { SavedSpan } from './page-session.js';
import type { SpanOwner } from './span-owner.js';

/**
 * A contact or break the previous page had open, continued here on its next
 * event: a new span of the same trace, the previous span's child and linked
 * to it, starting at the event. `attributes` carry the next segment number
 * (`segmentOf`); duration and handle time still count from the original
 * start (`startMs`).
 */
export function continuedSpan(owner: SpanOwner, provider: object, name: string, saved: SavedSpan, attributes: Attributes, timeMs: number): OpenSpan {
  const previous = { traceId: saved.traceId, spanId: saved.spanId, traceFlags: saved.traceFlags };
  const span = owner.tracer.startSpan(
    name,
    { kind: SpanKind.INTERNAL, startTime: timeInput(timeMs), attributes, links: [{ context: previous }] },
    trace.setSpanContext(ROOT_CONTEXT, { ...previous, isRemote: true }),
  );
  return { span, operatorKey: saved.operatorKey, idKey: saved.idKey, startMs: saved.startMs, owner, provider, segment: segmentOf(saved) };
}

/** The segment number of the span that continues a saved one. */
export const segmentOf = (saved: SavedSpan): number => saved.segment + 1;

/**
 * Contacts or breaks the previous page saved, waiting here for their next
 * event, which continues them (`continuedSpan`). Until then they are in
 * none of the open spans, but they are not forgotten: saved again if this
 * page goes away too, and ended (recorded) if their timeout passes or the
 * last instrumentation is disabled first.
 */
export class WaitingSpans {
  readonly #byKey = new PairMap<SavedSpan>();
  /** In the order they were saved. */
  readonly #all = new Set<SavedSpan>();

  get size(): number {
    return this.#all.size;
  }

  values(): IterableIterator<SavedSpan> {
    return this.#all.values();
  }

  /** Saved again (the page came back from the back/forward cache): the newer one replaces it. */
  add(saved: SavedSpan): void {
    const old = this.#byKey.get(saved.operatorKey, saved.idKey);
    if (old) this.#all.delete(old);
    this.#byKey.set(saved.operatorKey, saved.idKey, saved);
    this.#all.add(saved);
  }

  /** The one waiting under this key, which stops waiting. */
  take(operatorKey: string, idKey: string): SavedSpan | undefined {
    const saved = this.#byKey.get(operatorKey, idKey);
    if (saved) this.#remove(saved);
    return saved;
  }

  /** Every one that `which` selects, which stop waiting. */
  takeWhere(which: (saved: SavedSpan) => boolean): SavedSpan[] {
    const taken = [...this.#all].filter(which);
    for (const saved of taken) this.#remove(saved);
    return taken;
  }

  #remove(saved: SavedSpan): void {
    this.#all.delete(saved);
    this.#byKey.delete(saved.operatorKey, saved.idKey);
  }
}
