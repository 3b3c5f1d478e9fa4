import { SeverityNumber } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallCenterEventType, EVENT_BREAK, EVENT_CONTACT, EVENT_OPS_SCORECARD } from '../../src/index.js';
import { fullBreak, fullContact, fullScorecard, minimalContact } from '../helpers/events.js';
import { KEEP_ALL } from '../helpers/privacy.js';
import { createHarness, type Harness } from '../helpers/otel.js';

let h: Harness;
// These tests check the mapping itself, so every sensitive field is kept;
// test/privacy.test.ts checks the policy.
beforeEach(() => {
  h = createHarness({ operator: { id: 'op-17', name: 'Asha', team: 'night' }, privacy: KEEP_ALL });
});
afterEach(() => h.shutdown());

describe('log records', () => {
  it('maps every Break field to its attribute with its type', () => {
    expect(h.instrumentation.logIngestEvent(CallCenterEventType.Break, fullBreak())).toEqual({ ok: true });
    const [record] = h.records();
    expect(record?.eventName).toBe(EVENT_BREAK);
    expect(record?.severityNumber).toBe(SeverityNumber.INFO);
    expect(record?.severityText).toBe('INFO');
    expect(record?.attributes).toEqual({
      'call_center.break.type': 'bio_break',
      'call_center.break.sub_type': 'Some Sub Type',
      'call_center.break.action': 'start',
      'call_center.break.total_time': 10,
      'call_center.break.consumed_time': 5.5,
      'call_center.meta': { source: 'test', tags: ['a', 'b'] },
      'call_center.operator.id': 'op-17',
      'call_center.operator.name': 'Asha',
      'call_center.operator.team': 'night',
    });
  });

  it('maps every Contact field to its attribute with its type', () => {
    expect(h.instrumentation.logIngestEvent(CallCenterEventType.Contact, fullContact())).toEqual({ ok: true });
    const [record] = h.records();
    expect(record?.eventName).toBe(EVENT_CONTACT);
    expect(record?.attributes).toEqual({
      'call_center.contact.id': 'contactId',
      'call_center.contact.action': 'attend',
      'call_center.contact.type': 'follow_up',
      'call_center.contact.sub_type': 'Some Sub Type',
      'call_center.contact.start_time': '2025-01-01T12:00:27.87+02:00',
      'call_center.contact.channel': 'call',
      'call_center.contact.is_valid': true,
      'call_center.contact.is_transfer': false,
      'call_center.contact.incident_id': 'incident-1',
      'call_center.contact.customer_id': 'customer-1',
      'call_center.contact.customer_type': 'patient',
      'call_center.contact.phone_id': '+15550100',
      'call_center.contact.extension': '42',
      'call_center.contact.duration': 12.5,
      'call_center.contact.resolution': 'resolved',
      'call_center.contact.summary': 'summary text',
      'call_center.contact.remarks': 'remarks text',
      'call_center.contact.is_priority': true,
      'call_center.transfer.id': 'transfer-1',
      'call_center.transfer.destination': 'desk-2',
      'call_center.transfer.summary': 'transfer summary',
      'call_center.transfer.remarks': 'transfer remarks',
      'call_center.meta': { queue: 'q1' },
      'call_center.operator.id': 'op-17',
      'call_center.operator.name': 'Asha',
      'call_center.operator.team': 'night',
    });
  });

  it('maps every OpsScorecard field to its attribute with its type', () => {
    expect(h.instrumentation.logIngestEvent(CallCenterEventType.OpsScorecard, fullScorecard())).toEqual({ ok: true });
    const [record] = h.records();
    expect(record?.eventName).toBe(EVENT_OPS_SCORECARD);
    expect(record?.attributes).toEqual({
      'call_center.ops_scorecard.audit_count': 7,
      'call_center.ops_scorecard.quality_score': 91.5,
      'call_center.ops_scorecard.fatal_calls': 1,
      'call_center.ops_scorecard.fatal_score': 2.25,
      'call_center.ops_scorecard.performance_group': 'moderate',
      'call_center.ops_scorecard.remarks': 'good week',
      'call_center.meta': { period: '2025-W01' },
      'call_center.operator.id': 'op-17',
      'call_center.operator.name': 'Asha',
      'call_center.operator.team': 'night',
    });
  });

  it('keeps free text out of the body', () => {
    h.instrumentation.logIngestEvent(CallCenterEventType.Contact, fullContact());
    h.instrumentation.logIngestEvent(CallCenterEventType.Break, fullBreak());
    h.instrumentation.logIngestEvent(CallCenterEventType.OpsScorecard, fullScorecard());
    const bodies = h.records().map((r) => r.body);
    expect(bodies).toEqual(['contact attend (call, follow_up)', 'break start (bio_break)', 'ops scorecard (7 audits)']);
    for (const body of bodies) {
      for (const secret of ['summary text', 'remarks text', 'customer-1', '+15550100', 'good week', 'Some Sub Type']) {
        expect(String(body)).not.toContain(secret);
      }
    }
  });

  it('uses the per-event operator over the configured one', () => {
    h.instrumentation.logIngestEvent(CallCenterEventType.Contact, minimalContact(), { operator: { id: 'op-42' } });
    const attributes = h.records()[0]?.attributes ?? {};
    expect(attributes['call_center.operator.id']).toBe('op-42');
    expect(attributes).not.toHaveProperty('call_center.operator.name');
  });

  it('stamps the record with the given timestamp', () => {
    const at = Date.parse('2025-01-01T10:00:27.870Z');
    h.instrumentation.logIngestEvent(CallCenterEventType.Contact, minimalContact(), { timestamp: at });
    h.instrumentation.logIngestEvent(CallCenterEventType.Contact, minimalContact(), { timestamp: new Date(at + 1000) });
    expect(h.records().map((r) => r.hrTime)).toEqual([
      [1735725627, 870_000_000],
      [1735725628, 870_000_000],
    ]);
  });

  it('omits absent optional fields instead of exporting empty values', () => {
    h.instrumentation.logIngestEvent(CallCenterEventType.Contact, minimalContact());
    expect(Object.keys(h.records()[0]?.attributes ?? {}).sort()).toEqual([
      'call_center.contact.action',
      'call_center.contact.channel',
      'call_center.contact.id',
      'call_center.contact.type',
      'call_center.operator.id',
      'call_center.operator.name',
      'call_center.operator.team',
      'call_center.transfer.id',
    ]);
  });

  it('ignores fields the contract does not know, counts them and does not export them', async () => {
    const event = { ...minimalContact(), agent_mood: 'happy', another: 1 };
    expect(h.instrumentation.logIngestEvent(CallCenterEventType.Contact, event)).toEqual({ ok: true });
    const attributes = h.records()[0]?.attributes ?? {};
    expect(JSON.stringify(attributes)).not.toContain('happy');
    expect(Object.keys(attributes).every((k) => k.startsWith('call_center.'))).toBe(true);
    const metrics = await h.collectMetrics();
    expect(metrics.get('call_center.fields.ignored')?.dataPoints[0]?.value).toBe(2);
  });
});
