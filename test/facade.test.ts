import { captureDiag, type DiagCapture } from './helpers/diag.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallCenter, CallCenterAction, CallCenterEventType } from '../src/index.js';
import { minimalContact } from './helpers/events.js';
import { createHarness, type Harness } from './helpers/otel.js';

const harnesses: Harness[] = [];
const make = () => {
  const h = createHarness();
  harnesses.push(h);
  return h;
};
let diagnostics: DiagCapture;
beforeEach(() => {
  diagnostics = captureDiag();
});
afterEach(async () => {
  diagnostics.stop();
  await Promise.all(harnesses.splice(0).map((h) => h.shutdown()));
});

describe('CallCenter.logIngestEvent', () => {
  it('validates but emits nothing before any instrumentation is enabled', () => {
    expect(CallCenter.logIngestEvent(CallCenterEventType.Contact, minimalContact())).toEqual({ ok: true });
    const bad = CallCenter.logIngestEvent(CallCenterEventType.Contact, { ...minimalContact(), action: 'fly' } as never);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues[0]).toMatchObject({ path: 'action', code: 'invalid_value' });
    expect(diagnostics.warn).toHaveLength(1);
    expect(diagnostics.warn[0]).toMatch(/action: expected one of .*no CallCenterInstrumentation is enabled/);
  });

  it('delegates to the enabled instrumentation', () => {
    const h = make();
    CallCenter.logIngestEvent(CallCenterEventType.Contact, minimalContact({ action: CallCenterAction.View }));
    expect(h.records().map((r) => r.attributes['call_center.contact.action'])).toEqual(['view']);
  });

  it('emits nothing after disable(), and validates still', () => {
    const h = make();
    h.instrumentation.disable();
    expect(CallCenter.logIngestEvent(CallCenterEventType.Contact, minimalContact())).toEqual({ ok: true });
    expect(CallCenter.logIngestEvent(CallCenterEventType.Contact, {} as never).ok).toBe(false);
    expect(h.instrumentation.logIngestEvent(CallCenterEventType.Contact, minimalContact())).toEqual({ ok: true });
    expect(h.records()).toHaveLength(0);
    h.instrumentation.enable();
    CallCenter.logIngestEvent(CallCenterEventType.Contact, minimalContact());
    expect(h.records()).toHaveLength(1);
  });

  it('with two instances, goes to the most recently enabled, and back when it is disabled', () => {
    const first = make();
    const second = make();
    CallCenter.logIngestEvent(CallCenterEventType.Contact, minimalContact({ contact_id: 'to-second' }));
    expect(second.records()).toHaveLength(1);
    expect(first.records()).toHaveLength(0);

    second.instrumentation.disable();
    CallCenter.logIngestEvent(CallCenterEventType.Contact, minimalContact({ contact_id: 'to-first' }));
    expect(first.records().map((r) => r.attributes['call_center.contact.id'])).toEqual(['to-first']);

    first.instrumentation.enable(); // enabling again moves it to the top; nothing is duplicated
    second.instrumentation.enable();
    CallCenter.logIngestEvent(CallCenterEventType.Contact, minimalContact({ contact_id: 'to-second-again' }));
    expect(second.records()).toHaveLength(2);
    expect(first.records()).toHaveLength(1);

    // Each instance still takes its own events directly.
    first.instrumentation.logIngestEvent(CallCenterEventType.Contact, minimalContact({ contact_id: 'direct' }));
    expect(first.records()).toHaveLength(2);
  });

  it('passes per-event options through', () => {
    const h = make();
    CallCenter.logIngestEvent(CallCenterEventType.Contact, minimalContact(), { operator: { id: 'op-42', team: 'day' } });
    expect(h.records()[0]?.attributes).toMatchObject({ 'call_center.operator.id': 'op-42', 'call_center.operator.team': 'day' });
  });
});
