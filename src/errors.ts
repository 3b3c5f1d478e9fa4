import { describeThrown, report } from './diag.js';

/** Why an event was rejected: the `call_center.rejection.reason` metric attribute. */
export type CallCenterRejectionReason =
  | 'unknown_event_type'
  | 'not_an_object'
  | 'unreadable_event'
  | 'missing_field'
  | 'invalid_type'
  | 'invalid_value'
  | 'invalid_format'
  | 'invalid_operator'
  /** Not the event's fault: the instrumentation failed while emitting it (reported through diag). */
  | 'internal_error'
  /** Not the event's fault: the `privacy.redact` hook threw; the event was dropped rather than sent unredacted. */
  | 'redaction_failed'
  /** Not the event's fault: logged through the facade before any instrumentation was enabled, and more than 1 000 were waiting (the oldest go). */
  | 'not_enabled';

/** One problem found in an event. */
export interface CallCenterValidationIssue {
  /** The field at fault, e.g. `action` or `operator.id`; `eventType` for the type argument, `` for the event itself. */
  readonly path: string;
  /** What is wrong, in words. Never quotes free text from the event. */
  readonly message: string;
  /** The kind of problem. */
  readonly code: CallCenterRejectionReason;
  /** For enum fields: the values that would have been accepted. */
  readonly allowed?: readonly string[];
}

/**
 * An ingest event that does not meet the contract. Thrown in 'strict' mode,
 * returned as `{ ok: false, error }` and passed to `onInvalidEvent` in
 * 'report' mode. Its message names every bad field.
 */
export class CallCenterValidationError extends Error {
  override readonly name = 'CallCenterValidationError';
  /** The event type given with the event (as given, when it is not a known one). */
  readonly eventType: string;
  /** One entry per problem, in field order. */
  readonly issues: readonly CallCenterValidationIssue[];

  constructor(eventType: string, issues: readonly CallCenterValidationIssue[]) {
    super(`Invalid ${eventType} event: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
    this.eventType = eventType;
    this.issues = issues;
  }

  /** The reason counted in `call_center.events.rejected`: the first issue's code. */
  get reason(): CallCenterRejectionReason {
    return this.issues[0]?.code ?? 'invalid_value';
  }
}

/** A configuration mistake, found at construction: the message names the option. */
export function configError(option: string, problem: string): TypeError {
  return new TypeError(`CallCenterInstrumentation config ${option}: ${problem}`);
}

/** An event dropped through no fault of its own: reported with its cause through diag, counted by the caller. */
export function failure(eventType: string, code: 'internal_error' | 'redaction_failed', what: string, cause: unknown): CallCenterValidationError {
  report('error', what, cause);
  return new CallCenterValidationError(eventType, [{ path: '', code, message: `${what} (${describeThrown(cause)})` }]);
}
