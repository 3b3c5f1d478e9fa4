import { context, isSpanContextValid, SpanKind, trace, type AttributeValue, type Attributes, type Link, type SpanContext } from '@opentelemetry/api';
import { CONTACT_ACTIONS } from '../events/enums.js';
import { parseIsoDateTime } from '../events/iso-date-time.js';
import type { ParsedEvents } from '../events/validate.js';
import { EVENT_RULES } from '../events/field-rules.js';
import { slotsOf, timeOf, type IngestEvent } from '../ingest/ingest-event.js';
import {
  ATTR_CONTACT_ACTION,
  ATTR_CONTACT_HOLD_COUNT,
  ATTR_CONTACT_HOLD_TIME,
  ATTR_CONTACT_SEGMENT,
  ATTR_CONTACT_WAIT_TIME,
  SPAN_CONTACT,
  SPAN_EVENT_CONTACT_PREFIX,
} from '../semconv.js';
import { beginHold, endHold, noHolds, type Holds } from './holds.js';
import type { SavedSpan } from './page-session.js';
import { continuedSpan, segmentOf, WaitingSpans } from './continued-span.js';
import { OpenSpans, type ForcedEndReason, type OpenSpan } from './open-spans.js';
import { seconds, timeInput } from '../time-input.js';
import { reconstructContact } from './reconstructed-contact.js';
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
  /** Its holds, across page reloads: recorded as they end, totalled on the span at the real end. */
  readonly holds: Holds;
  /** What the span last heard of each attribute, so span events carry only changes. */
  readonly last: Record<string, AttributeValue | undefined>;
  /**
   * Attributes whose value in `last` went into a span event only (an action
   * other than update changed it): the span's own attribute is the older
   * one. An update or the end sets on the span what differs from `last` and
   * these, not every attribute again.
   */
  stale?: Set<string>;
}

const EVENT_NAMES = eventNames(SPAN_EVENT_CONTACT_PREFIX, CONTACT_ACTIONS);

/** A link to the span active where the contact started (e.g. the request that relayed the attend). */
function activeLinks(): Link[] | undefined {
  const active = trace.getSpan(context.active());
  return active && isSpanContextValid(active.spanContext()) ? [{ context: active.spanContext() }] : undefined;
}

/**
 * The time to answer, seconds: the attend minus the contact's start time,
 * when the attend says when the contact started and that is not after the attend.
 */
function timeToAnswer(startTime: string | undefined, attendMs: number): number | undefined {
  if (startTime === undefined) return undefined;
  const startMs = parseIsoDateTime(startTime);
  return startMs <= attendMs ? (attendMs - startMs) / 1000 : undefined;
}

/** What a contact's end records, whether its span is open here or it waited for a page that did not continue it: any open hold up to the end, then its handle time. */
function recordContactEnd(
  owner: SpanOwner,
  contact: Pick<OpenContact, 'channel' | 'type' | 'operatorId' | 'holds' | 'startMs'>,
  reason: string,
  endMs: number,
  forced: boolean,
): void {
  const operator = metricOperator(owner, contact.operatorId);
  const held = endHold(contact.holds, endMs);
  if (held !== undefined) owner.metrics.contactTime('hold', held / 1000, contact.channel, contact.type, operator);
  owner.metrics.contactClosed({ seconds: seconds(contact.startMs, endMs), channel: contact.channel, type: contact.type, endReason: reason, operator, forced });
}

/**
 * Contacts as spans: `attend` opens `call_center.contact`, `end` or
 * `terminate` closes it, every other action on an open contact is a span
 * event. Contact spans are roots: a contact lasts minutes, not the duration of
 * whatever request relayed its attend (that request is linked instead).
 */
export class ContactSpans {
  readonly open = new OpenSpans<OpenContact>('contact', (entry, reason, endMs, forced) => {
    recordContactEnd(entry.owner, entry, reason, endMs, forced);
    entry.span.setAttributes({ [ATTR_CONTACT_HOLD_TIME]: entry.holds.totalMs / 1000, [ATTR_CONTACT_HOLD_COUNT]: entry.holds.count });
    // However it ended (its end event, a timeout, an eviction, ...), its late events join this span.
    this.#recent.remember(entry.operatorKey, entry.idKey, entry.span.spanContext(), endMs);
  });
  readonly #recent = new RecentlyEnded();
  /** Resolves (and hooks) the SDK provider a new span comes from. */
  readonly #providerOf: (owner: SpanOwner) => object;

  constructor(providerOf: (owner: SpanOwner) => object) {
    this.#providerOf = providerOf;
  }

  /** Contacts the previous page in this tab had open, waiting for their next event here. */
  readonly waiting = new WaitingSpans();

  forgetEnded(): void {
    this.#recent.clear();
  }

  /** A contact the previous page had open and this page does not continue (timed out, disabled, not saved again): its end recorded. */
  endWaiting(saved: SavedSpan, owner: SpanOwner, reason: ForcedEndReason, endMs: number): void {
    const atMs = Math.max(endMs, saved.startMs);
    recordContactEnd(owner, { ...saved, holds: saved.holds ? { ...saved.holds } : noHolds() }, reason, atMs, true);
    // Its late events join the span the previous page ended.
    this.#recent.remember(saved.operatorKey, saved.idKey, { traceId: saved.traceId, spanId: saved.spanId, traceFlags: saved.traceFlags }, atMs);
  }

