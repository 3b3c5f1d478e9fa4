import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactAction, ContactEvent } from '../../src/index.js';
import { ingest, TestClock } from '../helpers/lifecycle.js';
import { createHarness, type Harness } from '../helpers/otel.js';

// An update or the end sets on the contact's span only what it does not hold
// already (contacts.ts, #update). Whatever happened in between, the span must
// end with what setting every attribute of every update and of the end gives.

let h: Harness | undefined;
afterEach(async () => {
  await h?.shutdown();
  h = undefined;
});

/** Some optional fields, each absent or one of two values: events change, repeat and drop them. */
const fields = fc.record(
  {
    contact_sub_type: fc.constantFrom('a', 'b'),
    contact_resolution: fc.constantFrom('open', 'resolved'),
    contact_customer_type: fc.constantFrom('patient', 'family'),
    contact_is_priority: fc.boolean(),
    contact_duration: fc.constantFrom(0, 5, 12.5),
    transfer_destination: fc.constantFrom('desk-1', 'desk-2'),
  },
  { requiredKeys: [] },
);
const between = fc.record({
  action: fc.constantFrom<ContactAction>('pause', 'resume', 'update', 'transfer', 'view', 'skip', 'other'),
  fields,
  transfer: fc.constantFrom('t-0', 't-1'),
});

describe('a contact span’s attributes', () => {
  it('end as if every update and the end had set all of theirs', () => {
    fc.assert(
      fc.property(fields, fc.array(between, { maxLength: 8 }), fields, (first, middle, last) => {
        const clock = new TestClock();
        h = createHarness({ now: clock.now, operator: { id: 'op-1' } });
        const event = (action: ContactAction, f: object, transfer = 't-0'): ContactEvent =>
          ({ contact_id: 'c-1', action, contact_type: 'emergency', contact_channel: 'call', transfer_id: transfer, ...f }) as ContactEvent;
        const expected: Record<string, unknown> = {};
        const put = (e: ContactEvent) => {
          for (const [k, v] of Object.entries(e))
            expected[k.startsWith('transfer_') ? `call_center.transfer.${k.slice(9)}` : `call_center.contact.${k.replace(/^contact_/, '')}`] = v;
          expected['call_center.operator.id'] = 'op-1';
        };
        const attend = event('attend', first);
        ingest(h, 'contact', attend);
        put(attend);
        for (const step of middle) {
          clock.advance(1);
          const e = event(step.action, step.fields, step.transfer);
          ingest(h, 'contact', e);
          if (step.action === 'update') put(e);
        }
        clock.advance(1);
        const end = event('end', last);
        ingest(h, 'contact', end);
        put(end);
        const [span] = h.spans.getFinishedSpans();
        const { 'call_center.contact.end_reason': reason, 'call_center.contact.hold_time': _t, 'call_center.contact.hold_count': _c, ...rest } = span!.attributes;
        expect(reason).toBe('end');
        expect(rest).toEqual(expected);
        void h.shutdown();
        h = undefined;
      }),
      { numRuns: 300 },
    );
  });
});
