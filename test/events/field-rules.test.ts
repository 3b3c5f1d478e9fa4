import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { BREAK_ACTIONS, BREAK_TYPES, CONTACT_ACTIONS, CONTACT_CHANNELS, CONTACT_TYPES, type CallCenterEventType } from '../../src/events/enums.js';
import { EVENT_RULES } from '../../src/events/field-rules.js';
import { validateFields } from '../../src/events/validate.js';
import { createEventPlans } from '../../src/ingest/field-plan.js';
import { fieldsOf, newIngestEvent } from '../../src/ingest/ingest-event.js';
import { createPrivacyPolicy } from '../../src/privacy/policy.js';
import { readEvent } from '../../src/ingest/read.js';
import { fullBreak, fullContact, fullScorecard } from '../helpers/events.js';
import { breakEventSchema, contactEventSchema, opsScorecardEventSchema } from './schemas.js';

/** Values that are right for some field and wrong for others. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(...BREAK_ACTIONS, ...CONTACT_ACTIONS, ...BREAK_TYPES, ...CONTACT_TYPES, ...CONTACT_CHANNELS, 'nope'),
  fc.constantFrom('2025-01-01T12:00:27.87+02:00', '2025-01-01T12:00:27Z', '2025-01-01', '2025-02-30T00:00:00Z', '2024-02-29T00:00:00.123456+14:00'),
  fc.double(),
  fc.integer(),
  fc.constantFrom(NaN, Infinity, -Infinity, 2 ** 53, 2 ** 60, 1.5, 0, -0),
  fc.boolean(),
  fc.constant('true'),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

/** A valid event with a random few of its fields, and unknown ones, replaced by arbitrary values: every choice from the seed. */
function eventsFor(schema: z.ZodMiniObject, valid: Record<string, unknown>) {
  const fields = [...Object.keys(schema._zod.def.shape), 'extra', 'action ', '__proto__', 'constructor'];
  return fc.array(fc.tuple(fc.constantFrom(...fields), anyValue), { maxLength: 4 }).map((changes) => {
    const event: Record<string, unknown> = { ...valid };
    for (const [field, value] of changes) Object.defineProperty(event, field, { value, enumerable: true, configurable: true, writable: true });
    return event;
  });
}

const PLANS = createEventPlans(createPrivacyPolicy(undefined), { maxClockSkewMs: 300_000, maxStringLength: 4096 });

const CASES = [
  ['break', breakEventSchema, fullBreak()],
  ['contact', contactEventSchema, fullContact()],
  ['ops_scorecard', opsScorecardEventSchema, fullScorecard()],
] as const;

describe('the field rules and the zod schemas', () => {
  for (const [type, schema, valid] of CASES) {
    it(`give the same verdict on ${type} events, valid or not, and the same unknown fields`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(eventsFor(schema, valid as Record<string, unknown>), (event) => {
          const ev = newIngestEvent(PLANS[type as CallCenterEventType], Date.now());
          expect(readEvent(ev, event)).toBeUndefined();
          const rules = validateFields(ev);
          const zod = z.safeParse(schema, event);
          expect(rules === undefined).toBe(zod.success);
          const shape = Object.keys(schema._zod.def.shape);
          expect(ev.unknown).toEqual(Object.keys(event).filter((k) => !shape.includes(k)));
          if (zod.success) {
            accepted++;
            expect(fieldsOf(ev)).toEqual(Object.fromEntries(Object.entries(zod.data).filter(([, v]) => v !== undefined)));
          } else {
            // Both name the same fields.
            expect(new Set(rules!.issues.map((i) => i.path))).toEqual(new Set(zod.error.issues.map((i) => String(i.path[0]))));
          }
        }),
        { numRuns: 3000 },
      );
      // Both verdicts were exercised.
      expect(accepted).toBeGreaterThan(300);
      expect(accepted).toBeLessThan(2700);
    });
  }

  it('name every field of the schemas, in their order, with the same optionality', () => {
    for (const [type, schema] of CASES) {
      const shape = schema._zod.def.shape as Record<string, { _zod: { def: { type: string } } }>;
      expect(EVENT_RULES[type].list.map((r) => [r.name, r.optional])).toEqual(Object.entries(shape).map(([name, s]) => [name, s._zod.def.type === 'optional']));
    }
  });
});
