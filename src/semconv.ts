/**
 * Every name this instrumentation emits, spelled once. Dashboards, collector
 * rules and alerts depend on these strings: change them only on purpose, with
 * a CHANGELOG entry. The README's "Semantic conventions" section is checked
 * against this file by a test.
 */

/** Instrumentation scope name of every tracer, meter and logger this package uses. */
export const INSTRUMENTATION_SCOPE = '@kenkai/instrumentation-call-center' as const;

// ---------------------------------------------------------------- log events

/** `eventName` of the log record emitted for every accepted Break event. */
export const EVENT_BREAK = 'call_center.break' as const;
/** `eventName` of the log record emitted for every accepted Contact event. */
export const EVENT_CONTACT = 'call_center.contact' as const;
/** `eventName` of the log record emitted for every accepted OpsScorecard event. */
export const EVENT_OPS_SCORECARD = 'call_center.ops_scorecard' as const;

// ---------------------------------------------------------------- break

/** Type of the break (`bio_break`, `feedback`, `meeting`, `meal`, `tea`, `other`). */
export const ATTR_BREAK_TYPE = 'call_center.break.type' as const;
/** Sub-type of the break, free form. */
export const ATTR_BREAK_SUB_TYPE = 'call_center.break.sub_type' as const;
/** Action applied to the break (`view`, `start`, `end`, `pause`, `resume`, `other`). */
export const ATTR_BREAK_ACTION = 'call_center.break.action' as const;
/** Time allocated for the break, seconds (double). */
export const ATTR_BREAK_TOTAL_TIME = 'call_center.break.total_time' as const;
/** Time consumed of the break, seconds (double). */
export const ATTR_BREAK_CONSUMED_TIME = 'call_center.break.consumed_time' as const;

// ---------------------------------------------------------------- contact

/** Id of the contact. */
export const ATTR_CONTACT_ID = 'call_center.contact.id' as const;
/** Action applied to the contact (`attend`, `end`, `transfer`, ...). */
export const ATTR_CONTACT_ACTION = 'call_center.contact.action' as const;
/** Type of the contact (`emergency`, `follow_up`, ...). */
export const ATTR_CONTACT_TYPE = 'call_center.contact.type' as const;
/** Sub-type of the contact, free form. */
export const ATTR_CONTACT_SUB_TYPE = 'call_center.contact.sub_type' as const;
/** Start time of the contact, ISO 8601 exactly as given. */
export const ATTR_CONTACT_START_TIME = 'call_center.contact.start_time' as const;
/** Channel of the contact (`call`, `whatsapp`, `sms`, `email`, `other`). */
export const ATTR_CONTACT_CHANNEL = 'call_center.contact.channel' as const;
/** Whether the contact is valid (false: spam). */
export const ATTR_CONTACT_IS_VALID = 'call_center.contact.is_valid' as const;
/** Whether the contact is a transferred contact. */
export const ATTR_CONTACT_IS_TRANSFER = 'call_center.contact.is_transfer' as const;
/** Id of the incident attached to the contact. Sensitive. */
export const ATTR_CONTACT_INCIDENT_ID = 'call_center.contact.incident_id' as const;
/** Id of the customer / patient. Sensitive. */
export const ATTR_CONTACT_CUSTOMER_ID = 'call_center.contact.customer_id' as const;
/** Type of the customer / patient. */
export const ATTR_CONTACT_CUSTOMER_TYPE = 'call_center.contact.customer_type' as const;
/** Phone id of the customer / patient. Sensitive. */
export const ATTR_CONTACT_PHONE_ID = 'call_center.contact.phone_id' as const;
/** Phone id extension of the customer / patient. Sensitive. */
export const ATTR_CONTACT_EXTENSION = 'call_center.contact.extension' as const;
/** Duration of the contact as reported by the platform, seconds (double). */
export const ATTR_CONTACT_DURATION = 'call_center.contact.duration' as const;
/** Resolution of the contact. */
export const ATTR_CONTACT_RESOLUTION = 'call_center.contact.resolution' as const;
/** Summary of the contact, free text. Sensitive. */
export const ATTR_CONTACT_SUMMARY = 'call_center.contact.summary' as const;
/** Remarks on the contact, free text. Sensitive. */
export const ATTR_CONTACT_REMARKS = 'call_center.contact.remarks' as const;
/** Whether the contact is a priority. */
export const ATTR_CONTACT_IS_PRIORITY = 'call_center.contact.is_priority' as const;

// ---------------------------------------------------------------- transfer

/** Id of the transfer (required on every contact event by the platform). */
export const ATTR_TRANSFER_ID = 'call_center.transfer.id' as const;
/** Destination of the transfer. */
export const ATTR_TRANSFER_DESTINATION = 'call_center.transfer.destination' as const;
/** Summary of the transfer, free text. Sensitive. */
export const ATTR_TRANSFER_SUMMARY = 'call_center.transfer.summary' as const;
/** Remarks on the transfer, free text. Sensitive. */
export const ATTR_TRANSFER_REMARKS = 'call_center.transfer.remarks' as const;

// ---------------------------------------------------------------- ops scorecard

/** Audit count for the performance traits (int). */
export const ATTR_OPS_SCORECARD_AUDIT_COUNT = 'call_center.ops_scorecard.audit_count' as const;
/** Quality score (double). */
export const ATTR_OPS_SCORECARD_QUALITY_SCORE = 'call_center.ops_scorecard.quality_score' as const;
/** Fatal calls (int). */
export const ATTR_OPS_SCORECARD_FATAL_CALLS = 'call_center.ops_scorecard.fatal_calls' as const;
/** Fatal score (double). */
export const ATTR_OPS_SCORECARD_FATAL_SCORE = 'call_center.ops_scorecard.fatal_score' as const;
/** Performance group, free form (e.g. `moderate`). */
export const ATTR_OPS_SCORECARD_PERFORMANCE_GROUP = 'call_center.ops_scorecard.performance_group' as const;
/** Remarks on the scorecard, free text. Sensitive. */
export const ATTR_OPS_SCORECARD_REMARKS = 'call_center.ops_scorecard.remarks' as const;

