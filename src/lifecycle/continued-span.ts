import { ROOT_CONTEXT, SpanKind, trace, type Attributes } from '@opentelemetry/api';
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
