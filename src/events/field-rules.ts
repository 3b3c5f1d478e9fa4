import * as sc from '../semconv.js';
import { BREAK_ACTIONS, BREAK_TYPES, CONTACT_ACTIONS, CONTACT_CHANNELS, CONTACT_TYPES, type CallCenterEventType } from './enums.js';
import { isIsoDateTime } from './iso-date-time.js';

/** The contract's formats. `enum` fields are STRING with a closed set of values; `any` is `meta`. */
export type FieldFormat = 'STRING' | 'FLOAT' | 'INTEGER' | 'BOOLEAN' | 'ISO 8601' | 'ENUM' | 'ANY';

// What a field is, for its check and its bound (see the contract's "Bounds,
// time and reading"): free text, cut to `maxStringLength`; an identifier, at
// most 256 characters and well-formed UTF-16, else refused; an enum value; a
// date-time, an instant between 1970 and now plus the allowed clock skew; a
// duration, seconds from 0 to 31 days; a number, an integer or a boolean,
// which need no bound; anything (meta, sanitised with its own bounds).
export const TEXT = 0;
export const ID = 1;
export const ENUM = 2;
export const TIME = 3;
export const DURATION = 4;
export const FLOAT = 5;
export const INTEGER = 6;
export const BOOLEAN = 7;
export const ANY = 8;

/** Each kind's format, as the contract names it (and error messages quote it). */
const FORMATS: readonly FieldFormat[] = ['STRING', 'STRING', 'ENUM', 'ISO 8601', 'FLOAT', 'FLOAT', 'INTEGER', 'BOOLEAN', 'ANY'];

/** One field of the contract: everything the pipeline needs to know of it. */
export interface FieldRule {
  readonly name: string;
  /** Position in its event type's rule list: per-instance tables (privacy actions) are indexed by it. */
  readonly index: number;
  /** Its `call_center.*` attribute. */
  readonly attribute: string;
  readonly optional: boolean;
  /** What the field is (TEXT, ID, ...): its check and its bound. */
  readonly kind: number;
  readonly format: FieldFormat;
  /** For enum fields, the values allowed. */
  readonly allowed: readonly string[] | undefined;
  /** For enum fields, the same as a set (the check). */
  readonly values: ReadonlySet<unknown> | undefined;
}

/** Whether a value passes its field's check: the contract's format, or one of the enum's values (bounds come after). */
export function passes(rule: FieldRule, value: unknown): boolean {
  switch (rule.kind) {
    case TEXT:
    case ID:
      return typeof value === 'string';
    case ENUM:
      return rule.values!.has(value);
    case TIME:
      return typeof value === 'string' && isIsoDateTime(value);
    case DURATION:
    case FLOAT:
      return typeof value === 'number' && Number.isFinite(value);
    case INTEGER:
      return Number.isSafeInteger(value);
    case BOOLEAN:
      return typeof value === 'boolean';
  }
  return true;
}

/** The rules of one event type. */
export interface EventRules {
  readonly type: CallCenterEventType;
  readonly list: readonly FieldRule[];
  /** How many fields are required. */
  readonly required: number;
  /** Each field's position in a snapshot's slots, by name: constant-name reads for the stages that need a field. */
  readonly at: Readonly<Record<string, number>>;
}

/** A field: name, attribute, kind (or the allowed values: an enum), and '?' when optional. */
type Spec = readonly [name: string, attribute: string, kind: number | readonly string[], optional?: '?'];

function rulesOf(type: CallCenterEventType, specs: readonly Spec[]): EventRules {
  const list = specs.map(([name, attribute, kind, optional], index): FieldRule => {
    const allowed = typeof kind === 'number' ? undefined : kind;
    const k = allowed ? ENUM : (kind as number);
    return { name, index, attribute, optional: !!optional, kind: k, format: FORMATS[k]!, allowed, values: allowed && new Set(allowed) };
  });
  return {
    type,
    list,
    required: list.filter((r) => !r.optional).length,
    at: Object.fromEntries(list.map((r) => [r.name, r.index])),
  };
}

// The tests hold these rules to an independent oracle, the contract written as
// schemas (test/events/schemas.ts), on every kind of value.
/**
 * The contract's three events, as the pipeline reads them: the one rule set
 * that decides and explains every verdict.
 */
