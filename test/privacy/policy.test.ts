import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CallCenterAction, SENSITIVE_ATTRIBUTES, type PrivacyAction, type SensitiveAttribute } from '../../src/index.js';
import { EVENT_RULES } from '../../src/events/field-rules.js';
import { createPrivacyPolicy } from '../../src/privacy/policy.js';
import { fullBreak, fullContact, fullScorecard } from '../helpers/events.js';
import { ingest } from '../helpers/lifecycle.js';
import { KEEP_ALL } from '../helpers/privacy.js';
import { counterValue, createHarness, type Harness } from '../helpers/otel.js';

const KEY = 'test-key-please-rotate';
const hmac = (value: string, key = KEY) => createHmac('sha256', key).update(value).digest('hex');

let h: Harness | undefined;
afterEach(async () => {
  await h?.shutdown();
  h = undefined;
});

/** The source value of each sensitive attribute in the full test events. */
const SOURCE: Record<SensitiveAttribute, { type: 'contact' | 'ops_scorecard'; value: unknown }> = {
  'call_center.contact.customer_id': { type: 'contact', value: 'customer-1' },
  'call_center.contact.phone_id': { type: 'contact', value: '+15550100' },
  'call_center.contact.extension': { type: 'contact', value: '42' },
  'call_center.contact.incident_id': { type: 'contact', value: 'incident-1' },
  'call_center.contact.summary': { type: 'contact', value: 'summary text' },
  'call_center.contact.remarks': { type: 'contact', value: 'remarks text' },
  'call_center.transfer.summary': { type: 'contact', value: 'transfer summary' },
  'call_center.transfer.remarks': { type: 'contact', value: 'transfer remarks' },
  'call_center.ops_scorecard.remarks': { type: 'ops_scorecard', value: 'good week' },
  'call_center.meta': { type: 'contact', value: { queue: 'q1' } },
};

/** The contact field of each attribute. */
const FIELD: Record<string, string> = Object.fromEntries(EVENT_RULES.contact.list.map((rule) => [rule.attribute, rule.name]));

/** Every attribute set the SDK got for the contact: log records, the span, its events. */
function contactAttributeSets(harness: Harness) {
  const [span] = harness.spans.getFinishedSpans();
  return {
    logs: harness
      .records()
      .filter((r) => r.eventName === 'call_center.contact')
      .map((r) => r.attributes),
    span: span ? [span.attributes] : [],
    events: span ? span.events.map((e) => e.attributes ?? {}) : [],
  };
}

