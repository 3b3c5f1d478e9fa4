import * as z from 'zod/mini';
import { ISO_DATE_TIME } from './iso-date-time.js';

/** FLOAT of the contract: a finite number (zod's number already refuses NaN and ±Infinity). */
export const finite = () => z.number();

// Refinements rather than z.int() / z.iso.datetime(): the same checks for a
// third less zod in a browser bundle. `params.format` names the contract's
// format for error messages and the valid-case path (schema-spec.ts reads it).

/** INTEGER of the contract: a whole number within ±2^53. */
export const integer = () => z.number().check(z.refine(Number.isSafeInteger, { params: { format: 'INTEGER' } }));

export const isoDateTime = () =>
  z.string().check(z.refine((value: string) => ISO_DATE_TIME.test(value), { params: { format: 'ISO 8601' } }));
