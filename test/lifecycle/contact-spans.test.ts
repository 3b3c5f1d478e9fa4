import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { CallCenterAction, CallCenterEventType, ContactChannel, ContactType } from '../../src/index.js';
import { minimalContact } from '../helpers/events.js';
import { CONTACT_SEQUENCE, ingest, ms, spanNamed, TestClock } from '../helpers/lifecycle.js';
import { createHarness, type Harness } from '../helpers/otel.js';

let h: Harness;
afterEach(() => h.shutdown());

describe('contact spans', () => {
  for (const channel of Object.values(ContactChannel)) {
    it(`follow a full ${channel} lifecycle: one span, events at their times, logs in the span`, () => {
      const clock = new TestClock();
      h = createHarness({ now: clock.now, operator: { id: 'op-1' } });
      const times: number[] = [];
      for (const action of CONTACT_SEQUENCE) {
        times.push(clock.advance(30));
        ingest(h, 'contact', minimalContact({ contact_id: `c-${channel}`, contact_channel: channel, action }));
      }
      const [span, ...others] = spanNamed(h, 'call_center.contact');
      expect(others).toHaveLength(0);
      expect(span?.kind).toBe(SpanKind.INTERNAL);
      expect(span?.parentSpanContext).toBeUndefined();
      expect(ms(span!.startTime)).toBe(times[0]);
      expect(ms(span!.endTime)).toBe(times[4]);
      expect(span?.status.code).toBe(SpanStatusCode.UNSET);
      expect(span?.events.map((e) => e.name)).toEqual(['call_center.contact.pause', 'call_center.contact.resume', 'call_center.contact.transfer']);
      expect(span?.events.map((e) => ms(e.time))).toEqual(times.slice(1, 4));
      // A span event carries the action and what the event changed; the linked log record carries everything.
      expect(span?.events.map((e) => e.attributes)).toEqual([
        { 'call_center.contact.action': 'pause' },
        { 'call_center.contact.action': 'resume' },
        { 'call_center.contact.action': 'transfer' },
      ]);
      expect(span?.attributes).toMatchObject({
        'call_center.contact.id': `c-${channel}`,
        'call_center.contact.channel': channel,
        'call_center.contact.action': 'end', // the closing event's attributes are merged
        'call_center.contact.end_reason': 'end',
        'call_center.operator.id': 'op-1',
      });
      const records = h.records();
      expect(records).toHaveLength(5);
      for (const record of records) {
        expect(record.spanContext?.traceId).toBe(span?.spanContext().traceId);
        expect(record.spanContext?.spanId).toBe(span?.spanContext().spanId);
      }
      expect(records.map((r) => ms(r.hrTime))).toEqual(times);
    });
  }

  it('turns the platform doc example (attend … end) into exactly one span whose logs share its trace id', () => {
    h = createHarness();
    const example = {
      action: CallCenterAction.Attend,
      contact_id: 'contactId',
      contact_channel: ContactChannel.Call,
      contact_start_time: '2025-01-01T12:00:27.87+02:00',
      contact_type: ContactType.FollowUp,
      contact_sub_type: 'Some Sub Type',
      transfer_id: 'transferId',
    };
    ingest(h, CallCenterEventType.Contact, example);
    ingest(h, CallCenterEventType.Contact, { ...example, action: CallCenterAction.Pause });
    ingest(h, CallCenterEventType.Contact, { ...example, action: CallCenterAction.Resume });
    ingest(h, CallCenterEventType.Contact, { ...example, action: CallCenterAction.End, contact_duration: 120 });
    const spans = h.spans.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.events.map((e) => e.name)).toEqual(['call_center.contact.pause', 'call_center.contact.resume']);
    expect(new Set(h.records().map((r) => r.spanContext?.traceId))).toEqual(new Set([spans[0]?.spanContext().traceId]));
  });

  it('updates span attributes on update, and only records other actions as events', () => {
    h = createHarness();
    ingest(h, 'contact', minimalContact({ contact_type: ContactType.Emergency }));
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.View, contact_type: ContactType.Grievance }));
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.Update, contact_is_priority: true, contact_resolution: 'escalated' }));
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.Terminate }));
    const [span] = h.spans.getFinishedSpans();
    expect(span?.events.map((e) => e.name)).toEqual(['call_center.contact.view', 'call_center.contact.update']);
    expect(span?.attributes).toMatchObject({
      'call_center.contact.is_priority': true,
      'call_center.contact.resolution': 'escalated',
      'call_center.contact.end_reason': 'terminate',
    });
  });

  it('makes a second attend an event, not a second span', () => {
    h = createHarness();
    ingest(h, 'contact', minimalContact());
    ingest(h, 'contact', minimalContact());
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.End }));
    const spans = h.spans.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.events.map((e) => e.name)).toEqual(['call_center.contact.attend']);
  });

  it('logs an end before any attend without a span when nothing gives its start', () => {
    h = createHarness();
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.End }));
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.Pause }));
    expect(h.spans.getFinishedSpans()).toHaveLength(0);
    expect(h.records()).toHaveLength(2);
    expect(h.records()[0]?.spanContext).toBeUndefined();
  });

  it('reconstructs the span of an orphan end from contact_start_time, else from contact_duration', () => {
    const clock = new TestClock('2025-01-01T10:05:00.000Z');
    h = createHarness({ now: clock.now });
    ingest(h, 'contact', minimalContact({ contact_id: 'a', action: CallCenterAction.End, contact_start_time: '2025-01-01T12:00:27.87+02:00' }));
    ingest(h, 'contact', minimalContact({ contact_id: 'b', action: CallCenterAction.Terminate, contact_duration: 42.5 }));
    const [a, b] = h.spans.getFinishedSpans();
    expect(ms(a!.startTime)).toBe(Date.parse('2025-01-01T10:00:27.870Z'));
    expect(ms(a!.endTime)).toBe(clock.ms);
    expect(a?.attributes).toMatchObject({ 'call_center.contact.reconstructed': true, 'call_center.contact.end_reason': 'end' });
    expect(ms(b!.startTime)).toBe(clock.ms - 42_500);
    expect(b?.attributes).toMatchObject({ 'call_center.contact.reconstructed': true, 'call_center.contact.end_reason': 'terminate' });
    expect(h.records()[0]?.spanContext?.spanId).toBe(a?.spanContext().spanId);
  });

  it('joins a repeated end to the span it already ended instead of making another', () => {
    h = createHarness();
    ingest(h, 'contact', minimalContact({ contact_start_time: '2025-01-01T12:00:27.87+02:00' }));
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.End, contact_start_time: '2025-01-01T12:00:27.87+02:00' }));
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.End, contact_start_time: '2025-01-01T12:00:27.87+02:00' }));
    const spans = h.spans.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(h.records().map((r) => r.spanContext?.spanId)).toEqual(Array(3).fill(spans[0]?.spanContext().spanId));
  });

  it('keeps two operators with the same contact id apart', () => {
    h = createHarness();
    const a = { operator: { id: 'op-a' } };
    const b = { operator: { id: 'op-b' } };
    ingest(h, 'contact', minimalContact({ contact_id: 'same' }), a);
    ingest(h, 'contact', minimalContact({ contact_id: 'same' }), b);
    ingest(h, 'contact', minimalContact({ contact_id: 'same', action: CallCenterAction.Pause }), b);
    ingest(h, 'contact', minimalContact({ contact_id: 'same', action: CallCenterAction.End }), a);
    ingest(h, 'contact', minimalContact({ contact_id: 'same', action: CallCenterAction.End }), b);
    const spans = h.spans.getFinishedSpans();
    expect(spans.map((s) => [s.attributes['call_center.operator.id'], s.events.length])).toEqual([
      ['op-a', 0],
      ['op-b', 1],
    ]);
  });

  it('starts contact spans as roots, linked to the span active at attend', async () => {
    h = createHarness();
    const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
    const { context, trace } = await import('@opentelemetry/api');
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    try {
      const request = h.tracerProvider.getTracer('app').startSpan('POST /events');
      context.with(trace.setSpan(context.active(), request), () => ingest(h, 'contact', minimalContact()));
      request.end();
      ingest(h, 'contact', minimalContact({ action: CallCenterAction.End }));
      const contact = spanNamed(h, 'call_center.contact')[0];
      expect(contact?.parentSpanContext).toBeUndefined();
      expect(contact?.spanContext().traceId).not.toBe(request.spanContext().traceId);
      expect(contact?.links.map((l) => l.context.spanId)).toEqual([request.spanContext().spanId]);
    } finally {
      context.disable();
    }
  });
});

describe('reconstructed contacts', () => {
  it('never start before 1970, whatever duration an early end gives (the fuzz found one)', () => {
    h = createHarness();
    const result = h.instrumentation.logIngestEvent('contact', minimalContact({ action: CallCenterAction.End, contact_duration: 2_678_400 }), { timestamp: 2_000 });
    expect(result.ok).toBe(true);
    const [span] = h.spans.getFinishedSpans();
    expect([ms(span!.startTime), ms(span!.endTime)]).toEqual([0, 2_000]);
  });
});
