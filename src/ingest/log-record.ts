import { context, SeverityNumber, trace, type Logger, type SpanContext } from '@opentelemetry/api';
import type { CallCenterEventType } from '../events/enums.js';
import type { ParsedEvents } from '../events/validate.js';
import { EVENT_BREAK, EVENT_CONTACT, EVENT_OPS_SCORECARD } from '../semconv.js';
import { timeInput } from '../time-input.js';
import { EVENT_RULES } from '../events/field-rules.js';
import { slotsOf, type IngestEvent } from './ingest-event.js';

const EVENT_NAMES: Record<CallCenterEventType, string> = {
  break: EVENT_BREAK,
  contact: EVENT_CONTACT,
  ops_scorecard: EVENT_OPS_SCORECARD,
};

const CONTACT = /*#__PURE__*/ slotsOf<ParsedEvents['contact']>(EVENT_RULES.contact);
const BREAK = /*#__PURE__*/ slotsOf<ParsedEvents['break']>(EVENT_RULES.break);
const SCORECARD = /*#__PURE__*/ slotsOf<ParsedEvents['ops_scorecard']>(EVENT_RULES.ops_scorecard);

/** The log body: a short line of enum values only, never free text from the event. */
export function logBody(ev: IngestEvent): string {
  const s = ev.slots as string[];
  switch (ev.type) {
    case 'contact':
      return `contact ${s[CONTACT.action]} (${s[CONTACT.contact_channel]}, ${s[CONTACT.contact_type]})`;
    case 'break':
      return `break ${s[BREAK.action]} (${s[BREAK.type]})`;
    case 'ops_scorecard':
      return `ops scorecard (${s[SCORECARD.audit_count]} audits)`;
  }
}

/** Emits the event's log record, in the context of its contact's or break's span when it has one (so the two link). */
export function emitLogRecord(logger: Logger, ev: IngestEvent, span: SpanContext | undefined): void {
  logger.emit({
    eventName: EVENT_NAMES[ev.type],
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    body: logBody(ev),
    attributes: ev.attributes,
    timestamp: timeInput(ev.timeMs),
    context: span ? trace.setSpanContext(context.active(), span) : undefined,
  });
}
