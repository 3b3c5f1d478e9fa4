// A contact opened by one instance and continued through another (double
// registration: the facade goes to the newest): its holds ended by a resume
// are recorded on the meter of the instance the event came through, while
// its duration and a hold open at its end go to the meter of its owner.
import { afterEach, describe, expect, it } from 'vitest';
import { CallCenter, CallCenterAction } from '../../src/index.js';
import { minimalContact } from '../helpers/events.js';
import { createHarness, histogramValue, type Harness } from '../helpers/otel.js';

const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.shutdown()));
});

describe('holds of a contact continued through another instance', () => {
  it('are all recorded where the contact’s duration is', async () => {
    const first = createHarness();
    harnesses.push(first);
    const log = (action: CallCenterAction) => CallCenter.logIngestEvent('contact', minimalContact({ contact_id: 'c', action }));
    log(CallCenterAction.Attend);
    const second = createHarness();
    harnesses.push(second);
    log(CallCenterAction.Pause);
    log(CallCenterAction.Resume);
    log(CallCenterAction.Pause);
    log(CallCenterAction.End);
    const a = await first.collectMetrics();
    const b = await second.collectMetrics();
    const summary = {
      firstDurations: histogramValue(a.get('call_center.contact.duration'))?.count ?? 0,
      firstHolds: histogramValue(a.get('call_center.contact.hold.duration'))?.count ?? 0,
      secondHolds: histogramValue(b.get('call_center.contact.hold.duration'))?.count ?? 0,
    };
    expect(summary).toEqual({ firstDurations: 1, firstHolds: 2, secondHolds: 0 });
  });
});
