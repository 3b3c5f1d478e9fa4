import { CallCenterValidationError, type CallCenterValidationIssue } from '../errors.js';
import { parseIsoDateTime } from '../events/iso-date-time.js';
import { ID, TIME, type FieldRule } from '../events/field-rules.js';
import { inWindow, nowOf, type IngestEvent } from './ingest-event.js';

/** Identifiers longer than this are refused, not cut: a cut id would join unrelated contacts. */
export const MAX_ID_LENGTH = 256;
/** The longest duration accepted, seconds: 31 days. */
export const MAX_DURATION_SECONDS = 2_678_400;

type WellFormed = { isWellFormed(): boolean };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// The native method (ES2024) where the runtime has it; a pattern elsewhere.
const NATIVE = typeof (String.prototype as Partial<WellFormed>).isWellFormed === 'function';

/** Whether a string is valid UTF-16 (no lone surrogate), which is what UTF-8 and so OTLP can carry unchanged. */
export function isWellFormed(s: string): boolean {
  return NATIVE ? (s as unknown as WellFormed).isWellFormed() : !LONE_SURROGATE.test(s);
}

/**
 * A string of at most `max` UTF-16 code units: cut (never between the halves
 * of a surrogate pair) with a trailing `…`. A lone surrogate in free text is
 * left to the UTF-8 encoders, which make it U+FFFD (the Collector does, over
 * OTLP/JSON and protobuf alike: checked end to end); only identifiers, which
 * would merge, are refused for it (`idProblem`).
 */
export function boundText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/** Why an identifier cannot be used, or undefined. */
export function idProblem(id: string): string | undefined {
  if (id.length > MAX_ID_LENGTH) return `is ${id.length} characters long; identifiers are at most ${MAX_ID_LENGTH}`;
  // Ids are keys and hash inputs: two ids that differ only in a lone surrogate would become one in UTF-8.
  if (!isWellFormed(id)) return 'contains a lone UTF-16 surrogate; identifiers must be valid Unicode text';
  return undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

function timeProblem(ms: number, ev: IngestEvent): string | undefined {
  if (inWindow(ms, ev)) return undefined;
  const { maxClockSkewMs } = ev.plan.limits;
  const latest = nowOf(ev) + maxClockSkewMs;
  const window = `between 1970-01-01T00:00:00Z and now + maxClockSkewMs (${maxClockSkewMs} ms)`;
  if (ms > latest * 100) return `expected epoch milliseconds ${window}; received ${ms}, which looks like microseconds or nanoseconds`;
  if (!Number.isFinite(new Date(ms).getTime())) return `expected a time ${window}; received a time outside what a Date can hold`;
  return `expected a time ${window}; received ${iso(ms)}`;
}

/**
 * Notes why a value that passed its field's check is refused all the same
 * (`invalid_value`), so that whatever is accepted can be exported by every
 * OTLP exporter and accepted by the Collector: an identifier too long or not
 * well-formed, a date-time outside the clock's window, a duration out of
 * range (take-field.ts finds them; free text is cut, not refused).
 */
export function refuseField(ev: IngestEvent, rule: FieldRule, value: unknown): void {
  let problem: string | undefined;
  if (rule.kind === ID) problem = idProblem(value as string);
  else if (rule.kind === TIME) {
    const text = value as string;
    problem = text.length > MAX_ID_LENGTH ? `is ${text.length} characters long; at most ${MAX_ID_LENGTH}` : timeProblem(parseIsoDateTime(text), ev);
  } else problem = `expected seconds from 0 to ${MAX_DURATION_SECONDS} (31 days); received ${value as number}`;
  if (problem) ev.refused = refuse(ev.refused, rule.name, problem);
}

/**
 * Bounds what the call itself gave (the time and the operator) and returns
 * every refusal of the event's, its fields' included; undefined when there
 * is none.
 */
export function boundCall(ev: IngestEvent): CallCenterValidationError | undefined {
  if (ev.timeGiven) {
    const problem = timeProblem(ev.timeMs, ev);
    // The time first: it is the per-call option, named before the fields.
    if (problem) ev.refused = [{ path: 'timestamp', code: 'invalid_value', message: problem }, ...(ev.refused ?? [])];
  }
  const operator = ev.operator;
  // The configured operator was bounded once, when the configuration was resolved.
  if (operator && ev.operatorGiven) {
    const problem = idProblem(operator.id);
    if (problem) ev.refused = refuse(ev.refused, 'operator.id', problem);
    else ev.operator = boundOperator(operator, ev.plan.limits.maxStringLength);
  }
  return ev.refused ? new CallCenterValidationError(ev.type, ev.refused) : undefined;
}

function refuse(issues: CallCenterValidationIssue[] | undefined, path: string, message: string): CallCenterValidationIssue[] {
  (issues ??= []).push({ path, code: 'invalid_value', message });
  return issues;
}

/** The operator with its name and team cut to the limit (a copy only when something was cut). */
export function boundOperator(operator: NonNullable<IngestEvent['operator']>, max: number): NonNullable<IngestEvent['operator']> {
  const name = operator.name === undefined ? undefined : boundText(operator.name, max);
  const team = operator.team === undefined ? undefined : boundText(operator.team, max);
  if (name === operator.name && team === operator.team) return operator;
  const copy = { ...operator };
  if (name !== undefined) copy.name = name;
  if (team !== undefined) copy.team = team;
  return copy;
}
