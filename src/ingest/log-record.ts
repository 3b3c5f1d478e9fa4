import { context, SeverityNumber, trace, type Context, type Logger, type SpanContext } from '@opentelemetry/api';
import type { CallCenterEventType } from '../events/enums.js';
import type { ParsedEvents } from '../events/validate.js';
import { EVENT_BREAK, EVENT_CONTACT, EVENT_OPS_SCORECARD } from '../semconv.js';
import { PairMap } from '../pair-map.js';
import { timeInput } from '../time-input.js';
import { EVENT_RULES } from '../events/field-rules.js';
import { nowOf, slotsOf, timeOf, type IngestEvent } from './ingest-event.js';

const EVENT_NAMES: Record<CallCenterEventType, string> = {
  break: EVENT_BREAK,
  contact: EVENT_CONTACT,
  ops_scorecard: EVENT_OPS_SCORECARD,
};

const CONTACT = /*#__PURE__*/ slotsOf<ParsedEvents['contact']>(EVENT_RULES.contact);
const BREAK = /*#__PURE__*/ slotsOf<ParsedEvents['break']>(EVENT_RULES.break);
const SCORECARD = /*#__PURE__*/ slotsOf<ParsedEvents['ops_scorecard']>(EVENT_RULES.ops_scorecard);

/**
 * Bodies made so far. Contact and break bodies are made of enum values only,
 * so there are at most 560 and 36 of them; building the line anew for every
 * event cost ~45 ns. Scorecard bodies (one per audit count) are bounded.
 */
const contactBodies = new PairMap<Map<string, string>>();
const breakBodies = new PairMap<string>();
const scorecardBodies = new Map<number, string>();
const SCORECARD_BODIES_MAX = 1000;

/** The log body: a short line of enum values only, never free text from the event. */
export function logBody(ev: IngestEvent): string {
  const s = ev.slots as string[];
  switch (ev.type) {
    case 'contact': {
      const action = s[CONTACT.action]!;
      const channel = s[CONTACT.contact_channel]!;
      const type = s[CONTACT.contact_type]!;
      let byType = contactBodies.get(action, channel);
      if (!byType) contactBodies.set(action, channel, (byType = new Map()));
      let body = byType.get(type);
      if (body === undefined) byType.set(type, (body = `contact ${action} (${channel}, ${type})`));
      return body;
    }
    case 'break': {
      const action = s[BREAK.action]!;
      const type = s[BREAK.type]!;
      let body = breakBodies.get(action, type);
      if (body === undefined) breakBodies.set(action, type, (body = `break ${action} (${type})`));
      return body;
    }
    case 'ops_scorecard': {
      const audits = (ev.slots as number[])[SCORECARD.audit_count]!;
      let body = scorecardBodies.get(audits);
      if (body === undefined) {
        if (scorecardBodies.size >= SCORECARD_BODIES_MAX) scorecardBodies.clear();
        scorecardBodies.set(audits, (body = `ops scorecard (${audits} audits)`));
      }
      return body;
    }
  }
}

/** The context last made for a log record: a contact's or break's events come in runs, each made it anew. */
let lastBase: Context | undefined;
let lastSpan: SpanContext | undefined;
let lastContext: Context | undefined;

/** The active context with the span's context in it (the log record's link to its span). */
function withSpan(span: SpanContext): Context {
  const base = context.active();
  if (base !== lastBase || span !== lastSpan) {
    lastBase = base;
    lastSpan = span;
    lastContext = trace.setSpanContext(base, span);
  }
  return lastContext!;
}

/**
 * Emits the event's log record, in the context of its contact's or break's
 * span when it has one (so the two link). Its time is the event's. With the
 * default clock, an event whose time was never needed and for which the
 * clock was not read is stamped by the SDK, which reads that clock anyway;
 * one for which it was read is also observed then (the same clock, read a
 * moment earlier), so the SDK has nothing to compute: it would read the clock
 * again and convert it through `performance.timeOrigin`.
 */
export function emitLogRecord(logger: Logger, ev: IngestEvent, span: SpanContext | undefined): void {
  const ours = ev.clock === Date.now;
  const stamp = !ours || !Number.isNaN(ev.nowMs) || !Number.isNaN(ev.timeMs);
  logger.emit({
    eventName: EVENT_NAMES[ev.type],
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    body: logBody(ev),
    attributes: ev.attributes,
    timestamp: stamp ? timeInput(timeOf(ev)) : undefined,
    observedTimestamp: stamp && ours ? timeInput(nowOf(ev)) : undefined,
    context: span ? withSpan(span) : undefined,
  });
}
