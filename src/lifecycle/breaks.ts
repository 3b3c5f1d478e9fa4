import { SpanKind, type AttributeValue, type Attributes, type SpanContext } from '@opentelemetry/api';
import type { SavedSpan } from './page-session.js';
import { BREAK_ACTIONS } from '../events/enums.js';
import type { ParsedEvents } from '../events/validate.js';
import { EVENT_RULES } from '../events/field-rules.js';
import { slotsOf, timeOf, type IngestEvent } from '../ingest/ingest-event.js';
import {
  ATTR_BREAK_ACTION,
  ATTR_BREAK_CONSUMED_TIME,
  ATTR_BREAK_OVERRUN,
  ATTR_BREAK_SEGMENT,
  ATTR_BREAK_TOTAL_TIME,
  ATTR_BREAK_TYPE,
  ATTR_META,
  SPAN_BREAK,
  SPAN_EVENT_BREAK_PREFIX,
} from '../semconv.js';
import { seconds, timeInput } from '../time-input.js';
import { continuedSpan, segmentOf, WaitingSpans } from './continued-span.js';
import { OpenSpans, type ForcedEndReason, type OpenSpan } from './open-spans.js';
import { changedAttributes, eventNames, spanAttributes } from './span-events.js';
import { metricOperator, type SpanOwner } from './span-owner.js';

type BreakFields = ParsedEvents['break'];
const AT = /*#__PURE__*/ slotsOf<BreakFields>(EVENT_RULES.break);

/** The fields a break's lifecycle reads, from the snapshot. */
function breakFields(ev: IngestEvent): Pick<BreakFields, 'type' | 'action' | 'total_time' | 'consumed_time'> {
  const s = ev.slots;
  return {
    type: s[AT.type] as BreakFields['type'],
    action: s[AT.action] as BreakFields['action'],
    total_time: s[AT.total_time] as number,
    consumed_time: s[AT.consumed_time] as number,
  };
}

export interface OpenBreak extends OpenSpan {
  /** Fixed by the `start`: the span's type and its duration metric's always agree. */
  readonly type: string;
  readonly operatorId: string | undefined;
  overrun: boolean;
  readonly last: Record<string, AttributeValue | undefined>;
}

const EVENT_NAMES = eventNames(SPAN_EVENT_BREAK_PREFIX, BREAK_ACTIONS);
/** Operators remembered in `BreakSpans.#overran`. */
const MAX_OVERRAN = 1024;

/** What a break's end records, whether its span is open here or it waited for a page that did not continue it. */
function recordBreakEnd(owner: SpanOwner, entry: Pick<OpenBreak, 'type' | 'operatorId' | 'startMs' | 'overrun'>, reason: string, endMs: number, forced: boolean): void {
  const operator = metricOperator(owner, entry.operatorId);
  owner.metrics.breakClosed({ seconds: seconds(entry.startMs, endMs), type: entry.type, endReason: reason, operator, forced });
  if (entry.overrun) owner.metrics.breakOverran(entry.type, operator);
}

/**
 * Breaks as spans: `start` opens `call_center.break` (one open break per
 * operator), `end` closes it, and every break action, start and end included,
 * is a span event carrying total and consumed time. A `start` while a break
 * of the same type is open is a repeat (a span event); of another type, it
 * ends the open break (end reason `superseded`) and opens a new one, so a
 * span never changes type.
 */
export class BreakSpans {
  readonly open = new OpenSpans<OpenBreak>('break', (entry, reason, endMs, forced) => {
    recordBreakEnd(entry.owner, entry, reason, endMs, forced);
    // However it ended: a late or repeated `end` of this break does not count the overrun again.
    if (entry.overrun) this.#overrunCounted(entry.operatorKey, entry.type);
  });
  /**
   * Operators whose last break ended (by its event or the instrumentation)
   * after it overran, with the break's type: its overrun is counted, so a
   * late or repeated `end` of it does not count it again. Bounded, oldest first.
   */
  readonly #overran = new Map<string, string>();
  readonly #providerOf: (owner: SpanOwner) => object;

  /** Breaks the previous page in this tab had open, waiting for their next event here. */
  readonly waiting = new WaitingSpans();

  constructor(providerOf: (owner: SpanOwner) => object) {
    this.#providerOf = providerOf;
  }

