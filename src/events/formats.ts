import * as z from 'zod/mini';

/** FLOAT of the contract: a finite number (zod's number already refuses NaN and ±Infinity). */
export const finite = () => z.number();

// Refinements rather than z.int() / z.iso.datetime(): the same checks for a
// third less zod in a browser bundle. `params.format` names the contract's
// format for error messages and the valid-case path (schema-spec.ts reads it).

/** INTEGER of the contract: a whole number within ±2^53. */
export const integer = () => z.number().check(z.refine(Number.isSafeInteger, { params: { format: 'INTEGER' } }));

/**
 * ISO 8601 date-time with a time zone designator (`Z` or `±hh:mm`) and any
 * number of fractional second digits, calendar-checked (no 2025-02-30). A
 * local time without a zone is refused: it would be read differently on every
 * host that reconstructs a span from it. (The pattern of zod's
 * `z.iso.datetime({ offset: true })`.)
 */
const ISO_DATE_TIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export const isoDateTime = () =>
  z.string().check(z.refine((value: string) => ISO_DATE_TIME.test(value), { params: { format: 'ISO 8601' } }));