  /** Applies one accepted contact event; returns the span context its log record belongs to, if any. */
  onEvent(ev: IngestEvent, owner: SpanOwner): SpanContext | undefined {
    const event = contactFields(ev);
    // A contact is identified by its id, per operator when the operator is known (operator ids are never empty).
    const operatorKey = ev.operator?.id ?? '';
    const idKey = event.contact_id;
    let open = this.open.get(operatorKey, idKey);
    if (!open && this.waiting.size) open = this.#resume(operatorKey, idKey, ev, owner);
    const { action } = event;
    if (action === 'end' || action === 'terminate') {
      if (!open) {
        const known = this.#recent.get(operatorKey, idKey);
        if (known) return known;
        const rebuilt = reconstructContact(ev, event, owner, activeLinks());
        if (rebuilt) this.#recent.remember(operatorKey, idKey, rebuilt, timeOf(ev));
        return rebuilt;
      }
      this.#update(open, ev, event);
      this.open.end(open, action, timeOf(ev));
      return open.span.spanContext();
    }
    if (open) {
      const timeMs = timeOf(ev);
      const changed = changedAttributes(ATTR_CONTACT_ACTION, action, ev.attributes, open.last);
      open.span.addEvent(EVENT_NAMES[action]!, changed, timeInput(timeMs));
      if (action === 'update') this.#update(open, ev, event, changed);
      else {
        for (const key in changed) if (key !== ATTR_CONTACT_ACTION) (open.stale ??= new Set()).add(key);
      }
      if (action === 'pause') beginHold(open.holds, timeMs);
      else if (action === 'resume') {
        const held = endHold(open.holds, timeMs);
        // Recorded where the contact's handle time is: its owner's instruments, whichever instance relayed the resume.
        if (held !== undefined) open.owner.metrics.contactTime('hold', held / 1000, open.channel, open.type, metricOperator(open.owner, open.operatorId));
      }
      return open.span.spanContext();
    }
    // A late event of a contact that has ended still links to its span; so does an attend stamped before that end
    // (delivered out of order), which must not open a span nobody would end.
    if (action !== 'attend') return this.#recent.get(operatorKey, idKey);
    const timeMs = timeOf(ev);
    const endedMs = this.#recent.endedAt(operatorKey, idKey);
    if (endedMs !== undefined && timeMs <= endedMs) return this.#recent.get(operatorKey, idKey);

    const waitSeconds = timeToAnswer(event.contact_start_time, timeMs);
    // The event's attributes are shared with its log record: a copy takes the wait.
    const attributes = waitSeconds === undefined ? spanAttributes(ev.attributes) : { ...spanAttributes(ev.attributes), [ATTR_CONTACT_WAIT_TIME]: waitSeconds };
    const span = owner.tracer.startSpan(SPAN_CONTACT, { kind: SpanKind.INTERNAL, root: true, startTime: timeInput(timeMs), attributes, links: activeLinks() });
    const entry: OpenContact = {
      span,
      operatorKey,
      idKey,
      startMs: timeMs,
      owner,
      provider: this.#providerOf(owner),
      segment: 1,
      channel: event.contact_channel,
      type: event.contact_type,
      operatorId: ev.operator?.id,
      holds: noHolds(),
      last: { ...attributes },
    };
    this.open.add(entry, timeMs);
    const operator = metricOperator(owner, entry.operatorId);
    owner.metrics.contactOpened(entry.channel, operator);
    if (waitSeconds !== undefined) owner.metrics.contactTime('wait', waitSeconds, entry.channel, entry.type, operator);
    return span.spanContext();
  }

  /**
   * The contact was open when the previous page went away: it goes on in a
   * continued span (`continuedSpan`), its holds so far with it.
   */
  #resume(operatorKey: string, idKey: string, ev: IngestEvent, owner: SpanOwner): OpenContact | undefined {
    const saved = this.waiting.take(operatorKey, idKey);
    if (!saved) return undefined;
    const attributes = { ...spanAttributes(ev.attributes), [ATTR_CONTACT_SEGMENT]: segmentOf(saved) };
    const timeMs = timeOf(ev);
    const entry: OpenContact = {
      ...continuedSpan(owner, this.#providerOf(owner), SPAN_CONTACT, saved, attributes, timeMs),
      channel: saved.channel,
      type: saved.type,
      operatorId: saved.operatorId,
      holds: saved.holds ? { ...saved.holds } : noHolds(),
      last: { ...attributes },
    };
    this.open.add(entry, timeMs);
    owner.metrics.contactOpened(entry.channel, metricOperator(owner, entry.operatorId));
    return entry;
  }

  /**
   * An update or the end: the span takes the event's attributes, and its
   * metrics follow a changed channel or type. Only what the span does not
   * already hold is set: the action, what changed (an update's span event
   * says it; at the end, what differs from `last`) and what went into span
   * events only (`stale`); setting an attribute to the value it has changes
   * nothing the span exports, and each costs the SDK ~40 ns.
   */
  #update(open: OpenContact, ev: IngestEvent, event: ReturnType<typeof contactFields>, changed?: Attributes): void {
    const attributes = spanAttributes(ev.attributes);
    const { span, last, stale } = open;
    if (changed) span.setAttributes(changed);
    for (const key in attributes) {
      const value = attributes[key]!;
      const wasStale = stale?.delete(key) ?? false;
      // An update's span event says what changed (set above); the end, what differs from `last`.
      if (changed ? !wasStale || key in changed : !wasStale && key !== ATTR_CONTACT_ACTION && Object.is(last[key], value)) continue;
      span.setAttribute(key, value);
    }
    if (open.channel !== event.contact_channel) open.owner.metrics.contactOpened(event.contact_channel, metricOperator(open.owner, open.operatorId));
    open.channel = event.contact_channel;
    open.type = event.contact_type;
  }
}