describe('privacy policy', () => {
  for (const name of SENSITIVE_ATTRIBUTES) {
    for (const action of ['keep', 'hash', 'drop'] as PrivacyAction[]) {
      it(`${action}s ${name} on logs, spans and span events`, () => {
        h = createHarness({ privacy: { key: KEY, fields: { [name]: action } } });
        const { type, value } = SOURCE[name];
        const expected = action === 'drop' ? undefined : action === 'keep' ? value : hmac(typeof value === 'string' ? value : JSON.stringify(value));
        if (type === 'ops_scorecard') {
          ingest(h, 'ops_scorecard', fullScorecard());
          expect(h.records()[0]?.attributes[name]).toEqual(expected);
          return;
        }
        // The attend lacks the field, so the pause changes it: span events carry only what changed.
        const { [FIELD[name]!]: _omitted, ...attend } = fullContact() as Record<string, unknown>;
        ingest(h, 'contact', attend as never);
        ingest(h, 'contact', { ...fullContact(), action: CallCenterAction.Pause });
        ingest(h, 'contact', { ...fullContact(), action: CallCenterAction.End });
        const sets = contactAttributeSets(h);
        expect(sets.logs).toHaveLength(3);
        expect(sets.logs[0]).not.toHaveProperty(name);
        expect(sets.span).toHaveLength(1);
        expect(sets.events).toHaveLength(1);
        // meta is a map: it goes on log records only, never on spans or span events.
        const spanSets = [...sets.span, ...sets.events];
        if (name === 'call_center.meta') for (const attributes of spanSets) expect(attributes).not.toHaveProperty(name);
        for (const attributes of [...sets.logs.slice(1), ...(name === 'call_center.meta' ? [] : spanSets)]) {
          if (expected === undefined) expect(attributes).not.toHaveProperty(name);
          else expect(attributes[name]).toEqual(expected);
        }
      });
    }
  }

  it('by default drops free text and meta, and drops ids when there is no key', () => {
    h = createHarness();
    ingest(h, 'contact', fullContact());
    ingest(h, 'ops_scorecard', fullScorecard());
    ingest(h, 'break', fullBreak());
    for (const record of h.records()) for (const name of SENSITIVE_ATTRIBUTES) expect(record.attributes).not.toHaveProperty(name);
    // Non-sensitive fields still arrive.
    expect(h.records()[0]?.attributes).toMatchObject({ 'call_center.contact.id': 'contactId', 'call_center.contact.customer_type': 'patient' });
  });

  it('by default hashes ids when a key is given (and still drops free text)', () => {
    h = createHarness({ privacy: { key: KEY } });
    ingest(h, 'contact', fullContact());
    const attributes = h.records()[0]?.attributes ?? {};
    expect(attributes).toMatchObject({
      'call_center.contact.customer_id': hmac('customer-1'),
      'call_center.contact.phone_id': hmac('+15550100'),
      'call_center.contact.extension': hmac('42'),
      'call_center.contact.incident_id': hmac('incident-1'),
    });
    for (const name of ['call_center.contact.summary', 'call_center.contact.remarks', 'call_center.transfer.summary', 'call_center.transfer.remarks', 'call_center.meta']) {
      expect(attributes).not.toHaveProperty(name);
    }
  });

  it('hashes stably across events and instances with one key, differently with another', async () => {
    h = createHarness({ privacy: { key: KEY } });
    const other = createHarness({ privacy: { key: KEY } });
    const rotated = createHarness({ privacy: { key: new TextEncoder().encode('another key') } });
    try {
      for (const harness of [h, other, rotated]) {
        ingest(harness, 'contact', fullContact());
        ingest(harness, 'contact', { ...fullContact(), contact_id: 'second', action: CallCenterAction.View });
      }
      const phone = (harness: Harness) => harness.records().map((r) => r.attributes['call_center.contact.phone_id']);
      expect(phone(h)).toEqual([hmac('+15550100'), hmac('+15550100')]);
      expect(phone(other)).toEqual(phone(h));
      expect(phone(rotated)).toEqual([hmac('+15550100', 'another key'), hmac('+15550100', 'another key')]);
      expect(phone(rotated)[0]).not.toBe(phone(h)[0]);
    } finally {
      await other.shutdown();
      await rotated.shutdown();
    }
  });

  it('refuses hash without a key, and unknown attributes or actions, at construction', () => {
    expect(() => createHarness({ privacy: { fields: { 'call_center.contact.summary': 'hash' } } })).toThrow(
      /privacy\.fields\["call_center\.contact\.summary"\]: 'hash' needs privacy\.key/,
    );
    expect(() => createHarness({ privacy: { fields: { 'call_center.contact.id': 'drop' } as never } })).toThrow(
      /call_center\.contact\.id is not a sensitive attribute; expected one of call_center\.contact\.customer_id/,
    );
    expect(() => createHarness({ privacy: { key: KEY, fields: { 'call_center.meta': 'mask' as never } } })).toThrow(/expected 'keep', 'hash' or 'drop'/);
    expect(() => createHarness({ privacy: { key: '' } })).toThrow(/privacy\.key: must not be empty/);
  });

  it('never puts sensitive attributes in bodies or span names, whatever the policy', () => {
    h = createHarness({ privacy: KEEP_ALL });
    ingest(h, 'contact', fullContact());
    ingest(h, 'contact', { ...fullContact(), action: CallCenterAction.End });
    const visible = JSON.stringify([h.records().map((r) => r.body), h.spans.getFinishedSpans().map((s) => [s.name, s.events.map((e) => e.name)])]);
    for (const { value } of Object.values(SOURCE)) if (typeof value === 'string') expect(visible).not.toContain(value);
  });
});

