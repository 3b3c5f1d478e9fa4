// Checked by `tsc` (npm test runs the typecheck): each @ts-expect-error fails
// the build if the line below it ever compiles.
import { BreakType, CallCenter, CallCenterAction, CallCenterEventType, ContactChannel, ContactType, type BreakEvent } from '../../src/index.js';

// The platform doc's Break example uses CallCenterAction.Add, which is not a break action.
CallCenter.logIngestEvent(CallCenterEventType.Break, {
  type: BreakType.BioBreak,
  sub_type: 'Some Sub Type',
  // @ts-expect-error 'add' is not a break action
  action: CallCenterAction.Add,
  total_time: 10,
  consumed_time: 5,
});

// The same event with a break action compiles.
const ok: BreakEvent = { type: BreakType.BioBreak, action: CallCenterAction.Start, total_time: 10, consumed_time: 5 };
CallCenter.logIngestEvent(CallCenterEventType.Break, ok);

// transfer_id is required on contact events.
// @ts-expect-error missing transfer_id
CallCenter.logIngestEvent(CallCenterEventType.Contact, {
  contact_id: 'c',
  action: CallCenterAction.Attend,
  contact_type: ContactType.FollowUp,
  contact_channel: ContactChannel.Call,
});

// A contact event given as a break is refused.
CallCenter.logIngestEvent(CallCenterEventType.Break, {
  // @ts-expect-error contact fields are not break fields
  contact_id: 'c',
  action: CallCenterAction.View,
  type: BreakType.Tea,
  total_time: 1,
  consumed_time: 1,
});

// Plain strings with wire values are accepted, as JavaScript callers pass them.
CallCenter.logIngestEvent('ops_scorecard', { audit_count: 3, performance_group: 'moderate' });
