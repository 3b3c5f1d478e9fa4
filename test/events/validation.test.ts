import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BreakType, CallCenterAction, CallCenterEventType, CallCenterValidationError, ContactChannel, ContactType, type CallCenterEventMap } from '../../src/index.js';
import { OPTIONAL_FIELDS, REQUIRED_FIELDS } from '../helpers/contract-fields.js';
import { fullBreak, fullContact, fullScorecard } from '../helpers/events.js';
import { counterValue, createHarness, type Harness } from '../helpers/otel.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.shutdown());

type Type = keyof CallCenterEventMap;
const FULL: { [T in Type]: () => CallCenterEventMap[T] } = {
  break: fullBreak,
  contact: fullContact,
  ops_scorecard: fullScorecard,
};

/** Logs `event` as `type` (bypassing the compile-time types, as plain JavaScript would) and returns the error. */
function reject(type: Type, event: unknown): CallCenterValidationError {
  const result = h.instrumentation.logIngestEvent(type, event as never);
  if (result.ok) throw new Error(`expected ${JSON.stringify(event)} to be rejected`);
  return result.error;
}

function without(type: Type, field: string): Record<string, unknown> {
  const event: Record<string, unknown> = { ...FULL[type]() };
  delete event[field];
  return event;
}

const REQUIRED = REQUIRED_FIELDS;
const OPTIONAL = OPTIONAL_FIELDS;

describe('required and optional fields', () => {
  for (const type of Object.keys(REQUIRED) as Type[]) {
    for (const field of REQUIRED[type]) {
      it(`rejects a ${type} event without ${field}, naming it`, () => {
        const error = reject(type, without(type, field));
        expect(error).toBeInstanceOf(CallCenterValidationError);
        expect(error.eventType).toBe(type);
        expect(error.issues).toHaveLength(1);
        expect(error.issues[0]).toMatchObject({ path: field, code: 'missing_field' });
        expect(error.message).toContain(field);
        expect(error.message).toContain('required');
      });
    }
    for (const field of OPTIONAL[type]) {
      it(`accepts a ${type} event without ${field}`, () => {
        expect(h.instrumentation.logIngestEvent(type, without(type, field) as never)).toEqual({ ok: true });
      });
    }
  }

  it('explains that transfer_id is required on every contact event', () => {
    const error = reject('contact', without('contact', 'transfer_id'));
    expect(error.message).toMatch(/transfer_id: is required \(STRING\).*every contact event/);
  });

  it('names every bad field in one error', () => {
    const error = reject('contact', { contact_id: 5, action: 'nope', contact_type: 'emergency', contact_channel: 'fax' });
    expect(error.issues.map((i) => i.path)).toEqual(['contact_id', 'action', 'contact_channel', 'transfer_id']);
    for (const field of ['contact_id', 'action', 'contact_channel', 'transfer_id']) expect(error.message).toContain(field);
  });
});

describe('enums', () => {
  const cases: Array<[Type, string, readonly string[]]> = [
    ['break', 'type', Object.values(BreakType)],
    ['break', 'action', ['view', 'start', 'end', 'pause', 'resume', 'other']],
    ['contact', 'action', Object.values(CallCenterAction)],
    ['contact', 'contact_type', Object.values(ContactType)],
    ['contact', 'contact_channel', [...new Set(Object.values(ContactChannel))]],
  ];
  for (const [type, field, allowed] of cases) {
    it(`accepts every ${type}.${field} value`, () => {
      for (const value of allowed) {
        expect(h.instrumentation.logIngestEvent(type, { ...FULL[type](), [field]: value } as never)).toEqual({ ok: true });
      }
      expect(h.records()).toHaveLength(allowed.length);
    });
    it(`rejects an unknown ${type}.${field}, listing the allowed values`, () => {
      const error = reject(type, { ...FULL[type](), [field]: 'bogus' });
      expect(error.issues[0]).toMatchObject({ path: field, code: 'invalid_value', allowed });
      expect(error.message).toContain(allowed.join(', '));
      expect(error.message).toContain('"bogus"');
    });
  }

  it('rejects the platform doc break example (action add) at run time, listing the break actions', () => {
    const error = reject('break', {
      type: BreakType.BioBreak,
      sub_type: 'Some Sub Type',
      action: CallCenterAction.Add,
      total_time: 10,
      consumed_time: 5,
    });
    expect(error.message).toBe('Invalid break event: action: expected one of view, start, end, pause, resume, other; received "add"');
  });

  it('holds wire values under the platform member names', () => {
    expect(BreakType.BioBreak).toBe('bio_break');
    expect(ContactType.FollowUp).toBe('follow_up');
    expect(ContactType.NonEmergency).toBe('non_emergency');
    expect(ContactChannel.WhatsApp).toBe('whatsapp');
    expect(CallCenterAction.Attend).toBe('attend');
    expect(CallCenterEventType.OpsScorecard).toBe('ops_scorecard');
  });
});

