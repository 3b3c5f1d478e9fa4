import { context, isSpanContextValid, SpanKind, trace, type AttributeValue, type Link, type SpanContext } from '@opentelemetry/api';
import { CONTACT_ACTIONS } from '../events/enums.js';
import { parseIsoDateTime } from '../events/iso-date-time.js';
import type { ParsedEvents } from '../events/validate.js';
import { EVENT_RULES } from '../events/field-rules.js';
import { slotsOf, type IngestEvent } from '../ingest/ingest-event.js';
import { ATTR_CONTACT_ACTION, ATTR_CONTACT_END_REASON, ATTR_CONTACT_RECONSTRUCTED, SPAN_CONTACT, SPAN_EVENT_CONTACT_PREFIX } from '../semconv.js';
import { OpenSpans, type OpenSpan } from './open-spans.js';
import { timeInput } from '../time-input.js';
import { RecentlyEnded } from './recently-ended.js';
import { changedAttributes, eventNames, spanAttributes } from './span-events.js';
import { metricOperator, type SpanOwner } from './span-owner.js';

type ContactFields = ParsedEvents['contact'];
const AT = /*#__PURE__*/ slotsOf<ContactFields>(EVENT_RULES.contact);

/** The fields a contact's lifecycle reads, from the snapshot. */
function contactFields(ev: IngestEvent) {
  const s = ev.slots;
  return {
    contact_id: s[AT.contact_id] as string,
    action: s[AT.action] as ContactFields['action'],
    contact_channel: s[AT.contact_channel] as string,
    contact_type: s[AT.contact_type] as string,
    contact_start_time: s[AT.contact_start_time] as string | undefined,
    contact_duration: s[AT.contact_duration] as number | undefined,
  };
}

export interface OpenContact extends OpenSpan {
  channel: string;
  type: string;
  readonly operatorId: string | undefined;
  /** What the span last heard of each attribute, so span events carry only changes. */
  readonly last: Record<string, AttributeValue | undefined>;
}

const EVENT_NAMES = eventNames(SPAN_EVENT_CONTACT_PREFIX, CONTACT_ACTIONS);

/** A link to the span active where the contact started (e.g. the request that relayed the attend). */
function activeLinks(): Link[] | undefined {
  const active = trace.getSpan(context.active());
  return active && isSpanContextValid(active.spanContext()) ? [{ context: active.spanContext() }] : undefined;
}

/** Epoch ms to seconds, never negative (event timestamps can arrive out of order). */
export const seconds = (fromMs: number, toMs: number): number => Math.max(0, toMs - fromMs) / 1000;

/**
 * Contacts as spans: `attend` opens `call_center.contact`, `end` or
 * `terminate` closes it, every other action on an open contact is a span
 * event. Contact spans are roots: a contact lasts minutes, not the duration of
 * whatever request relayed its attend (that request is linked instead).
 */
export class ContactSpans {
  readonly open = new OpenSpans<OpenContact>('contact', (entry, reason, endMs, forced) =>
    entry.owner.metrics.contactClosed({
      seconds: seconds(entry.startMs, endMs),
      channel: entry.channel,
      type: entry.type,
      endReason: reason,
      operator: metricOperator(entry.owner, entry.operatorId),
      forced,
    }),
  );
  readonly #recent = new RecentlyEnded();
  /** Resolves (and hooks) the SDK provider a new span comes from. */
  readonly #providerOf: (owner: SpanOwner) => object;

  constructor(providerOf: (owner: SpanOwner) => object) {
    this.#providerOf = providerOf;
  }

  forgetEnded(): void {
    this.#recent.clear();
  }

  /** Applies one accepted contact event; returns the span context its log record belongs to, if any. */
  onEvent(ev: IngestEvent, owner: SpanOwner): SpanContext | undefined {
    const event = contactFields(ev);
    // A contact is identified by its id, per operator when the operator is known (operator ids are never empty).
    const operatorKey = ev.operator?.id ?? '';
    const idKey = event.contact_id;
    const open = this.open.get(operatorKey, idKey);
    const { action } = event;
    if (action === 'end' || action === 'terminate') {
      if (!open) return this.#recent.get(operatorKey, idKey) ?? this.#reconstruct(operatorKey, ev, event, owner);
      this.#update(open, ev, event);
      this.open.end(open, action, ev.timeMs);
      const ended = open.span.spanContext();
      this.#recent.remember(operatorKey, idKey, ended);
      return ended;
    }
    if (open) {
      open.span.addEvent(EVENT_NAMES[action]!, changedAttributes(ATTR_CONTACT_ACTION, action, ev.attributes, open.last), timeInput(ev.timeMs));
      if (action === 'update') this.#update(open, ev, event);
      return open.span.spanContext();
    }
    // A late event of a contact that has ended still links to its span.
    if (action !== 'attend') return this.#recent.get(operatorKey, idKey);

    const attributes = spanAttributes(ev.attributes);
    const span = owner.tracer.startSpan(SPAN_CONTACT, { kind: SpanKind.INTERNAL, root: true, startTime: timeInput(ev.timeMs), attributes, links: activeLinks() });
    const entry: OpenContact = {
      span,
      operatorKey,
      idKey,
      startMs: ev.timeMs,
      owner,
      provider: this.#providerOf(owner),
      channel: event.contact_channel,
      type: event.contact_type,
      operatorId: ev.operator?.id,
      last: { ...attributes },
    };
    this.open.add(entry, ev.timeMs);
    owner.metrics.contactOpened(entry.channel, metricOperator(owner, entry.operatorId));
    return span.spanContext();
  }

  /** An update or the end: the span takes the event's attributes, and its metrics follow a changed channel or type. */
  #update(open: OpenContact, ev: IngestEvent, event: ReturnType<typeof contactFields>): void {
    open.span.setAttributes(spanAttributes(ev.attributes));
    if (open.channel !== event.contact_channel) open.owner.metrics.contactOpened(event.contact_channel, metricOperator(open.owner, open.operatorId));
    open.channel = event.contact_channel;
    open.type = event.contact_type;
  }

  /**
   * An end with no open span: where the event says when the contact started
   * (`contact_start_time`, else `contact_duration`), the span is emitted
   * after the fact, marked reconstructed.
   */
  #reconstruct(operatorKey: string, ev: IngestEvent, event: ReturnType<typeof contactFields>, owner: SpanOwner): SpanContext | undefined {
    let startMs: number;
    if (event.contact_start_time !== undefined) startMs = parseIsoDateTime(event.contact_start_time);
    else if (event.contact_duration !== undefined) startMs = ev.timeMs - event.contact_duration * 1000;
    else return undefined;
    startMs = Math.min(startMs, ev.timeMs);
    const span = owner.tracer.startSpan(SPAN_CONTACT, {
      kind: SpanKind.INTERNAL,
      root: true,
      startTime: timeInput(startMs),
      attributes: spanAttributes(ev.attributes),
      links: activeLinks(),
    });
    span.setAttribute(ATTR_CONTACT_RECONSTRUCTED, true);
    span.setAttribute(ATTR_CONTACT_END_REASON, event.action);
    span.end(timeInput(ev.timeMs));
    owner.metrics.contactClosed({
      seconds: seconds(startMs, ev.timeMs),
      channel: event.contact_channel,
      type: event.contact_type,
      endReason: event.action,
      operator: metricOperator(owner, ev.operator?.id),
      forced: false,
    });
    const ended = span.spanContext();
    this.#recent.remember(operatorKey, event.contact_id, ended);
    return ended;
  }
}
