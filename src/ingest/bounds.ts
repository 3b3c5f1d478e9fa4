import { CallCenterValidationError, type CallCenterValidationIssue } from '../errors.js';
import { parseIsoDateTime } from '../events/iso-date-time.js';
import type { IngestEvent } from './ingest-event.js';

/** Identifiers longer than this are refused, not cut: a cut id would join unrelated contacts. */
export const MAX_ID_LENGTH = 256;
/** The longest duration accepted, seconds: 31 days. */
export const MAX_DURATION_SECONDS = 2_678_400;

export interface BoundsLimits {
  /** The configured clock's now, epoch ms. */
  readonly nowMs: number;
  readonly maxClockSkewMs: number;
  readonly maxStringLength: number;
}

type WellFormed = { isWellFormed?(): boolean; toWellFormed?(): string };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REPLACE_LONE = new RegExp(LONE_SURROGATE.source, 'g');

/** Whether a string is valid UTF-16 (no lone surrogate), which is what UTF-8 and so OTLP can carry. */
export function isWellFormed(s: string): boolean {
  const native = (s as WellFormed).isWellFormed;
  return native ? native.call(s) : !LONE_SURROGATE.test(s);
}

/**
 * A string an exporter can carry, at most `max` UTF-16 code units: cut
 * (never between the halves of a surrogate pair) with a trailing `…`, and
 * lone surrogates replaced by U+FFFD, as every UTF-8 encoder would.
 */
export function boundText(s: string, max: number): string {
  if (s.length > max) {
    let end = max - 1;
    const last = s.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
    s = `${s.slice(0, end)}…`;
  }
  if (isWellFormed(s)) return s;
  const native = (s as WellFormed).toWellFormed;
  return native ? native.call(s) : s.replace(REPLACE_LONE, '\uFFFD');
}

/** Why an identifier cannot be used, or undefined. */
export function idProblem(id: string): string | undefined {
  if (id.length > MAX_ID_LENGTH) return `is ${id.length} characters long; identifiers are at most ${MAX_ID_LENGTH}`;
  // Ids are keys and hash inputs: two ids that differ only in a lone surrogate would become one in UTF-8.
  if (!isWellFormed(id)) return 'contains a lone UTF-16 surrogate; identifiers must be valid Unicode text';
  return undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

function timeProblem(ms: number, limits: BoundsLimits): string | undefined {
  if (ms >= 0 && ms <= limits.nowMs + limits.maxClockSkewMs) return undefined;
  const window = `between 1970-01-01T00:00:00Z and now + maxClockSkewMs (${limits.maxClockSkewMs} ms)`;
  if (ms > (limits.nowMs + limits.maxClockSkewMs) * 100) return `expected epoch milliseconds ${window}; received ${ms}, which looks like microseconds or nanoseconds`;
  if (!Number.isFinite(new Date(ms).getTime())) return `expected a time ${window}; received a time outside what a Date can hold`;
  return `expected a time ${window}; received ${iso(ms)}`;
}

/**
 * Bounds what validation accepted, so that whatever is accepted can be
 * exported by every OTLP exporter and accepted by the Collector: times in the
 * window of the clock, durations in range and identifiers short and
 * well-formed (else the event is refused, `invalid_value`); other strings cut
 * to `maxStringLength`, in the snapshot itself, so every signal gets the cut
 * value.
 */
export function boundEvent(ev: IngestEvent, limits: BoundsLimits): CallCenterValidationError | undefined {
  const issues: CallCenterValidationIssue[] = [];
  if (ev.timeGiven) {
    const problem = timeProblem(ev.timeMs, limits);
    if (problem) issues.push({ path: 'timestamp', code: 'invalid_value', message: problem });
  }
  const { present, values, fields } = ev;
  for (let i = 0; i < present.length; i++) {
    const rule = present[i]!;
    const value = values[i];
    let problem: string | undefined;
    switch (rule.bound) {
      case 'fixed':
        continue;
      case 'text': {
        const bounded = boundText(value as string, limits.maxStringLength);
        if (bounded !== value) values[i] = fields[rule.name] = bounded;
        continue;
      }
      case 'id':
        problem = idProblem(value as string);
        break;
      case 'time': {
        const text = value as string;
        problem = text.length > MAX_ID_LENGTH ? `is ${text.length} characters long; at most ${MAX_ID_LENGTH}` : timeProblem(parseIsoDateTime(text), limits);
        break;
      }
      case 'duration': {
        const seconds = value as number;
        if (!(seconds >= 0 && seconds <= MAX_DURATION_SECONDS)) {
          problem = `expected seconds from 0 to ${MAX_DURATION_SECONDS} (31 days); received ${seconds}`;
        }
        break;
      }
    }
    if (problem) issues.push({ path: rule.name, code: 'invalid_value', message: problem });
  }
  const operator = ev.operator;
  if (operator) {
    const problem = idProblem(operator.id);
    if (problem) issues.push({ path: 'operator.id', code: 'invalid_value', message: problem });
    else ev.operator = boundOperator(operator, limits.maxStringLength);
  }
  return issues.length ? new CallCenterValidationError(ev.type, issues) : undefined;
}

/** The operator with its name and team cut to the limit (a copy only when something was cut). */
function boundOperator(operator: NonNullable<IngestEvent['operator']>, max: number): NonNullable<IngestEvent['operator']> {
  const name = operator.name === undefined ? undefined : boundText(operator.name, max);
  const team = operator.team === undefined ? undefined : boundText(operator.team, max);
  if (name === operator.name && team === operator.team) return operator;
  const copy = { ...operator };
  if (name !== undefined) copy.name = name;
  if (team !== undefined) copy.team = team;
  return copy;
}
