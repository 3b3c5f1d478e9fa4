import * as sc from '../semconv.js';
import { BREAK_ACTIONS, BREAK_TYPES, CONTACT_ACTIONS, CONTACT_CHANNELS, CONTACT_TYPES, type CallCenterEventType } from './enums.js';
import { isIsoDateTime } from './iso-date-time.js';

/** The contract's formats. `enum` fields are STRING with a closed set of values; `any` is `meta`. */
export type FieldFormat = 'STRING' | 'FLOAT' | 'INTEGER' | 'BOOLEAN' | 'ISO 8601' | 'ENUM' | 'ANY';

/**
 * How a field's value is bounded once it is valid (see the contract's
 * "Bounds, time and reading"): `id` at most 256 characters and well-formed
 * UTF-16, else refused; `time` an instant between 1970 and now plus the
 * allowed clock skew; `duration` seconds from 0 to 31 days; `text` cut to
 * `maxStringLength`; `fixed` needs nothing (enums, booleans, numbers, and
 * meta, which is sanitised with its own bounds).
 */
export type FieldBound = 'id' | 'time' | 'duration' | 'text' | 'fixed';

/** One field of the contract: everything the pipeline needs to know of it. */
export interface FieldRule {
  readonly name: string;
  /** Position in its event type's rule list: per-instance tables (privacy actions) are indexed by it. */
  readonly index: number;
  /** Its `call_center.*` attribute. */
  readonly attribute: string;
  readonly optional: boolean;
  readonly format: FieldFormat;
  /** For enum fields, the values allowed. */
  readonly allowed?: readonly string[] | undefined;
  /** For enum fields, the same as a set (the check). */
  readonly values: ReadonlySet<unknown> | undefined;
  readonly check: (value: unknown) => boolean;
  readonly bound: FieldBound;
  /** The format and bound in one number, for the read's switch (take-field.ts): the check inline rather than a call per field. */
  readonly take: number;
}

// What take-field.ts does with a value, by format and bound.
export const TAKE_TEXT = 0;
export const TAKE_ID = 1;
export const TAKE_ENUM = 2;
export const TAKE_TIME = 3;
export const TAKE_DURATION = 4;
export const TAKE_FLOAT = 5;
export const TAKE_INTEGER = 6;
export const TAKE_BOOLEAN = 7;
export const TAKE_ANY = 8;

function takeOf(format: FieldFormat, bound: FieldBound): number {
  if (bound === 'text') return TAKE_TEXT;
  if (bound === 'id') return TAKE_ID;
  if (bound === 'time') return TAKE_TIME;
  if (bound === 'duration') return TAKE_DURATION;
  return { ENUM: TAKE_ENUM, FLOAT: TAKE_FLOAT, INTEGER: TAKE_INTEGER, BOOLEAN: TAKE_BOOLEAN, ANY: TAKE_ANY, STRING: TAKE_TEXT, 'ISO 8601': TAKE_TIME }[format];
}

/** The rules of one event type. */
export interface EventRules {
  readonly type: CallCenterEventType;
  readonly byName: ReadonlyMap<string, FieldRule>;
  readonly list: readonly FieldRule[];
  /** How many fields are required. */
  readonly required: number;
  /** Each field's position in a snapshot's slots, by name: constant-name reads for the stages that need a field. */
  readonly at: Readonly<Record<string, number>>;
}

const CHECKS: Record<Exclude<FieldFormat, 'ENUM'>, (value: unknown) => boolean> = {
  STRING: (v) => typeof v === 'string',
  FLOAT: (v) => typeof v === 'number' && Number.isFinite(v),
  INTEGER: Number.isSafeInteger,
  BOOLEAN: (v) => typeof v === 'boolean',
  'ISO 8601': (v) => typeof v === 'string' && isIsoDateTime(v),
  ANY: () => true,
};

/** A field: name, attribute, format (or the allowed values), required or optional ('?'), and its bound when not the format's. */
type Spec = readonly [name: string, attribute: string, format: Exclude<FieldFormat, 'ENUM'> | readonly string[], optional?: '?', bound?: FieldBound];

