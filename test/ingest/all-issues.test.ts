// telemetry-contract.md, "Package and public API": a CallCenterValidationError has "one entry per problem with `path`
// (the field name) ... Its `message` names every bad field." Found in review: a field that failed its rule hid the
// fields and options refused by their bounds (long ids, times out of the window, the per-call timestamp and operator).
import { afterEach, describe, expect, it } from 'vitest';
import { minimalContact } from '../helpers/events.js';
import { createHarness, type Harness } from '../helpers/otel.js';

let h: Harness;
afterEach(() => h.shutdown());

const paths = (r: ReturnType<Harness['instrumentation']['logIngestEvent']>) => (r.ok ? [] : r.error.issues.map((i) => i.path));

describe('a rejected event: its error names every bad field and option', () => {
  it('a bad enum value and a contact_id over 256 characters', () => {
    h = createHarness();
    const r = h.instrumentation.logIngestEvent('contact', minimalContact({ action: 'bogus' as never, contact_id: 'x'.repeat(300) }));
    expect(paths(r)).toEqual(['action', 'contact_id']);
    if (!r.ok) {
      expect(r.error.message).toContain('contact_id');
      expect(r.error.reason).toBe('invalid_value');
    }
  });

  it('a missing required field and a contact_start_time out of the window', () => {
    h = createHarness();
    const { transfer_id: _omitted, ...event } = minimalContact({ contact_start_time: '2999-01-01T00:00:00Z' });
    expect(paths(h.instrumentation.logIngestEvent('contact', event as never))).toEqual(['transfer_id', 'contact_start_time']);
  });

  it('a bad field and a per-call timestamp in microseconds', () => {
    h = createHarness();
    const r = h.instrumentation.logIngestEvent('contact', minimalContact({ contact_channel: 'fax' as never }), { timestamp: Date.now() * 1000 });
    expect(paths(r)).toEqual(['contact_channel', 'timestamp']);
  });

  it('a bad field and a per-call operator id over 256 characters', () => {
    h = createHarness();
    const r = h.instrumentation.logIngestEvent('contact', minimalContact({ contact_type: 'spam' as never }), { operator: { id: 'o'.repeat(300) } });
    expect(paths(r)).toEqual(['contact_type', 'operator.id']);
  });
});
