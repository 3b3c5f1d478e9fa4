import * as z from 'zod/mini';
import { CallCenterValidationError, type CallCenterValidationIssue } from '../errors.js';
import { breakEventSchema } from './break.js';
import { contactEventSchema } from './contact.js';
import { CallCenterEventType, EVENT_TYPES } from './enums.js';
import { fastPath } from './fast-path.js';
import { opsScorecardEventSchema } from './ops-scorecard.js';

/** What a schema yields for each event type. */
export interface ParsedEvents {
  break: z.output<typeof breakEventSchema>;
  contact: z.output<typeof contactEventSchema>;
  ops_scorecard: z.output<typeof opsScorecardEventSchema>;
}

export type ParsedEvent = { [T in CallCenterEventType]: { type: T; event: ParsedEvents[T] } }[CallCenterEventType];

type Schema = typeof breakEventSchema | typeof contactEventSchema | typeof opsScorecardEventSchema;

const SCHEMAS: Record<CallCenterEventType, Schema> = {
  break: breakEventSchema,
  contact: contactEventSchema,
  ops_scorecard: opsScorecardEventSchema,
};

/** The contract's format name (STRING, FLOAT, INTEGER, BOOLEAN, ANY) of a schema field. */
function formatOf(schema: z.core.$ZodType): string {
  let def = schema._zod.def as z.core.$ZodTypeDef & { innerType?: z.core.$ZodType; format?: string };
  if (def.type === 'optional' && def.innerType) def = def.innerType._zod.def as typeof def;
  if (def.type === 'number') return def.format === 'safeint' ? 'INTEGER' : 'FLOAT';
  if (def.type === 'boolean') return 'BOOLEAN';
  if (def.type === 'string' || def.type === 'enum') return 'STRING';
  return 'ANY';
}

function formats(schema: Schema): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [field, fieldSchema] of Object.entries(schema.def.shape)) out[field] = formatOf(fieldSchema as z.core.$ZodType);
  return out;
}

const FORMATS: Record<CallCenterEventType, Readonly<Record<string, string>>> = {
  break: formats(breakEventSchema),
  contact: formats(contactEventSchema),
  ops_scorecard: formats(opsScorecardEventSchema),
};

const hasOwn = Object.prototype.hasOwnProperty;

/** Field names the schema of `type` knows, for telling unknown fields apart. */
export function knownFields(type: CallCenterEventType): ReadonlySet<string> {
  return KNOWN[type];
}
const KNOWN: Record<CallCenterEventType, ReadonlySet<string>> = {
  break: new Set(Object.keys(breakEventSchema.def.shape)),
  contact: new Set(Object.keys(contactEventSchema.def.shape)),
  ops_scorecard: new Set(Object.keys(opsScorecardEventSchema.def.shape)),
};

type FastPath = ReturnType<typeof fastPath>;

const FAST: Record<CallCenterEventType, FastPath> = {
  break: fastPath(breakEventSchema),
  contact: fastPath(contactEventSchema),
  ops_scorecard: fastPath(opsScorecardEventSchema),
};

export function isEventType(type: unknown): type is CallCenterEventType {
  return typeof type === 'string' && hasOwn.call(SCHEMAS, type);
}

/** A short, safe rendering of a received enum value: never free text of any length. */
function preview(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'a number' : String(value);
  return `a ${typeof value}`;
}

function toIssue(type: CallCenterEventType, issue: z.core.$ZodIssue, input: Record<string, unknown>): CallCenterValidationIssue {
  const path = issue.path.map(String).join('.');
  const field = String(issue.path[0] ?? '');
  const value = field && hasOwn.call(input, field) ? input[field] : undefined;
  switch (issue.code) {
    case 'invalid_type': {
      const format = FORMATS[type][field] ?? issue.expected.toUpperCase();
      if (value === undefined) {
        const why = field === 'transfer_id' ? ' (the contract requires it on every contact event, transfers or not)' : '';
        return { path, code: 'missing_field', message: `is required (${format}) but missing${why}` };
      }
      const need = format === 'FLOAT' ? 'a finite number (FLOAT)' : format === 'INTEGER' ? 'a whole number (INTEGER)' : format;
      return { path, code: 'invalid_type', message: `expected ${need}, received ${describeType(value)}` };
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      if (value === undefined) {
        return { path, code: 'missing_field', message: `is required, one of: ${allowed.join(', ')}`, allowed };
      }
      return { path, code: 'invalid_value', message: `expected one of ${allowed.join(', ')}; received ${preview(value)}`, allowed };
    }
    case 'invalid_format':
      return {
        path,
        code: 'invalid_format',
        message: 'expected an ISO 8601 date-time with a time zone, e.g. 2025-01-01T12:00:27.87+02:00',
      };
    case 'too_big':
    case 'too_small':
      return { path, code: 'invalid_value', message: 'expected a whole number within ±9007199254740991 (INTEGER)' };
    default:
      return { path, code: 'invalid_value', message: issue.message };
  }
}

export type ValidationResult =
  | { ok: true; parsed: ParsedEvent; input: Record<string, unknown> }
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
    const shown = typeof type === 'string' ? (type.length > 40 ? `${type.slice(0, 40)}…` : type) : describeType(type);
    return invalid(shown, {
      path: 'eventType',
      code: 'unknown_event_type',
      message: `expected one of ${EVENT_TYPES.join(', ')}; received ${preview(type)}`,
      allowed: EVENT_TYPES,
    });
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return invalid(type, { path: '', code: 'not_an_object', message: `expected an object, received ${describeType(input)}` });
  }
  const record = input as Record<string, unknown>;
  try {
    const fast = FAST[type]?.(record);
    if (fast) return { ok: true, parsed: { type, event: fast } as ParsedEvent, input: record };
    const result = z.safeParse(SCHEMAS[type], record);
    if (result.success) return { ok: true, parsed: { type, event: result.data } as ParsedEvent, input: record };
    return { ok: false, error: new CallCenterValidationError(type, result.error.issues.map((i) => toIssue(type, i, record))) };
  } catch (cause) {
    const error = new CallCenterValidationError(type, [
      { path: '', code: 'unreadable_event', message: `the event could not be read (${errorName(cause)})` },
    ]);
    return { ok: false, error };
  }
}

function errorName(cause: unknown): string {
  try {
    return cause instanceof Error ? `${cause.name} while reading a field` : 'a value was thrown while reading a field';
  } catch {
    return 'a value was thrown while reading a field';
  }
}
