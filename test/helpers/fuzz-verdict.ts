/**
 * What a fuzz run found, the conditions it must meet, and its one-line form.
 * The script prints the line; the unit suite asserts the conditions.
 */
import type { ScanFindings } from './telemetry-scan.ts';

/** Events the facade holds for the first instance that is enabled (telemetry contract, "Lifecycle across instances"). */
export const MAX_HELD_EVENTS = 1000;

export interface FuzzVerdict {
  readonly seed: number;
  /** Cases run against the enabled instances. */
  readonly events: number;
  /** Throws out of `logIngestEvent` in 'report' mode, through the instance or the facade (before enable not included). */
  readonly escapedThrows: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Of the report instance's SDK. */
  readonly exportedLogRecords: number;
  readonly eventsMetric: number;
  readonly rejectedMetric: number;
  /** Rejections with reason `internal_error`, on either instance: a defect of the instrumentation, never the event's fault. */
  readonly internalErrors: number;
  /** Results that are neither `{ ok: true }` nor `{ ok: false, error: CallCenterValidationError }`. */
  readonly badResults: number;
  /** Rejected calls during which a log record was exported or a span started: a dropped event emits nothing. */
  readonly rejectedWithTelemetry: number;
  readonly strict: {
    /** Throws that were not a CallCenterValidationError. */
    readonly wrongThrows: number;
    /** Calls where strict threw but 'report' did not reject for the event's fault, or the other way round. */
    readonly disagreements: number;
    readonly accepted: number;
    /** Thrown, or returned `{ ok: false }` for a fault not the event's. */
    readonly rejected: number;
    readonly exportedLogRecords: number;
    readonly eventsMetric: number;
    readonly rejectedMetric: number;
  };
  readonly beforeEnable: {
    /** Cases sent through the facade before any instance was enabled. */
    readonly events: number;
    readonly escapedThrows: number;
    /** Results `{ ok: true }`: validated and held. */
    readonly held: number;
    /** Of those, results that said `pending: true`, as the contract says they must. */
    readonly pending: number;
    /** Of the first instance enabled, which emits what was held. */
    readonly emittedLogRecords: number;
    readonly eventsMetric: number;
    readonly notEnabledMetric: number;
  };
  /** Every instance's exports and metric attributes. */
  readonly findings: ScanFindings;
  /** The first case of each kind of per-event failure, as fast-check prints it. */
  readonly examples: Readonly<Record<string, string>>;
}

/** Held events the first enabled instance must emit; the rest are dropped and counted `not_enabled`. */
const heldEmitted = (v: FuzzVerdict) => Math.min(v.beforeEnable.held, MAX_HELD_EVENTS);
const heldDropped = (v: FuzzVerdict) => Math.max(0, v.beforeEnable.held - MAX_HELD_EVENTS);

/** Each condition of a passing run, by the name a failure is reported under. */
export function failedConditions(v: FuzzVerdict): string[] {
  const { counts } = v.findings;
  const conditions: Record<string, boolean> = {
    'no throw escapes report mode': v.escapedThrows === 0 && v.beforeEnable.escapedThrows === 0,
    'no marker exported': counts.marker === 0,
    'accepted + rejected = events': v.accepted + v.rejected === v.events,
    'accepted = exported log records': v.accepted === v.exportedLogRecords,
    'accepted = call_center.events': v.accepted === v.eventsMetric,
    'rejected = call_center.events.rejected': v.rejected === v.rejectedMetric,
    'strict throws only CallCenterValidationError': v.strict.wrongThrows === 0,
    'strict throws exactly when report rejects for the event': v.strict.disagreements === 0,
    'no internal errors': v.internalErrors === 0,
    'results are { ok: true } or { ok: false, error }': v.badResults === 0,
    'a rejected event emits nothing': v.rejectedWithTelemetry === 0,
    'exported values are valid AnyValues': counts['invalid-value'] === 0,
    'no exported string over maxStringLength': counts['overlong-string'] === 0,
    'exported times lie in 1970 .. now + maxClockSkewMs': counts['time-out-of-bounds'] === 0,
    'events held before enable say pending': v.beforeEnable.pending === v.beforeEnable.held,
    'strict counts as report does':
      v.strict.accepted === v.strict.exportedLogRecords && v.strict.accepted === v.strict.eventsMetric && v.strict.rejected === v.strict.rejectedMetric,
    'held events are emitted by the first enabled instance':
      v.beforeEnable.emittedLogRecords === heldEmitted(v) && v.beforeEnable.eventsMetric === heldEmitted(v) && v.beforeEnable.notEnabledMetric === heldDropped(v),
  };
  return Object.entries(conditions)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
}

/** The verdict in one line, ending PASS or FAIL. */
export function verdictLine(v: FuzzVerdict): string {
  const { counts } = v.findings;
  const { strict: s, beforeEnable: b } = v;
  return (
    `fuzz: ${v.events} events, seed ${v.seed}: ${v.escapedThrows} escaped throws, ${counts.marker} markers exported, ` +
    `accepted ${v.accepted} + rejected ${v.rejected} = ${v.accepted + v.rejected}, exported log records ${v.exportedLogRecords}, ` +
    `call_center.events ${v.eventsMetric}, call_center.events.rejected ${v.rejectedMetric}; ` +
    `strict: ${s.wrongThrows} wrong throws, ${s.disagreements} disagreements, accepted ${s.accepted} + rejected ${s.rejected}, ` +
    `log records ${s.exportedLogRecords}, call_center.events ${s.eventsMetric}, call_center.events.rejected ${s.rejectedMetric}; ` +
    `${v.internalErrors} internal errors, ${v.badResults} bad results, ${v.rejectedWithTelemetry} rejected with telemetry, ` +
    `${counts['invalid-value']} invalid values, ${counts['overlong-string']} overlong strings, ${counts['time-out-of-bounds']} times out of bounds; ` +
    `before enable: ${b.events} events, ${b.escapedThrows} escaped throws, ${b.held} held (${b.pending} pending), ` +
    `first instance: log records ${b.emittedLogRecords} of ${heldEmitted(v)}, call_center.events ${b.eventsMetric}, not_enabled ${b.notEnabledMetric} of ${heldDropped(v)}: ` +
    (failedConditions(v).length === 0 ? 'PASS' : 'FAIL')
  );
}
