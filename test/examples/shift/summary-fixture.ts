// A supervisor summary for the formatting tests, by hand.
import type { Summary } from '../../../examples/shift/summary.js';

/** A small summary with figures of every width: a few seconds to over an hour, 1- to 3-digit counts. */
export const SUMMARY: Summary = {
  period: { from: '2026-01-05T08:00:12.000Z', to: '2026-01-05T16:41:00.000Z' },
  logRecords: 1907,
  contacts: 135,
  ahtByChannel: { call: { contacts: 3, ahtSeconds: 65.4 }, email: { contacts: 120, ahtSeconds: 59.2 }, whatsapp: { contacts: 12, ahtSeconds: 3725 } },
  answerByChannel: { call: { answered: 3, avgWaitSeconds: 4, serviceLevel: 100 }, email: { answered: 120, avgWaitSeconds: 1097.4, serviceLevel: 0 } },
  serviceLevelThresholdSeconds: 20,
  holdByChannel: { call: { holds: 2, avgHoldSeconds: 61, holdsPerContact: 0.67 }, email: { holds: 0, avgHoldSeconds: 0, holdsPerContact: 0 } },
  contactsPerOperator: { 'op-01 Asha': 7, 'op-02 Tomás': 128 },
  transfers: 9,
  priority: 20,
  emergencies: 1,
  breaks: 4,
  breakMinutesPerOperator: { 'op-01 Asha': 64.6, 'op-03 Grace': 9.4 },
  breakOverruns: { bio_break: 2, tea: 1 },
  qualityByGroup: { high: { scorecards: 2, avgQuality: 93.25 }, needs_support: { scorecards: 10, avgQuality: 71 } },
  rejectedEvents: { invalid_format: 2, invalid_value: 1, missing_field: 1 },
  endedByPlugin: { contacts: 2, breaks: 1 },
};
