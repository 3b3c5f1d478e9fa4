import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import type { CallCenterEventType } from '../../src/events/enums.js';
import { createEventPlans } from '../../src/ingest/field-plan.js';
import { checkEvent, isRefusal } from '../../src/ingest/pipeline.js';
import { createPrivacyPolicy } from '../../src/privacy/policy.js';
import { REQUIRED_FIELDS } from '../helpers/contract-fields.js';
import { fullBreak, fullContact, fullScorecard } from '../helpers/events.js';

// Attribute sets are built from a template of the plan's last shape when an
// event has it (same fields, same order, same operator attributes), else key by
// key. Whatever the sequence of events, each set must be what building it key
// by key gives: the same keys, in the same order, with the same values.

const FULL: Record<CallCenterEventType, Record<string, unknown>> = { break: fullBreak(), contact: fullContact(), ops_scorecard: fullScorecard() };
const config = resolveConfig({ operator: { id: 'op-1', name: 'Asha' } });

/**
 * An event of the type in one of three shapes (every field; the required ones
 * and meta, reversed; the first half), so that shapes repeat, with some values
 * changed (among them -0 for 0, meta with nothing to export, other ids).
 */
const eventArbitrary = (type: CallCenterEventType) => {
  const all = Object.keys(FULL[type]);
  const shapes = [all, [...all.filter((k) => k === 'meta' || (REQUIRED_FIELDS[type] as readonly string[]).includes(k))].reverse(), all.slice(0, all.length >> 1)];
  return fc.constantFrom(...shapes).chain((keys) =>
    fc
      .tuple(
        ...keys.map((key) => {
          const value = FULL[type][key];
          const other =
            key === 'meta'
              ? fc.constantFrom<unknown>({ a: 1 }, () => 1, { b: Symbol('s') }, 'text')
              : typeof value === 'number'
                ? fc.constantFrom(value, 0, -0, 1)
                : typeof value === 'string' && !key.endsWith('time') && !['action', 'type', 'contact_type', 'contact_channel'].includes(key)
                  ? fc.constantFrom(value, `${value}-2`)
                  : fc.constant(value);
          return other.map((v) => [key, v] as const);
        }),
      )
      .map((entries) => Object.fromEntries(entries)),
  );
};

const callArbitrary = fc.record(
  {
    type: fc.constantFrom<CallCenterEventType>('break', 'contact', 'ops_scorecard'),
    operator: fc.option(
      fc.record(
        { id: fc.constantFrom('op-2', 'op-3'), name: fc.option(fc.constant('Ravi'), { nil: undefined }), team: fc.option(fc.constant('night'), { nil: undefined }) },
        { requiredKeys: ['id'] },
      ),
      { nil: undefined },
    ),
    key: fc.boolean(),
  },
  { requiredKeys: ['type', 'operator', 'key'] },
);

describe('attribute sets built from a template', () => {
  it('are those built key by key, whatever the events before them', () => {
    fc.assert(
      fc.property(
        fc.array(
          callArbitrary.chain((call) => eventArbitrary(call.type).map((event) => ({ ...call, event }))),
          { minLength: 1, maxLength: 30 },
        ),
        fc.boolean(),
        (calls, withKey) => {
          const policy = createPrivacyPolicy(withKey ? { key: 'k', fields: { 'call_center.meta': 'keep', 'call_center.contact.summary': 'hash' } } : undefined);
          // One set of plans for the whole sequence (templates carried over), a fresh one per event (key by key).
          const shared = createEventPlans(policy, config);
          for (const { type, event, operator } of calls) {
            const options = operator ? { operator } : undefined;
            const now = Date.now();
            const templated = checkEvent(type, event, options, shared, config.operator, () => now);
            const byKey = checkEvent(type, event, options, createEventPlans(policy, config), config.operator, () => now);
            expect(isRefusal(templated)).toBe(isRefusal(byKey));
            if (isRefusal(templated) || isRefusal(byKey)) continue;
            const entries = (a: object) => Object.entries(a).map(([k, v]) => [k, Object.is(v, -0) ? '-0' : v]);
            expect(entries(templated.attributes)).toEqual(entries(byKey.attributes));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('are new objects each time: the template is never handed out', () => {
    const plans = createEventPlans(createPrivacyPolicy(undefined), config);
    const first = checkEvent('break', fullBreak(), undefined, plans, config.operator, Date.now);
    const second = checkEvent('break', fullBreak(), undefined, plans, config.operator, Date.now);
    if (isRefusal(first) || isRefusal(second)) throw new Error('refused');
    expect(second.attributes).not.toBe(first.attributes);
    second.attributes['call_center.break.type'] = 'changed by a redaction hook';
    const third = checkEvent('break', fullBreak(), undefined, plans, config.operator, Date.now);
    if (isRefusal(third)) throw new Error('refused');
    expect(third.attributes['call_center.break.type']).toBe('bio_break');
  });
});
