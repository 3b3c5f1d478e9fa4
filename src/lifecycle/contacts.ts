import { context, isSpanContextValid, SpanKind, trace, type Attributes, type Link, type Span } from '@opentelemetry/api';
import type { ParsedEvents } from '../events/validate.js';
import {
  ATTR_CONTACT_END_REASON,
  ATTR_CONTACT_RECONSTRUCTED,
  SPAN_CONTACT,
  SPAN_EVENT_CONTACT_PREFIX,
} from '../semconv.js';
import { forSpanEvent, seconds, type LifecycleHost, type MetricOperator } from './host.js';
import { OpenSpans, type OpenSpan } from './open-spans.js';

type ContactEvent = ParsedEvents['contact'];

interface OpenContact extends OpenSpan {
  readonly channel: string;
  readonly type: string;
  readonly metricOperator: MetricOperator;
}

/** How many ended contacts are remembered for repeated ends. */
const RECENTLY_ENDED_MAX = 1024;

/** A contact is identified by its id, per operator when the operator is known. */
function contactKey(operatorId: string | undefined, contactId: string): string {
  return operatorId === undefined ? contactId : `${operatorId}\u0000${contactId}`;
}

/** A link to the span active where the contact started (e.g. the request that relayed the attend). */
function activeLinks(): Link[] | undefined {
  const active = trace.getSpan(context.active());
  return active && isSpanContextValid(active.spanContext()) ? [{ context: active.spanContext() }] : undefined;
}

/**
 * Contacts as spans: `attend` opens `call_center.contact`, `end` or
 * `terminate` closes it, every other action on an open contact is a span
 * event. Contact spans are roots: a contact lasts minutes, not the duration of
 * whatever request relayed its attend (that request is linked instead).
 */
export class ContactSpans {
  readonly open: OpenSpans<OpenContact>;
  readonly #host: LifecycleHost;
  /**
   * Contacts ended lately, so that a repeated end joins the span it ended
   * instead of reconstructing a second one. Bounded: oldest forgotten first.
   */
  readonly #recentlyEnded = new Map<string, Span>();

  constructor(host: LifecycleHost) {
    this.#host = host;
    this.open = new OpenSpans('contact', () => host.contactLimits, (entry, reason, endMs, forced) =>
      host.metrics.contactClosed(seconds(entry.startMs, endMs), entry.channel, entry.type, reason, entry.metricOperator, true, forced),
    );
  }

  /** Applies one accepted contact event; returns the span its log record belongs to, if any. */
  onEvent(
    event: ContactEvent,
    attributes: Attributes,
    operatorId: string | undefined,
    metricOperator: MetricOperator,
    timeMs: number,
  ): Span | undefined {
    const key = contactKey(operatorId, event.contact_id);
    const open = this.open.get(key);
    const action = event.action;
    if (action === 'end' || action === 'terminate') {
      if (!open) {
        const ended = this.#recentlyEnded.get(key);
        if (ended) return ended;
        const rebuilt = this.#reconstruct(event, attributes, metricOperator, timeMs);
        if (rebuilt) this.#remember(key, rebuilt);
        return rebuilt;
      }
      this.#remember(key, open.span);
      open.span.setAttributes(attributes);
      this.open.end(key, open, action, timeMs);
      return open.span;
    }
    if (open) {
      open.span.addEvent(SPAN_EVENT_CONTACT_PREFIX + action, forSpanEvent(attributes), timeMs);
      if (action === 'update') open.span.setAttributes(attributes);
      return open.span;
    }
    if (action !== 'attend') return undefined;

    const span = this.#host.tracer.startSpan(SPAN_CONTACT, {
      kind: SpanKind.INTERNAL,
      root: true,
      startTime: timeMs,
      attributes,
      links: activeLinks(),
    });
    const entry: OpenContact = {
      span,
      startMs: timeMs,
      channel: event.contact_channel,
      type: event.contact_type,
      metricOperator,
    };
    this.open.add(key, entry, timeMs);
    this.#host.metrics.contactOpened(entry.channel, metricOperator);
    this.#host.spanOpened();
    return span;
  }

  #remember(key: string, span: Span): void {
    this.#recentlyEnded.delete(key);
    this.#recentlyEnded.set(key, span);
    if (this.#recentlyEnded.size > RECENTLY_ENDED_MAX) {
      const oldest = this.#recentlyEnded.keys().next();
      if (!oldest.done) this.#recentlyEnded.delete(oldest.value);
    }
  }

  /**
   * An end with no open span: where the event says when the contact started
   * (`contact_start_time`, else `contact_duration`), the span is emitted
   * after the fact, marked reconstructed.
   */
  #reconstruct(event: ContactEvent, attributes: Attributes, metricOperator: MetricOperator, timeMs: number): Span | undefined {
    let startMs: number;
    if (event.contact_start_time !== undefined) startMs = Date.parse(event.contact_start_time);
    else if (event.contact_duration !== undefined) startMs = timeMs - event.contact_duration * 1000;
    else return undefined;
    startMs = Math.min(startMs, timeMs);
    const span = this.#host.tracer.startSpan(SPAN_CONTACT, {
      kind: SpanKind.INTERNAL,
      root: true,
      startTime: startMs,
      attributes,
      links: activeLinks(),
    });
    span.setAttribute(ATTR_CONTACT_RECONSTRUCTED, true);
    span.setAttribute(ATTR_CONTACT_END_REASON, event.action);
    span.end(timeMs);
    const { contact_channel: channel, contact_type: type, action } = event;
    this.#host.metrics.contactClosed(seconds(startMs, timeMs), channel, type, action, metricOperator, false, false);
    return span;
  }
}
