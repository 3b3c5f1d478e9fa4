// Checked by `tsc` (`npm run typecheck`, part of `npm test`); vitest does not
// run it. The public event types are written out by hand, for their
// documentation and so that a consumer's type-check never meets zod; the zod
// schemas are the tests' oracle for the field rules. These lines hold the two
// to exactly the same type, so neither can change alone.
import type * as z from 'zod/mini';
import type { ParsedEvents } from '../../src/events/validate.js';
import type { BreakEvent, CallCenterEventMap, ContactEvent, OpsScorecardEvent } from '../../src/index.js';
import type { breakEventSchema, contactEventSchema, opsScorecardEventSchema } from './schemas.js';

/**
 * `true` only when A and B are the same type: each assignable to the other is
 * not enough (`any`, a missing `?` or `readonly` make it `false`).
 */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** `true` when A is assignable to B. */
type Extends<A, B> = [A] extends [B] ? true : false;
/** Compiles only when given `true`. */
type Expect<T extends true> = T;

export type EventTypesAreTheSchemas = [
  Expect<Equals<BreakEvent, z.input<typeof breakEventSchema>>>,
  Expect<Equals<ContactEvent, z.input<typeof contactEventSchema>>>,
  Expect<Equals<OpsScorecardEvent, z.input<typeof opsScorecardEventSchema>>>,
  // What the pipeline reads after validation is what zod would have returned.
  Expect<Equals<ParsedEvents['break'], z.output<typeof breakEventSchema>>>,
  Expect<Equals<ParsedEvents['contact'], z.output<typeof contactEventSchema>>>,
  Expect<Equals<ParsedEvents['ops_scorecard'], z.output<typeof opsScorecardEventSchema>>>,
  // Plain object types, as zod's were (an interface would not be): an event
  // still goes where a Record<string, unknown> is expected.
  Expect<Extends<BreakEvent, Record<string, unknown>>>,
  Expect<Extends<ContactEvent, Record<string, unknown>>>,
  Expect<Extends<OpsScorecardEvent, Record<string, unknown>>>,
  Expect<Equals<CallCenterEventMap, { break: BreakEvent; contact: ContactEvent; ops_scorecard: OpsScorecardEvent }>>,
];
