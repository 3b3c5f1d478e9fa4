// The contract's three events in zod: the tests' oracle. The field rules
// (src/events/field-rules.ts) decide every verdict at run time, and
// field-rules.test.ts holds them to these schemas' verdicts on every kind of
// value; types.test-d.ts holds the published event types to what these
// schemas infer. Nothing in src imports zod, so neither the package's
// JavaScript nor its declarations do.
import * as z from 'zod/mini';
import { BREAK_ACTIONS, BREAK_TYPES, CONTACT_ACTIONS, CONTACT_CHANNELS, CONTACT_TYPES } from '../../src/events/enums.js';

/** FLOAT of the contract: a finite number (zod's number already refuses NaN and ±Infinity). */
const finite = () => z.number();

/** INTEGER of the contract: a whole number within ±2^53. */
const integer = () => z.number().check(z.refine(Number.isSafeInteger));

/** ISO 8601 date-time with a time zone, calendar-checked: the pattern of zod's `z.iso.datetime({ offset: true })`. */
/** The pattern of zod's `z.iso.datetime({ offset: true })` (zod 4), written out: the oracle of the rules' date-time check. */
export const ISO_DATE_TIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const isoDateTime = () => z.string().check(z.refine((value: string) => ISO_DATE_TIME.test(value)));

/** A Break event: an operator's break viewed, started, paused, resumed or ended. */
export const breakEventSchema = z.object({
  type: z.enum(BREAK_TYPES),
  sub_type: z.optional(z.string()),
  action: z.enum(BREAK_ACTIONS),
  total_time: finite(),
  consumed_time: finite(),
  meta: z.optional(z.unknown()),
});

/** A Contact event: a call, WhatsApp, SMS or email with a patient or representative. */
export const contactEventSchema = z.object({
  contact_id: z.string(),
  action: z.enum(CONTACT_ACTIONS),
  contact_type: z.enum(CONTACT_TYPES),
  contact_sub_type: z.optional(z.string()),
  contact_start_time: z.optional(isoDateTime()),
  contact_channel: z.enum(CONTACT_CHANNELS),
  contact_is_valid: z.optional(z.boolean()),
  contact_is_transfer: z.optional(z.boolean()),
  contact_incident_id: z.optional(z.string()),
  contact_customer_id: z.optional(z.string()),
  contact_customer_type: z.optional(z.string()),
  contact_phone_id: z.optional(z.string()),
  contact_extension: z.optional(z.string()),
  contact_duration: z.optional(finite()),
  contact_resolution: z.optional(z.string()),
  contact_summary: z.optional(z.string()),
  contact_remarks: z.optional(z.string()),
  contact_is_priority: z.optional(z.boolean()),
  // The platform's table makes transfer_id REQUIRED on every contact event,
  // transfers or not; the table wins (see ingest-events.md).
  transfer_id: z.string(),
  transfer_destination: z.optional(z.string()),
  transfer_summary: z.optional(z.string()),
  transfer_remarks: z.optional(z.string()),
  meta: z.optional(z.unknown()),
});

/** An OpsScorecard event: an operator's performance figures. */
export const opsScorecardEventSchema = z.object({
  audit_count: integer(),
  quality_score: z.optional(finite()),
  fatal_calls: z.optional(integer()),
  fatal_score: z.optional(finite()),
  performance_group: z.string(),
  remarks: z.optional(z.string()),
  meta: z.optional(z.unknown()),
});
