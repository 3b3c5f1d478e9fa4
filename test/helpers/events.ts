import { BreakType, CallCenterAction, ContactChannel, ContactType, type BreakEvent, type ContactEvent, type OpsScorecardEvent } from '../../src/index.js';

/** Every field of each event type set, with the platform doc's values where it gives them. */
export const fullBreak = (): BreakEvent => ({
  type: BreakType.BioBreak,
  sub_type: 'Some Sub Type',
  action: CallCenterAction.Start,
  total_time: 10,
  consumed_time: 5.5,
  meta: { source: 'test', tags: ['a', 'b'] },
});

export const fullContact = (): ContactEvent => ({
  action: CallCenterAction.Attend,
  contact_id: 'contactId',
  contact_channel: ContactChannel.Call,
  contact_start_time: '2025-01-01T12:00:27.87+02:00',
  contact_type: ContactType.FollowUp,
  contact_sub_type: 'Some Sub Type',
  contact_is_valid: true,
  contact_is_transfer: false,
  contact_incident_id: 'incident-1',
  contact_customer_id: 'customer-1',
  contact_customer_type: 'patient',
  contact_phone_id: '+15550100',
  contact_extension: '42',
  contact_duration: 12.5,
  contact_resolution: 'resolved',
  contact_summary: 'summary text',
  contact_remarks: 'remarks text',
  contact_is_priority: true,
  transfer_id: 'transfer-1',
  transfer_destination: 'desk-2',
  transfer_summary: 'transfer summary',
  transfer_remarks: 'transfer remarks',
  meta: { queue: 'q1' },
});

export const fullScorecard = (): OpsScorecardEvent => ({
  audit_count: 7,
  quality_score: 91.5,
  fatal_calls: 1,
  fatal_score: 2.25,
  performance_group: 'moderate',
  remarks: 'good week',
  meta: { period: '2025-W01' },
});

/** The smallest valid contact event. */
export const minimalContact = (overrides: Partial<ContactEvent> = {}): ContactEvent => ({
  contact_id: 'c-1',
  action: CallCenterAction.Attend,
  contact_type: ContactType.Emergency,
  contact_channel: ContactChannel.Call,
  transfer_id: 't-0',
  ...overrides,
});

export const minimalBreak = (overrides: Partial<BreakEvent> = {}): BreakEvent => ({
  type: BreakType.BioBreak,
  action: CallCenterAction.Start,
  total_time: 600,
  consumed_time: 0,
  ...overrides,
});