describe('redaction hook', () => {
  it('gets each attribute set after the policy, and may rewrite or remove', () => {
    const seen: Array<Record<string, unknown>> = [];
    h = createHarness({
      privacy: {
        key: KEY,
        redact: (attributes, info) => {
          seen.push({ ...attributes, info });
          delete attributes['call_center.contact.sub_type'];
          if (info.eventType === 'contact') return { ...attributes, 'call_center.contact.resolution': 'redacted' };
          return undefined;
        },
      },
    });
    ingest(h, 'contact', fullContact());
    ingest(h, 'contact', { ...fullContact(), action: CallCenterAction.End });
    ingest(h, 'break', fullBreak());
    expect(seen[0]).toMatchObject({ 'call_center.contact.phone_id': hmac('+15550100'), info: { eventType: 'contact', action: 'attend' } });
    expect(seen[0]).not.toHaveProperty('call_center.contact.summary');
    const [span] = h.spans.getFinishedSpans().filter((s) => s.name === 'call_center.contact');
    for (const attributes of [h.records()[0]?.attributes, span?.attributes]) {
      expect(attributes).not.toHaveProperty('call_center.contact.sub_type');
      expect(attributes?.['call_center.contact.resolution']).toBe('redacted');
    }
    expect(h.records()[2]?.attributes['call_center.break.type']).toBe('bio_break');
  });

  it('fails closed: a throwing hook drops the event, counts it and never throws, even in strict mode', async () => {
    h = createHarness({
      validation: 'strict',
      privacy: {
        redact: () => {
          throw new Error('hook bug');
        },
      },
    });
    const result = h.instrumentation.logIngestEvent('contact', fullContact());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('redaction_failed');
    expect(h.records()).toHaveLength(0);
    expect(h.spans.getFinishedSpans()).toHaveLength(0);
    const metrics = await h.collectMetrics();
    expect(counterValue(metrics.get('call_center.events.rejected'), { 'call_center.rejection.reason': 'redaction_failed' })).toBe(1);
  });
});

describe('property: under the default policy no sensitive value is ever exported', () => {
  const marker = fc.string({ minLength: 4, maxLength: 12, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789') }).map((s) => `MARK${s}`);
  for (const key of [undefined, KEY]) {
    it(key ? 'with a key' : 'without a key', async () => {
      h = createHarness(key ? { privacy: { key } } : {});
      const markers: string[] = [];
      fc.assert(
        fc.property(marker, fc.constantFrom(...Object.values(CallCenterAction)), fc.boolean(), (m, action, scorecard) => {
          markers.push(m);
          const result = scorecard
            ? h!.instrumentation.logIngestEvent('ops_scorecard', { ...fullScorecard(), remarks: `${m} r`, meta: { note: `${m} n`, deep: [{ x: m }] } })
            : h!.instrumentation.logIngestEvent('contact', {
                ...fullContact(),
                action,
                contact_id: 'c-prop',
                contact_customer_id: `${m}-c`,
                contact_phone_id: `${m}-p`,
                contact_extension: `${m}-e`,
                contact_incident_id: `${m}-i`,
                contact_summary: `${m} s`,
                contact_remarks: `${m} r`,
                transfer_summary: `${m} ts`,
                transfer_remarks: `${m} tr`,
                meta: { note: m },
              });
          expect(result.ok).toBe(true);
        }),
        { numRuns: 400 },
      );
      h.instrumentation.disable(); // ends the open span, so it is exported too
      const metrics = await h.collectMetrics();
      const exported = JSON.stringify([
        h.records().map((r) => [r.body, r.attributes, r.eventName]),
        h.spans.getFinishedSpans().map((s) => [s.name, s.attributes, s.events, s.status]),
        [...metrics.values()].map((m) => m.dataPoints),
      ]);
      expect(h.records().length).toBe(400);
      expect(exported).not.toContain('MARK');
    });
  }
});

describe('the hash cache (found in review)', () => {
  it('is bounded by bytes: hashing long free text does not keep every input', () => {
    const policy = createPrivacyPolicy({ key: 'k', fields: { 'call_center.contact.summary': 'hash', 'call_center.meta': 'hash' } });
    const heap = () => {
      globalThis.gc?.();
      globalThis.gc?.();
      return process.memoryUsage().heapUsed;
    };
    const before = heap();
    // A distinct summary of 4 096 characters (the default maxStringLength) per event, as the attribute stage hashes it.
    for (let i = 0; i < 4096; i++) policy.hash(`${i}`.padEnd(4096, 'x'));
    const retained = heap() - before;
    expect(policy.hash('0'.padEnd(4096, 'x'))).toMatch(/^[0-9a-f]{64}$/); // keeps the policy alive until measured
    expect(retained).toBeLessThan(4 * 1024 * 1024);
  });
});

describe('the redaction hook’s output (found in review)', () => {
  it('has no string longer than maxStringLength, in an array it returns either', () => {
    h = createHarness({ maxStringLength: 256, privacy: { redact: (a) => ({ ...a, 'call_center.contact.sub_type': ['x'.repeat(1000), 'y'] }) } });
    ingest(h, 'contact', { ...fullContact(), action: CallCenterAction.View });
    const value = h.records()[0]!.attributes['call_center.contact.sub_type'] as string[];
    expect(value.map((s) => s.length)).toEqual([256, 1]);
  });
});
