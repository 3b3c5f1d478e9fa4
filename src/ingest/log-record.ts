import { context, SeverityNumber, trace, type Logger, type SpanContext } from '@opentelemetry/api';
import type { CallCenterEventType } from '../events/enums.js';
import type { ParsedEvents } from '../events/validate.js';
import { EVENT_BREAK, EVENT_CONTACT, EVENT_OPS_SCORECARD } from '../semconv.js';
import type { IngestEvent } from './ingest-event.js';

const EVENT_NAMES: Record<CallCenterEventType, string> = {
  break: EVENT_BREAK,
  contact: EVENT_CONTACT,
  ops_scorecard: EVENT_OPS_SCORECARD,
};

/** The log body: a short line of enum values only, never free text from the event. */
export function logBody(ev: IngestEvent): string {
  switch (ev.type) {
    case 'contact': {
      const e = ev.fields as ParsedEvents['contact'];
      return `contact ${e.action} (${e.contact_channel}, ${e.contact_type})`;
    }
    case 'break': {
      const e = ev.fields as ParsedEvents['break'];
      return `break ${e.action} (${e.type})`;
    }
    case 'ops_scorecard':
      return `ops scorecard (${(ev.fields as ParsedEvents['ops_scorecard']).audit_count} audits)`;
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
    timestamp: ev.timeMs,
    context: span ? trace.setSpanContext(context.active(), span) : undefined,
  });
}
