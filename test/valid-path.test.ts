import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { breakEventSchema } from '../src/events/break.js';
import { contactEventSchema } from '../src/events/contact.js';
import { BREAK_ATTRIBUTES, CONTACT_ATTRIBUTES, createEventMapper, OPS_SCORECARD_ATTRIBUTES } from '../src/attributes.js';
import { createPrivacyPolicy } from '../src/privacy/policy.js';
import { ATTR_META, SENSITIVE_ATTRIBUTES } from '../src/index.js';

/**
 * The event mapper's valid-case path, with every field kept, turned back
 * from attributes into fields so that it can be compared with zod's output.
 */
const mapper = createEventMapper(createPrivacyPolicy({ fields: Object.fromEntries(SENSITIVE_ATTRIBUTES.map((n) => [n, 'keep'])) }));
function fastPath(schema: z.ZodMiniObject) {
  const [type, map] =
    schema === breakEventSchema ? (['break', BREAK_ATTRIBUTES] as const)
    : schema === contactEventSchema ? (['contact', CONTACT_ATTRIBUTES] as const)
    : (['ops_scorecard', OPS_SCORECARD_ATTRIBUTES] as const);
  const fieldOf = new Map<string, string>([...Object.entries(map).map(([f, a]) => [a, f] as [string, string]), [ATTR_META, 'meta']]);
  return (input: Record<string, unknown>) => {
    const attributes = mapper.fast(type, input, []);
    return attributes && Object.fromEntries(Object.entries(attributes).map(([a, v]) => [fieldOf.get(a)!, v]));
  };
}
import { opsScorecardEventSchema } from '../src/events/ops-scorecard.js';
import { fullBreak, fullContact, fullScorecard } from './helpers/events.js';
import { BREAK_ACTIONS, BREAK_TYPES, CONTACT_ACTIONS, CONTACT_CHANNELS, CONTACT_TYPES } from '../src/events/enums.js';

/** Values that are right for some field and wrong for others. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(...BREAK_ACTIONS, ...CONTACT_ACTIONS, ...BREAK_TYPES, ...CONTACT_TYPES, ...CONTACT_CHANNELS, 'nope'),
  fc.constantFrom('2025-01-01T12:00:27.87+02:00', '2025-01-01T12:00:27Z', '2025-01-01', '2025-02-30T00:00:00Z'),
  fc.double(),
  fc.integer(),
  fc.constantFrom(NaN, Infinity, -Infinity, 2 ** 60, 1.5, 0, -0),
  fc.boolean(),
  fc.constant('true'),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

/** A valid event with a random few of its fields (and an unknown one) replaced by arbitrary values. */
function eventsFor(schema: z.ZodMiniObject, valid: Record<string, unknown>) {
  const fields = Object.keys(schema._zod.def.shape);
  const overrides = fc.record(Object.fromEntries([...fields, 'extra'].map((f) => [f, anyValue])), { requiredKeys: [] });
  return fc
    .tuple(overrides, fc.integer({ min: 0, max: fields.length }))
    .map(([o, keep]) => ({ ...valid, ...Object.fromEntries(Object.entries(o).slice(0, keep % 4)) }));
}

describe('the valid-case path of the event mapper', () => {
  for (const [name, schema, valid] of [
    ['break', breakEventSchema, fullBreak()],
    ['contact', contactEventSchema, fullContact()],
    ['ops_scorecard', opsScorecardEventSchema, fullScorecard()],
  ] as const) {
    it(`agrees with zod on ${name} events, valid or not`, () => {
      const fast = fastPath(schema)!;
      expect(fast).toBeTypeOf('function');
      let accepted = 0;
      fc.assert(
        fc.property(eventsFor(schema, valid as Record<string, unknown>), (event) => {
          const zod = z.safeParse(schema, event);
          const mine = fast(event as Record<string, unknown>);
          expect(mine !== undefined).toBe(zod.success);
          if (zod.success) {
            accepted++;
            expect(mine).toEqual(zod.data);
          }
        }),
        { numRuns: 3000 },
      );
      // Both verdicts were exercised.
      expect(accepted).toBeGreaterThan(300);
      expect(accepted).toBeLessThan(2700);
    });
  }

  it('accepts the full valid events and keeps only known fields', () => {
    const event = { ...fullContact(), unknown_field: 1 };
    expect(fastPath(contactEventSchema)!(event)).toEqual(z.parse(contactEventSchema, event));
  });
});
