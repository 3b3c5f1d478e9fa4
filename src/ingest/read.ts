import { describeThrown } from '../diag.js';
import { CallCenterValidationError, type CallCenterValidationIssue } from '../errors.js';
import type { CallCenterOperator } from '../types.js';
import type { IngestEvent } from './ingest-event.js';

/** An event with more own fields than this is refused before any is read: no contract event has more than 23. */
export const MAX_EVENT_FIELDS = 256;

/** What kind of value was received, in a word (never the value itself). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return `a ${typeof value}`;
}

function unreadable(ev: IngestEvent, path: string, what: string, cause: unknown): CallCenterValidationError {
  return new CallCenterValidationError(ev.type, [
    { path, code: 'unreadable_event', message: `${what} could not be read (${describeThrown(cause)} thrown while reading it)` },
  ]);
}

/**
 * Reads the event once: its own enumerable fields are copied into
 * `ev.fields` (known ones) and `ev.unknown` (names of the others). Nothing
 * after this stage touches the caller's object, so a getter cannot change
 * what was validated, and whatever a getter or proxy trap throws is caught
 * here and becomes an `unreadable_event` rejection.
 */
export function readEvent(ev: IngestEvent, input: unknown): CallCenterValidationError | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return new CallCenterValidationError(ev.type, [{ path: '', code: 'not_an_object', message: `expected an object, received ${kindOf(input)}` }]);
  }
  let keys: string[];
  try {
    keys = Object.keys(input);
  } catch (cause) {
    return unreadable(ev, '', 'the event', cause);
  }
  if (keys.length > MAX_EVENT_FIELDS) {
    return new CallCenterValidationError(ev.type, [
      { path: '', code: 'invalid_value', message: `has ${keys.length} fields; at most ${MAX_EVENT_FIELDS} are read (the contract has at most 23)` },
    ]);
  }
  const { byName } = ev.rules;
  const record = input as Record<string, unknown>;
  for (const key of keys) {
    const rule = byName.get(key);
    if (rule === undefined) {
      ev.unknown.push(key);
      continue;
    }
    let value: unknown;
    try {
      value = record[key];
    } catch (cause) {
      return unreadable(ev, key, `field ${key}`, cause);
    }
    // An explicit undefined is an absent field, as zod reads it.
    if (value === undefined) continue;
    ev.fields[key] = value;
    ev.present.push(rule);
    ev.values.push(value);
  }
  return undefined;
}

/** The options of one call, read once. */
export interface CallOptions {
  operator: unknown;
  timestamp: unknown;
}

/** Checks an operator identity (read once into a copy); returns the problem, or the copy. */
export function readOperator(operator: unknown, path: string): CallCenterOperator | CallCenterValidationIssue {
  if (typeof operator !== 'object' || operator === null) {
    return { path, code: 'invalid_operator', message: 'expected an object { id, name?, team? }' };
  }
  const { id, name, team } = operator as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return { path: `${path}.id`, code: 'invalid_operator', message: 'expected a non-empty string' };
  if (name !== undefined && typeof name !== 'string') return { path: `${path}.name`, code: 'invalid_operator', message: 'expected a string' };
  if (team !== undefined && typeof team !== 'string') return { path: `${path}.team`, code: 'invalid_operator', message: 'expected a string' };
  const copy: CallCenterOperator = { id };
  if (name !== undefined) copy.name = name;
  if (team !== undefined) copy.team = team;
  return copy;
}

const getTime = Date.prototype.getTime;

/**
 * Reads the per-call options (which plain JavaScript may pass as anything)
 * once into `ev.operator` and `ev.timeMs`: the operator as a copy of its
 * three fields, the timestamp as epoch ms (the configured clock's `nowMs`
 * when none is given).
 */
export function readCallOptions(
  ev: IngestEvent,
  options: unknown,
  defaultOperator: CallCenterOperator | undefined,
  nowMs: number,
): CallCenterValidationError | undefined {
  ev.operator = defaultOperator;
  let timestamp: unknown;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object') {
      return new CallCenterValidationError(ev.type, [{ path: 'options', code: 'invalid_value', message: `expected an object { operator?, timestamp? }, received ${kindOf(options)}` }]);
    }
    try {
      const { operator } = options as Record<string, unknown>;
      timestamp = (options as Record<string, unknown>).timestamp;
      if (operator !== undefined) {
        const read = readOperator(operator, 'operator');
        if ('code' in read) return new CallCenterValidationError(ev.type, [read]);
        ev.operator = read;
      }
    } catch (cause) {
      return unreadable(ev, 'options', 'the options', cause);
    }
  }
  if (typeof timestamp === 'object' && timestamp !== null) {
    // A Date (of any realm) is read through Date.prototype, never through its own, overridable, methods.
    try {
      timestamp = getTime.call(timestamp);
    } catch {
      timestamp = NaN;
    }
  }
  if (timestamp === undefined) {
    ev.timeMs = nowMs;
    return undefined;
  }
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    return new CallCenterValidationError(ev.type, [{ path: 'timestamp', code: 'invalid_value', message: `expected epoch milliseconds or a valid Date, received ${kindOf(timestamp)}` }]);
  }
  ev.timeMs = timestamp;
  ev.timeGiven = true;
  return undefined;
}
