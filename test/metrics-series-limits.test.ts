// With operatorOnMetrics, series are per operator. Past 1 998 series:
// - call_center.contacts.active keeps every series it ever saw (reported 0
//   for good) and silently leaves out the open contacts of any new operator;
// - call_center.events folds every later event into one overflow series that
//   carries the event type of the first event that overflowed.
import { afterEach, describe, expect, it } from 'vitest';
import { CallCenterAction } from '../src/index.js';
import { minimalContact } from './helpers/events.js';
import { ingest } from './helpers/lifecycle.js';
import { counterValue, createHarness, type Harness } from './helpers/otel.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.shutdown();
  h = undefined;
});

describe('series limits', () => {
  it('call_center.contacts.active counts an open contact of a new operator after 2 000 operators have come and gone', async () => {
    h = createHarness({ operatorOnMetrics: true });
    for (let i = 0; i < 2000; i++) {
      const operator = { id: `op-${i}` };
      ingest(h, 'contact', minimalContact({ contact_id: 'c' }), { operator });
      ingest(h, 'contact', minimalContact({ contact_id: 'c', action: CallCenterAction.End }), { operator });
    }
    // A new shift: one operator attends one contact.
    ingest(h, 'contact', minimalContact({ contact_id: 'c' }), { operator: { id: 'op-new' } });
    expect(counterValue((await h.collectMetrics()).get('call_center.contacts.active'))).toBe(1);
  });

  it('call_center.events: the overflow series does not attribute break events to event.type=contact', async () => {
    h = createHarness({ operatorOnMetrics: true });
    for (let i = 0; i < 2000; i++) ingest(h, 'contact', minimalContact({ contact_id: `c${i}`, action: CallCenterAction.View }), { operator: { id: `op-${i}` } });
    for (let i = 0; i < 10; i++) ingest(h, 'break', { type: 'tea', action: 'view', total_time: 60, consumed_time: 0 } as never, { operator: { id: `op-b${i}` } });
    const events = (await h.collectMetrics()).get('call_center.events');
    // 2 000 contact events were accepted, not 2 010.
    expect(counterValue(events, { 'call_center.event.type': 'contact' })).toBe(2000);
  });
});