describe('formats', () => {
  const bad: Array<[Type, string, unknown, RegExp]> = [
    ['break', 'total_time', NaN, /expected a finite number \(FLOAT\), received NaN/],
    ['break', 'consumed_time', Infinity, /received Infinity/],
    ['break', 'consumed_time', -Infinity, /received -Infinity/],
    ['break', 'total_time', '10', /FLOAT.*received a string/],
    ['contact', 'contact_duration', '12', /FLOAT/],
    ['contact', 'contact_is_valid', 'true', /expected BOOLEAN, received a string/],
    ['contact', 'contact_is_priority', 1, /expected BOOLEAN/],
    ['contact', 'contact_id', 17, /expected STRING, received a number/],
    ['contact', 'contact_summary', null, /expected STRING, received null/],
    ['ops_scorecard', 'audit_count', 1.5, /whole number \(INTEGER\)/],
    ['ops_scorecard', 'fatal_calls', 2 ** 60, /whole number within/],
    ['ops_scorecard', 'audit_count', '3', /INTEGER/],
    ['ops_scorecard', 'quality_score', NaN, /FLOAT/],
    ['ops_scorecard', 'performance_group', ['moderate'], /received an array/],
  ];
  for (const [type, field, value, message] of bad) {
    it(`rejects ${type}.${field} = ${String(value)}`, () => {
      const error = reject(type, { ...FULL[type](), [field]: value });
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]?.path).toBe(field);
      expect(error.message).toMatch(message);
    });
  }

  it('accepts whole numbers for FLOAT and INTEGER fields, and 0', () => {
    expect(h.instrumentation.logIngestEvent('ops_scorecard', { ...fullScorecard(), audit_count: 0, quality_score: 90 })).toEqual({ ok: true });
    expect(h.records()[0]?.attributes['call_center.ops_scorecard.audit_count']).toBe(0);
  });

  const goodDates = ['2025-01-01T12:00:27.87+02:00', '2025-01-01T12:00:27Z', '2025-01-01T12:00:27.123456789Z', '2025-01-01T12:00:27-05:30', '2024-02-29T00:00:00+00:00'];
  for (const date of goodDates) {
    it(`accepts contact_start_time ${date}`, () => {
      expect(h.instrumentation.logIngestEvent('contact', { ...fullContact(), contact_start_time: date })).toEqual({ ok: true });
      expect(h.records()[0]?.attributes['call_center.contact.start_time']).toBe(date);
    });
  }
  const badDates = ['2025-01-01', '2025-01-01T12:00:27', '2025-13-01T12:00:27Z', '2025-02-30T12:00:27Z', 'yesterday', '2025-01-01 12:00:27Z', ''];
  for (const date of badDates) {
    it(`rejects contact_start_time ${JSON.stringify(date)}`, () => {
      const error = reject('contact', { ...fullContact(), contact_start_time: date });
      expect(error.issues[0]).toMatchObject({ path: 'contact_start_time', code: 'invalid_format' });
      expect(error.message).toContain('ISO 8601');
    });
  }
});

describe('rejections are counted and reported', () => {
  it('counts rejected events by type and reason, and accepted ones by type and action', async () => {
    reject('contact', without('contact', 'transfer_id'));
    reject('contact', { ...fullContact(), action: 'nope' });
    reject('unknown' as Type, {});
    h.instrumentation.logIngestEvent('contact', fullContact());
    h.instrumentation.logIngestEvent('break', fullBreak());
    const metrics = await h.collectMetrics();
    const rejected = metrics.get('call_center.events.rejected');
    expect(counterValue(rejected, { 'call_center.event.type': 'contact', 'call_center.rejection.reason': 'missing_field' })).toBe(1);
    expect(counterValue(rejected, { 'call_center.event.type': 'contact', 'call_center.rejection.reason': 'invalid_value' })).toBe(1);
    expect(counterValue(rejected, { 'call_center.event.type': 'unknown', 'call_center.rejection.reason': 'unknown_event_type' })).toBe(1);
    const accepted = metrics.get('call_center.events');
    expect(counterValue(accepted, { 'call_center.event.type': 'contact', 'call_center.event.action': 'attend' })).toBe(1);
    expect(counterValue(accepted, { 'call_center.event.type': 'break', 'call_center.event.action': 'start' })).toBe(1);
    expect(h.records()).toHaveLength(2);
  });

  it('calls onInvalidEvent with the error and survives it throwing', async () => {
    await h.shutdown();
    const seen: CallCenterValidationError[] = [];
    h = createHarness({
      onInvalidEvent: (error) => {
        seen.push(error);
        throw new Error('callback bug');
      },
    });
    const result = h.instrumentation.logIngestEvent('break', { ...fullBreak(), action: 'add' } as never);
    expect(result.ok).toBe(false);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.issues[0]?.allowed).toEqual(['view', 'start', 'end', 'pause', 'resume', 'other']);
  });
});