function rulesOf(type: CallCenterEventType, specs: readonly Spec[]): EventRules {
  const list = specs.map(([name, attribute, format, optional, bound], index): FieldRule => {
    // Every rule has the same properties in the same order: the read loads them at one site.
    if (typeof format !== 'string') {
      const values = new Set<unknown>(format);
      return { name, index, attribute, optional: !!optional, format: 'ENUM', allowed: format, values, check: (v) => values.has(v), bound: 'fixed', take: TAKE_ENUM };
    }
    const b = bound ?? (format === 'STRING' ? 'text' : 'fixed');
    return { name, index, attribute, optional: !!optional, format, allowed: undefined, values: undefined, check: CHECKS[format], bound: b, take: takeOf(format, b) };
  });
  return {
    type,
    list,
    byName: new Map(list.map((r) => [r.name, r])),
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
    ['sub_type', sc.ATTR_BREAK_SUB_TYPE, 'STRING', '?'],
    ['action', sc.ATTR_BREAK_ACTION, BREAK_ACTIONS],
    ['total_time', sc.ATTR_BREAK_TOTAL_TIME, 'FLOAT', undefined, 'duration'],
    ['consumed_time', sc.ATTR_BREAK_CONSUMED_TIME, 'FLOAT', undefined, 'duration'],
    ['meta', sc.ATTR_META, 'ANY', '?'],
  ]),
  contact: /*#__PURE__*/ rulesOf('contact', [
    ['contact_id', sc.ATTR_CONTACT_ID, 'STRING', undefined, 'id'],
    ['action', sc.ATTR_CONTACT_ACTION, CONTACT_ACTIONS],
    ['contact_type', sc.ATTR_CONTACT_TYPE, CONTACT_TYPES],
    ['contact_sub_type', sc.ATTR_CONTACT_SUB_TYPE, 'STRING', '?'],
    ['contact_start_time', sc.ATTR_CONTACT_START_TIME, 'ISO 8601', '?', 'time'],
    ['contact_channel', sc.ATTR_CONTACT_CHANNEL, CONTACT_CHANNELS],
    ['contact_is_valid', sc.ATTR_CONTACT_IS_VALID, 'BOOLEAN', '?'],
    ['contact_is_transfer', sc.ATTR_CONTACT_IS_TRANSFER, 'BOOLEAN', '?'],
    ['contact_incident_id', sc.ATTR_CONTACT_INCIDENT_ID, 'STRING', '?', 'id'],
    ['contact_customer_id', sc.ATTR_CONTACT_CUSTOMER_ID, 'STRING', '?', 'id'],
    ['contact_customer_type', sc.ATTR_CONTACT_CUSTOMER_TYPE, 'STRING', '?'],
    ['contact_phone_id', sc.ATTR_CONTACT_PHONE_ID, 'STRING', '?', 'id'],
    ['contact_extension', sc.ATTR_CONTACT_EXTENSION, 'STRING', '?', 'id'],
    ['contact_duration', sc.ATTR_CONTACT_DURATION, 'FLOAT', '?', 'duration'],
    ['contact_resolution', sc.ATTR_CONTACT_RESOLUTION, 'STRING', '?'],
    ['contact_summary', sc.ATTR_CONTACT_SUMMARY, 'STRING', '?'],
    ['contact_remarks', sc.ATTR_CONTACT_REMARKS, 'STRING', '?'],
    ['contact_is_priority', sc.ATTR_CONTACT_IS_PRIORITY, 'BOOLEAN', '?'],
    // The platform's table makes transfer_id REQUIRED on every contact event, transfers or not; the table wins (ingest-events.md).
    ['transfer_id', sc.ATTR_TRANSFER_ID, 'STRING', undefined, 'id'],
    ['transfer_destination', sc.ATTR_TRANSFER_DESTINATION, 'STRING', '?'],
    ['transfer_summary', sc.ATTR_TRANSFER_SUMMARY, 'STRING', '?'],
    ['transfer_remarks', sc.ATTR_TRANSFER_REMARKS, 'STRING', '?'],
    ['meta', sc.ATTR_META, 'ANY', '?'],
  ]),
  ops_scorecard: /*#__PURE__*/ rulesOf('ops_scorecard', [
    ['audit_count', sc.ATTR_OPS_SCORECARD_AUDIT_COUNT, 'INTEGER'],
    ['quality_score', sc.ATTR_OPS_SCORECARD_QUALITY_SCORE, 'FLOAT', '?'],
    ['fatal_calls', sc.ATTR_OPS_SCORECARD_FATAL_CALLS, 'INTEGER', '?'],
    ['fatal_score', sc.ATTR_OPS_SCORECARD_FATAL_SCORE, 'FLOAT', '?'],
    ['performance_group', sc.ATTR_OPS_SCORECARD_PERFORMANCE_GROUP, 'STRING'],
    ['remarks', sc.ATTR_OPS_SCORECARD_REMARKS, 'STRING', '?'],
    ['meta', sc.ATTR_META, 'ANY', '?'],
  ]),
};