  #overrunCounted(operatorKey: string, type: string): void {
    this.#overran.delete(operatorKey);
    if (this.#overran.size >= MAX_OVERRAN) this.#overran.delete(this.#overran.keys().next().value!);
    this.#overran.set(operatorKey, type);
  }

  /** A break the previous page had open and this page does not continue (timed out, disabled, not saved again): its end recorded. */
  endWaiting(saved: SavedSpan, owner: SpanOwner, reason: ForcedEndReason, endMs: number): void {
    const overrun = saved.overrun === true;
    recordBreakEnd(owner, { ...saved, overrun }, reason, Math.max(endMs, saved.startMs), true);
    if (overrun) this.#overrunCounted(saved.operatorKey, saved.type);
  }

  /** The break goes on in a continued span (`continuedSpan`), of the type it started with. */
  #resume(operatorKey: string, ev: IngestEvent, owner: SpanOwner): OpenBreak | undefined {
    const saved = this.waiting.take(operatorKey, '');
    if (!saved) return undefined;
    const overrun = saved.overrun === true;
    const attributes: Attributes = { ...spanAttributes(ev.attributes), [ATTR_BREAK_TYPE]: saved.type, [ATTR_BREAK_SEGMENT]: segmentOf(saved) };
    // An overrun before the reload stays the break's: on the span, and counted once at its end.
    if (overrun) attributes[ATTR_BREAK_OVERRUN] = true;
    const timeMs = timeOf(ev);
    const entry: OpenBreak = {
      ...continuedSpan(owner, this.#providerOf(owner), SPAN_BREAK, saved, attributes, timeMs),
      type: saved.type as BreakFields['type'],
      operatorId: saved.operatorId,
      overrun,
      last: {},
    };
    this.open.add(entry, timeMs);
    return entry;
  }

  /** Applies one accepted break event; returns the span context its log record belongs to, if any. */
  onEvent(ev: IngestEvent, owner: SpanOwner): SpanContext | undefined {
    const event = breakFields(ev);
    const operatorKey = ev.operator?.id ?? '';
    const overrun = event.consumed_time > event.total_time;
    let open = this.open.get(operatorKey, '') ?? (this.waiting.size ? this.#resume(operatorKey, ev, owner) : undefined);
    if (open && event.action === 'start' && event.type !== open.type) {
      this.open.forceEnd(open, 'superseded', timeOf(ev));
      open = undefined;
    }
    if (!open) {
      if (event.action === 'end') {
        // An end with no break open: its overrun is counted here, unless the instrumentation ended this break and counted it.
        const counted = this.#overran.get(operatorKey) === event.type;
        this.#overran.delete(operatorKey);
        if (overrun && !counted) owner.metrics.breakOverran(event.type, metricOperator(owner, ev.operator?.id));
      }
      if (event.action !== 'start') return undefined;
      this.#overran.delete(operatorKey);
      const attributes = spanAttributes(ev.attributes);
      const timeMs = timeOf(ev);
      const span = owner.tracer.startSpan(SPAN_BREAK, { kind: SpanKind.INTERNAL, root: true, startTime: timeInput(timeMs), attributes });
      open = {
        span,
        operatorKey,
        idKey: '',
        startMs: timeMs,
        owner,
        provider: this.#providerOf(owner),
        segment: 1,
        type: event.type,
        operatorId: ev.operator?.id,
        overrun: false,
        last: {},
      };
      this.open.add(open, timeMs);
    } else {
      // The span follows the break's figures; its type stays the start's.
      for (const name in ev.attributes) if (name !== ATTR_BREAK_TYPE && name !== ATTR_META) open.span.setAttribute(name, ev.attributes[name]!);
    }
    const { span } = open;
    const attributes = changedAttributes(ATTR_BREAK_ACTION, event.action, ev.attributes, open.last);
    // The contract puts total and consumed time on every break span event, changed or not.
    attributes[ATTR_BREAK_TOTAL_TIME] = event.total_time;
    attributes[ATTR_BREAK_CONSUMED_TIME] = event.consumed_time;
    if (overrun) {
      open.overrun = true;
      span.setAttribute(ATTR_BREAK_OVERRUN, true);
      attributes[ATTR_BREAK_OVERRUN] = true;
    }
    const timeMs = timeOf(ev);
    span.addEvent(EVENT_NAMES[event.action]!, attributes, timeInput(timeMs));
    if (event.action === 'end') this.open.end(open, 'end', timeMs);
    return span.spanContext();
  }
}
