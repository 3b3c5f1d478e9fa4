import { SpanKind, type Link, type SpanContext } from '@opentelemetry/api';
import { parseIsoDateTime } from '../events/iso-date-time.js';
import { timeOf, type IngestEvent } from '../ingest/ingest-event.js';
import { ATTR_CONTACT_END_REASON, ATTR_CONTACT_RECONSTRUCTED, SPAN_CONTACT } from '../semconv.js';
import { seconds, timeInput } from '../time-input.js';
import { spanAttributes } from './span-events.js';
import { metricOperator, type SpanOwner } from './span-owner.js';

/** What an end or terminate says about its contact, from the snapshot. */
export interface EndingContact {
  readonly action: string;
  readonly contact_channel: string;
  readonly contact_type: string;
  readonly contact_start_time: string | undefined;
  readonly contact_duration: number | undefined;
}

/**
 * An end with no open span: where the event says when the contact started
 * (`contact_start_time`, else `contact_duration`), its span is emitted after
 * the fact, marked reconstructed, and its handle time recorded; undefined
 * when the event does not say.
 */
export function reconstructContact(ev: IngestEvent, event: EndingContact, owner: SpanOwner, links: Link[] | undefined): SpanContext | undefined {
  const timeMs = timeOf(ev);
  let startMs: number;
  if (event.contact_start_time !== undefined) startMs = parseIsoDateTime(event.contact_start_time);
  else if (event.contact_duration !== undefined) startMs = timeMs - event.contact_duration * 1000;
  else return undefined;
  // Never before 1970 (OTLP times are unsigned: the Collector would refuse the whole batch) nor after the end.
  startMs = Math.max(0, Math.min(startMs, timeMs));
  const span = owner.tracer.startSpan(SPAN_CONTACT, { kind: SpanKind.INTERNAL, root: true, startTime: timeInput(startMs), attributes: spanAttributes(ev.attributes), links });
  span.setAttribute(ATTR_CONTACT_RECONSTRUCTED, true);
  span.setAttribute(ATTR_CONTACT_END_REASON, event.action);
  span.end(timeInput(timeMs));
  owner.metrics.contactClosed({
    seconds: seconds(startMs, timeMs),
    channel: event.contact_channel,
    type: event.contact_type,
    endReason: event.action,
    operator: metricOperator(owner, ev.operator?.id),
    forced: false,
  });
  return span.spanContext();
}
