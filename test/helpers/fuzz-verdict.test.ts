import { describe, expect, it } from 'vitest';
import { failedConditions, verdictLine, type FuzzVerdict } from './fuzz-verdict.ts';

const none = { 'marker': 0, 'invalid-value': 0, 'overlong-string': 0, 'time-out-of-bounds': 0 };

/** A run that meets every condition: 1 200 events held before enable, 200 of them dropped. */
const passing: FuzzVerdict = {
  seed: 42,
  events: 1000,
  escapedThrows: 0,
  accepted: 400,
  rejected: 600,
  exportedLogRecords: 400,
  eventsMetric: 400,
  rejectedMetric: 600,
  internalErrors: 0,
  badResults: 0,
  rejectedWithTelemetry: 0,
  strict: { wrongThrows: 0, disagreements: 0, accepted: 400, rejected: 600, exportedLogRecords: 400, eventsMetric: 400, rejectedMetric: 600 },
  beforeEnable: { events: 3000, escapedThrows: 0, held: 1200, pending: 1200, emittedLogRecords: 1000, eventsMetric: 1000, notEnabledMetric: 200 },
  findings: {
    counts: none,
    places: { 'marker': {}, 'invalid-value': {}, 'overlong-string': {}, 'time-out-of-bounds': {} },
    examples: { 'marker': [], 'invalid-value': [], 'overlong-string': [], 'time-out-of-bounds': [] },
  },
  examples: {},
};

describe('fuzz verdict', () => {
  it('passes a run that meets every condition, in one line ending PASS', () => {
    expect(failedConditions(passing)).toEqual([]);
    expect(verdictLine(passing)).toMatch(/^fuzz: 1000 events, seed 42: 0 escaped throws, 0 markers exported, accepted 400 \+ rejected 600 = 1000, .*: PASS$/);
    expect(verdictLine(passing)).not.toContain('\n');
  });

  it.each<[string, Partial<FuzzVerdict>]>([
    ['no throw escapes report mode', { escapedThrows: 1 }],
    ['no throw escapes report mode', { beforeEnable: { ...passing.beforeEnable, escapedThrows: 1 } }],
    ['no marker exported', { findings: { ...passing.findings, counts: { ...none, marker: 1 } } }],
    ['accepted + rejected = events', { rejected: 599, rejectedMetric: 599 }],
    ['accepted = exported log records', { exportedLogRecords: 401 }],
    ['accepted = call_center.events', { eventsMetric: 399 }],
    ['rejected = call_center.events.rejected', { rejectedMetric: 601 }],
    ['strict throws only CallCenterValidationError', { strict: { ...passing.strict, wrongThrows: 1 } }],
    ['strict throws exactly when report rejects for the event', { strict: { ...passing.strict, disagreements: 1 } }],
    ['no internal errors', { internalErrors: 1 }],
    ['results are { ok: true } or { ok: false, error }', { badResults: 1 }],
    ['a rejected event emits nothing', { rejectedWithTelemetry: 1 }],
    ['exported values are valid AnyValues', { findings: { ...passing.findings, counts: { ...none, 'invalid-value': 1 } } }],
    ['no exported string over maxStringLength', { findings: { ...passing.findings, counts: { ...none, 'overlong-string': 1 } } }],
    ['exported times lie in 1970 .. now + maxClockSkewMs', { findings: { ...passing.findings, counts: { ...none, 'time-out-of-bounds': 1 } } }],
    ['events held before enable say pending', { beforeEnable: { ...passing.beforeEnable, pending: 0 } }],
    ['strict counts as report does', { strict: { ...passing.strict, exportedLogRecords: 401 } }],
    ['strict counts as report does', { strict: { ...passing.strict, rejectedMetric: 599 } }],
    ['held events are emitted by the first enabled instance', { beforeEnable: { ...passing.beforeEnable, emittedLogRecords: 0, eventsMetric: 0 } }],
    ['held events are emitted by the first enabled instance', { beforeEnable: { ...passing.beforeEnable, notEnabledMetric: 0 } }],
  ])('fails "%s" when it does not hold', (condition, change) => {
    const verdict = { ...passing, ...change };
    expect(failedConditions(verdict)).toEqual([condition]);
    expect(verdictLine(verdict)).toMatch(/: FAIL$/);
  });
});