export const EVENT_RULES: { readonly [T in CallCenterEventType]: EventRules } = {
  break: /*#__PURE__*/ rulesOf('break', [
    ['type', sc.ATTR_BREAK_TYPE, BREAK_TYPES],
    ['sub_type', sc.ATTR_BREAK_SUB_TYPE, TEXT, '?'],
    ['action', sc.ATTR_BREAK_ACTION, BREAK_ACTIONS],
    ['total_time', sc.ATTR_BREAK_TOTAL_TIME, DURATION],
    ['consumed_time', sc.ATTR_BREAK_CONSUMED_TIME, DURATION],
    ['meta', sc.ATTR_META, ANY, '?'],
  ]),
  contact: /*#__PURE__*/ rulesOf('contact', [
    ['contact_id', sc.ATTR_CONTACT_ID, ID],
    ['action', sc.ATTR_CONTACT_ACTION, CONTACT_ACTIONS],
    ['contact_type', sc.ATTR_CONTACT_TYPE, CONTACT_TYPES],
    ['contact_sub_type', sc.ATTR_CONTACT_SUB_TYPE, TEXT, '?'],
    ['contact_start_time', sc.ATTR_CONTACT_START_TIME, TIME, '?'],
    ['contact_channel', sc.ATTR_CONTACT_CHANNEL, CONTACT_CHANNELS],
    ['contact_is_valid', sc.ATTR_CONTACT_IS_VALID, BOOLEAN, '?'],
    ['contact_is_transfer', sc.ATTR_CONTACT_IS_TRANSFER, BOOLEAN, '?'],
    ['contact_incident_id', sc.ATTR_CONTACT_INCIDENT_ID, ID, '?'],
    ['contact_customer_id', sc.ATTR_CONTACT_CUSTOMER_ID, ID, '?'],
    ['contact_customer_type', sc.ATTR_CONTACT_CUSTOMER_TYPE, TEXT, '?'],
    ['contact_phone_id', sc.ATTR_CONTACT_PHONE_ID, ID, '?'],
    ['contact_extension', sc.ATTR_CONTACT_EXTENSION, ID, '?'],
    ['contact_duration', sc.ATTR_CONTACT_DURATION, DURATION, '?'],
    ['contact_resolution', sc.ATTR_CONTACT_RESOLUTION, TEXT, '?'],
    ['contact_summary', sc.ATTR_CONTACT_SUMMARY, TEXT, '?'],
    ['contact_remarks', sc.ATTR_CONTACT_REMARKS, TEXT, '?'],
    ['contact_is_priority', sc.ATTR_CONTACT_IS_PRIORITY, BOOLEAN, '?'],
    // The platform's table makes transfer_id REQUIRED on every contact event, transfers or not; the table wins (ingest-events.md).
    ['transfer_id', sc.ATTR_TRANSFER_ID, ID],
    ['transfer_destination', sc.ATTR_TRANSFER_DESTINATION, TEXT, '?'],
    ['transfer_summary', sc.ATTR_TRANSFER_SUMMARY, TEXT, '?'],
    ['transfer_remarks', sc.ATTR_TRANSFER_REMARKS, TEXT, '?'],
    ['meta', sc.ATTR_META, ANY, '?'],
  ]),
  ops_scorecard: /*#__PURE__*/ rulesOf('ops_scorecard', [
    ['audit_count', sc.ATTR_OPS_SCORECARD_AUDIT_COUNT, INTEGER],
    ['quality_score', sc.ATTR_OPS_SCORECARD_QUALITY_SCORE, FLOAT, '?'],
    ['fatal_calls', sc.ATTR_OPS_SCORECARD_FATAL_CALLS, INTEGER, '?'],
    ['fatal_score', sc.ATTR_OPS_SCORECARD_FATAL_SCORE, FLOAT, '?'],
    ['performance_group', sc.ATTR_OPS_SCORECARD_PERFORMANCE_GROUP, TEXT],
    ['remarks', sc.ATTR_OPS_SCORECARD_REMARKS, TEXT, '?'],
    ['meta', sc.ATTR_META, ANY, '?'],
  ]),
};
