import { CallCenterValidationError, type CallCenterValidationIssue } from '../errors.js';
import type { IngestEvent } from '../ingest/ingest-event.js';
import { kindOf } from '../ingest/read.js';
import { EVENT_TYPES, type CallCenterEventType } from './enums.js';
import { EVENT_RULES, passes, type FieldRule } from './field-rules.js';
import type { CallCenterEventMap } from '../types.js';

/** What a valid event of each type holds (its snapshot, once validated): the type it was given as, since validation transforms nothing. */
export type ParsedEvents = CallCenterEventMap;

const hasOwn = Object.prototype.hasOwnProperty;

export function isEventType(type: unknown): type is CallCenterEventType {
  return typeof type === 'string' && hasOwn.call(EVENT_RULES, type);
}

/** A string cut to 40 characters: enough to recognise a mistyped enum value, too short for free text. */
const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** What kind of value was received; for strings (enum fields only) the value itself, cut short. */
function describe(value: unknown, showString = false): string {
  return showString && typeof value === 'string' ? JSON.stringify(short(value)) : kindOf(value);
}

/** The error for an event type that is not one of the three. */
export function unknownEventType(type: unknown): CallCenterValidationError {
  const shown = typeof type === 'string' ? short(type) : describe(type);
  return new CallCenterValidationError(shown, [
    { path: 'eventType', code: 'unknown_event_type', message: `expected one of ${EVENT_TYPES.join(', ')}; received ${describe(type, true)}`, allowed: EVENT_TYPES },
  ]);
}

const NEED: Partial<Record<FieldRule['format'], string>> = { FLOAT: 'a finite number (FLOAT)', INTEGER: 'a whole number (INTEGER)', 'ISO 8601': 'STRING' };

/** What is wrong with one field's value (or its absence), in the contract's words; undefined when nothing is. */
function fieldIssue(rule: FieldRule, value: unknown): CallCenterValidationIssue | undefined {
  const path = rule.name;
  const { allowed } = rule;
  if (value === undefined) {
    if (rule.optional) return undefined;
    if (allowed) return { path, code: 'missing_field', message: `is required, one of: ${allowed.join(', ')}`, allowed };
    const why = path === 'transfer_id' ? ' (the contract requires it on every contact event, transfers or not)' : '';
    return { path, code: 'missing_field', message: `is required (${rule.format}) but missing${why}` };
  }
  if (passes(rule, value)) return undefined;
  if (allowed) return { path, code: 'invalid_value', message: `expected one of ${allowed.join(', ')}; received ${describe(value, true)}`, allowed };
  if (rule.format === 'INTEGER' && Number.isInteger(value)) return { path, code: 'invalid_value', message: 'expected a whole number within ±9007199254740991 (INTEGER)' };
  if (rule.format === 'ISO 8601' && typeof value === 'string') {
    return { path, code: 'invalid_format', message: 'expected an ISO 8601 date-time with a time zone, e.g. 2025-01-01T12:00:27.87+02:00' };
  }
  return { path, code: 'invalid_type', message: `expected ${NEED[rule.format] ?? rule.format}, received ${describe(value)}` };
}

/**
 * Checks the snapshot against the contract's field rules: the common case
 * (every present field passed its rule's check as it was read, every
 * required one is there) at once; anything else is explained field by field,
 * in the contract's order, every bad field named.
 */
export function validateFields(ev: IngestEvent): CallCenterValidationError | undefined {
  if (!ev.failed && ev.required === ev.plan.rules.required) return undefined;
  const { slots } = ev;
  const issues: CallCenterValidationIssue[] = [];
  for (const rule of ev.plan.rules.list) {
    const issue = fieldIssue(rule, slots[rule.index]);
    if (issue) issues.push(issue);
  }
  return new CallCenterValidationError(ev.type, issues);
}
