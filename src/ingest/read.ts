import { describeThrown } from '../diag.js';
import { CallCenterValidationError, type CallCenterValidationIssue } from '../errors.js';
import type { CallCenterOperator } from '../types.js';
import type { IngestEvent } from './ingest-event.js';
import { takeAccepted, takeField } from './take-field.js';

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
  return new CallCenterValidationError(ev.type, [{ path, code: 'unreadable_event', message: `${what} could not be read (${describeThrown(cause)} thrown while reading it)` }]);
}

/** Notes a key the contract does not know (the event's list is made at the first). */
function unknownField(ev: IngestEvent, key: string): void {
  if (ev.unknown.length === 0) ev.unknown = [key];
  else (ev.unknown as string[]).push(key);
}

/** Whether for…in over the object visits its own enumerable keys only: a plain object, and nothing enumerable on Object.prototype. */
function ownKeysOnly(record: object): boolean {
  const proto: unknown = Object.getPrototypeOf(record);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const _ in Object.prototype) return false;
  return true;
}

/**
 * Reads the event once: each of its own enumerable fields is read once and
 * handed to its field's stages (take-field.ts: checked, bounded, put in the
 * snapshot `ev.slots` and the attribute set); names of fields the contract
 * does not know go to `ev.unknown`. Nothing after this stage touches the
 * caller's object, so a getter cannot change what was validated, and
 * whatever a getter or proxy trap throws is caught here and becomes an
 * `unreadable_event` rejection.
 */
export function readEvent(ev: IngestEvent, input: unknown): CallCenterValidationError | undefined {
  let array: boolean;
  try {
    // Array.isArray throws on a revoked proxy.
    array = Array.isArray(input);
  } catch (cause) {
    return unreadable(ev, '', 'the event', cause);
  }
  if (typeof input !== 'object' || input === null || array) {
    return new CallCenterValidationError(ev.type, [{ path: '', code: 'not_an_object', message: `expected an object, received ${kindOf(input)}` }]);
  }
  const record = input as Record<string, unknown>;
  const { plan } = ev;
  let count = 0;
  /** The field being read when a getter or trap throws, for the error's path. */
  let reading = '';
  try {
    if (ownKeysOnly(record)) {
      // for…in visits exactly the keys Object.keys would here, and a read of
      // `record[key]` in its own body is V8's cheapest keyed read (the same
      // read in a called function is not): so the body is written out twice.
      for (const key in record) {
        if (++count > MAX_EVENT_FIELDS) break;
        const step = plan.step(count - 1, key);
        if (step === undefined) {
          unknownField(ev, key);
          continue;
        }
        reading = key;
        const value = record[key];
        // An explicit undefined is an absent field, as zod reads it (the slot stays undefined).
        if (value === undefined) continue;
        if (value === step.accepted) takeAccepted(ev, step, value);
        else takeField(ev, step, value);
      }
    } else {
      for (const key of Object.keys(record)) {
        if (++count > MAX_EVENT_FIELDS) break;
        const step = plan.step(count - 1, key);
        if (step === undefined) {
          unknownField(ev, key);
          continue;
        }
        reading = key;
        const value = record[key];
        if (value === undefined) continue;
        if (value === step.accepted) takeAccepted(ev, step, value);
        else takeField(ev, step, value);
      }
    }
  } catch (cause) {
    return reading ? unreadable(ev, reading, `field ${reading}`, cause) : unreadable(ev, '', 'the event', cause);
  }
  if (count > MAX_EVENT_FIELDS) {
    return new CallCenterValidationError(ev.type, [
      { path: '', code: 'invalid_value', message: `has ${Object.keys(record).length} fields; at most ${MAX_EVENT_FIELDS} are read (the contract has at most 23)` },
    ]);
  }
  return undefined;
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
 * three fields, the timestamp as epoch ms (left unread, the clock's now,
 * when none is given).
 */
export function readCallOptions(ev: IngestEvent, options: unknown, defaultOperator: CallCenterOperator | undefined): CallCenterValidationError | undefined {
  ev.operator = defaultOperator;
  let timestamp: unknown;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object') {
      return new CallCenterValidationError(ev.type, [
        { path: 'options', code: 'invalid_value', message: `expected an object { operator?, timestamp? }, received ${kindOf(options)}` },
      ]);
    }
    try {
      const { operator } = options as Record<string, unknown>;
      timestamp = (options as Record<string, unknown>).timestamp;
      if (operator !== undefined) {
        const read = readOperator(operator, 'operator');
        if ('code' in read) return new CallCenterValidationError(ev.type, [read]);
        ev.operator = read;
        ev.operatorGiven = true;
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
  if (timestamp === undefined) return undefined;
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    return new CallCenterValidationError(ev.type, [
      { path: 'timestamp', code: 'invalid_value', message: `expected epoch milliseconds or a valid Date, received ${kindOf(timestamp)}` },
    ]);
  }
  ev.timeMs = timestamp;
  ev.timeGiven = true;
  return undefined;
}
