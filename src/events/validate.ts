import * as z from 'zod/mini';
import { CallCenterValidationError, type CallCenterValidationIssue } from '../errors.js';
import { breakEventSchema } from './break.js';
import { contactEventSchema } from './contact.js';
import { CallCenterEventType, EVENT_TYPES } from './enums.js';
import { describeSchema, type EventSpec } from './schema-spec.js';
import { opsScorecardEventSchema } from './ops-scorecard.js';

/** What a schema yields for each event type. */
export interface ParsedEvents {
  break: z.output<typeof breakEventSchema>;
  contact: z.output<typeof contactEventSchema>;
  ops_scorecard: z.output<typeof opsScorecardEventSchema>;
}

export type ParsedEvent = { [T in CallCenterEventType]: { type: T; event: ParsedEvents[T] } }[CallCenterEventType];

/** The event's action; scorecards have none (and an unknown `action` field on one is not read). */
export function actionOf(parsed: ParsedEvent): string | undefined {
  return parsed.type === 'ops_scorecard' ? undefined : parsed.event.action;
}

type Schema = typeof breakEventSchema | typeof contactEventSchema | typeof opsScorecardEventSchema;

const SCHEMAS: Record<CallCenterEventType, Schema> = {
  break: breakEventSchema,
  contact: contactEventSchema,
  ops_scorecard: opsScorecardEventSchema,
};

const SPECS: Record<CallCenterEventType, EventSpec> = {
  break: describeSchema(breakEventSchema),
  contact: describeSchema(contactEventSchema),
  ops_scorecard: describeSchema(opsScorecardEventSchema),
};

const hasOwn = Object.prototype.hasOwnProperty;

/** What validation knows of the schema of `type`: its fields and their checks. */
export function eventSpec(type: CallCenterEventType): EventSpec {
  return SPECS[type];
}

export function isEventType(type: unknown): type is CallCenterEventType {
  return typeof type === 'string' && hasOwn.call(SCHEMAS, type);
}

/** A string cut to 40 characters: enough to recognise a mistyped enum value, too short for free text. */
const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** What kind of value was received; for strings (enum fields only) the value itself, cut short. */
function describe(value: unknown, showString = false): string {
  if (showString && typeof value === 'string') return JSON.stringify(short(value));
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return `a ${typeof value}`;
}

function toIssue(type: CallCenterEventType, issue: z.core.$ZodIssue, input: Record<string, unknown>): CallCenterValidationIssue {
  const path = issue.path.map(String).join('.');
  const field = String(issue.path[0] ?? '');
  const value = field && hasOwn.call(input, field) ? input[field] : undefined;
  switch (issue.code) {
    case 'invalid_type': {
      const format = SPECS[type].formats[field] ?? issue.expected.toUpperCase();
      if (value === undefined) {
        const why = field === 'transfer_id' ? ' (the contract requires it on every contact event, transfers or not)' : '';
        return { path, code: 'missing_field', message: `is required (${format}) but missing${why}` };
      }
      const need = format === 'FLOAT' ? 'a finite number (FLOAT)' : format === 'INTEGER' ? 'a whole number (INTEGER)' : format;
      return { path, code: 'invalid_type', message: `expected ${need}, received ${describe(value)}` };
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      if (value === undefined) {
        return { path, code: 'missing_field', message: `is required, one of: ${allowed.join(', ')}`, allowed };
      }
      return { path, code: 'invalid_value', message: `expected one of ${allowed.join(', ')}; received ${describe(value, true)}`, allowed };
    }
    case 'custom':
      if (issue.params?.format === 'INTEGER') {
        return Number.isInteger(value)
          ? { path, code: 'invalid_value', message: 'expected a whole number within ±9007199254740991 (INTEGER)' }
          : { path, code: 'invalid_type', message: `expected a whole number (INTEGER), received ${describe(value)}` };
      }
      return {
        path,
        code: 'invalid_format',
        message: 'expected an ISO 8601 date-time with a time zone, e.g. 2025-01-01T12:00:27.87+02:00',
      };
    default:
      return { path, code: 'invalid_value', message: issue.message };
  }
}

export type ValidationResult =
  | { ok: true; parsed: ParsedEvent }
  | { ok: false; error: CallCenterValidationError };

function invalid(eventType: string, issue: CallCenterValidationIssue): ValidationResult {
  return { ok: false, error: new CallCenterValidationError(eventType, [issue]) };
}

/**
 * Checks an event against the contract. Never throws: a value that cannot even
 * be read (a proxy whose traps throw, a throwing getter) is an invalid event.
 */
export function validateEvent(type: unknown, input: unknown): ValidationResult {
  if (!isEventType(type)) {
    const shown = typeof type === 'string' ? short(type) : describe(type);
    return invalid(shown, {
      path: 'eventType',
      code: 'unknown_event_type',
      message: `expected one of ${EVENT_TYPES.join(', ')}; received ${describe(type, true)}`,
      allowed: EVENT_TYPES,
    });
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return invalid(type, { path: '', code: 'not_an_object', message: `expected an object, received ${describe(input)}` });
  }
  const record = input as Record<string, unknown>;
  try {
    const result = z.safeParse(SCHEMAS[type], record);
    if (result.success) return { ok: true, parsed: { type, event: result.data } as ParsedEvent };
    return { ok: false, error: new CallCenterValidationError(type, result.error.issues.map((i) => toIssue(type, i, record))) };
  } catch (cause) {
    const error = new CallCenterValidationError(type, [
      { path: '', code: 'unreadable_event', message: `the event could not be read (${cause instanceof Error ? cause.name : 'a value'} thrown while reading a field)` },
    ]);
    return { ok: false, error };
  }
}