// ---------------------------------------------------------------- common

/** The event's `meta`, sanitised, as a map (AnyValue). Sensitive. */
export const ATTR_META = 'call_center.meta' as const;
/** Id of the operator who handled the event. */
export const ATTR_OPERATOR_ID = 'call_center.operator.id' as const;
/** Display name of the operator. */
export const ATTR_OPERATOR_NAME = 'call_center.operator.name' as const;
/** Team of the operator. */
export const ATTR_OPERATOR_TEAM = 'call_center.operator.team' as const;

// ---------------------------------------------------------------- spans

/** Name of the span of one contact, from its `attend` to its `end` or `terminate`. */
export const SPAN_CONTACT = 'call_center.contact' as const;
/** Name of the span of one break, from its `start` to its `end`. */
export const SPAN_BREAK = 'call_center.break' as const;
/** Prefix of span events on a contact span: `call_center.contact.<action>`. */
export const SPAN_EVENT_CONTACT_PREFIX = 'call_center.contact.' as const;
/** Prefix of span events on a break span: `call_center.break.<action>`. */
export const SPAN_EVENT_BREAK_PREFIX = 'call_center.break.' as const;
/** How a contact span ended: `end`, `terminate`, or, forced, `timeout`, `evicted`, `disabled`, `shutdown`. */
export const ATTR_CONTACT_END_REASON = 'call_center.contact.end_reason' as const;
/** True on a contact span rebuilt from an `end`/`terminate` whose `attend` was never seen. */
export const ATTR_CONTACT_RECONSTRUCTED = 'call_center.contact.reconstructed' as const;
/** How a break span ended: `end`, or, forced, `timeout`, `evicted`, `disabled`, `shutdown`. */
export const ATTR_BREAK_END_REASON = 'call_center.break.end_reason' as const;
/** Which span of a contact this is: 2, 3, … for the spans that continue it after page reloads (absent on the first). */
export const ATTR_CONTACT_SEGMENT = 'call_center.contact.segment' as const;
/** Which span of a break this is: 2, 3, … for the spans that continue it after page reloads (absent on the first). */
export const ATTR_BREAK_SEGMENT = 'call_center.break.segment' as const;
/** Seconds the contact waited before `attend` (`attend` minus `contact_start_time`), on the contact span. */
export const ATTR_CONTACT_WAIT_TIME = 'call_center.contact.wait_time' as const;
/** Total seconds the contact spent on hold (each `pause` to its `resume` or the end), on the contact span at its end. */
export const ATTR_CONTACT_HOLD_TIME = 'call_center.contact.hold_time' as const;
/** Number of holds (`pause` actions that put the contact on hold), on the contact span at its end. */
export const ATTR_CONTACT_HOLD_COUNT = 'call_center.contact.hold_count' as const;
/** True on a break span (and its event) once consumed time exceeds total time. */
export const ATTR_BREAK_OVERRUN = 'call_center.break.overrun' as const;

// ---------------------------------------------------------------- metric attributes

/** Event type of an ingest event (`break`, `contact`, `ops_scorecard`), on event counters. */
export const ATTR_EVENT_TYPE = 'call_center.event.type' as const;
/** Action of an ingest event, on the accepted-events counter. */
export const ATTR_EVENT_ACTION = 'call_center.event.action' as const;
/** Why an event was rejected (`missing_field`, `invalid_type`, `invalid_value`, ...). */
export const ATTR_REJECTION_REASON = 'call_center.rejection.reason' as const;

// ---------------------------------------------------------------- metrics

/** Counter of accepted ingest events, by event type and action. */
export const METRIC_EVENTS = 'call_center.events' as const;
/** Counter of rejected ingest events, by event type and reason. */
export const METRIC_EVENTS_REJECTED = 'call_center.events.rejected' as const;
/** Histogram of contact span durations, seconds, by channel, type and end reason. */
export const METRIC_CONTACT_DURATION = 'call_center.contact.duration' as const;
/** Histogram of times to answer (`attend` minus `contact_start_time`), seconds, by channel and type. */
export const METRIC_CONTACT_WAIT_DURATION = 'call_center.contact.wait.duration' as const;
/** Histogram of holds (a `pause` to the next `resume` or to the end), seconds, by channel and type. */
export const METRIC_CONTACT_HOLD_DURATION = 'call_center.contact.hold.duration' as const;
/** Up-down counter of open contact spans, by channel. */
export const METRIC_CONTACTS_ACTIVE = 'call_center.contacts.active' as const;
/** Counter of contact spans the instrumentation had to end itself, by end reason. */
export const METRIC_CONTACTS_FORCE_ENDED = 'call_center.contacts.force_ended' as const;
/** Histogram of break span durations, seconds, by break type and end reason. */
export const METRIC_BREAK_DURATION = 'call_center.break.duration' as const;
/** Counter of breaks whose consumed time exceeded their total time, by break type. */
export const METRIC_BREAK_OVERRUNS = 'call_center.break.overruns' as const;
/** Counter of break spans the instrumentation had to end itself, by end reason. */
export const METRIC_BREAKS_FORCE_ENDED = 'call_center.breaks.force_ended' as const;
/** Counter of event fields the contract does not know, ignored and not exported, by event type. */
export const METRIC_FIELDS_IGNORED = 'call_center.fields.ignored' as const;
