import { afterEach, describe, expect, it } from 'vitest';
import { CallCenterAction, ContactChannel, ContactType } from '../src/index.js';
import { minimalContact } from './helpers/events.js';
import { ingest, TestClock } from './helpers/lifecycle.js';
import { counterValue, createHarness, histogramValue, type Harness } from './helpers/otel.js';

let h: Harness;
afterEach(() => h.shutdown());

describe('derived metrics', () => {
  it('records contact durations by channel, type and end reason, in seconds, with contact-handling buckets', async () => {
    const clock = new TestClock();
    h = createHarness({ now: clock.now });
    const contact = (id: string, channel: ContactChannel) => minimalContact({ contact_id: id, contact_channel: channel, contact_type: ContactType.FollowUp });
    ingest(h, 'contact', contact('a', ContactChannel.Call));
    ingest(h, 'contact', contact('b', ContactChannel.Call));
    ingest(h, 'contact', contact('w', ContactChannel.WhatsApp));
    clock.advance(90);
    ingest(h, 'contact', { ...contact('a', ContactChannel.Call), action: CallCenterAction.End });
    clock.advance(210);
    ingest(h, 'contact', { ...contact('b', ContactChannel.Call), action: CallCenterAction.End });

    const metrics = await h.collectMetrics();
    const call = histogramValue(metrics.get('call_center.contact.duration'), {
      'call_center.contact.channel': 'call',
      'call_center.contact.type': 'follow_up',
      'call_center.contact.end_reason': 'end',
    });
    expect(call?.count).toBe(2);
    expect(call?.sum).toBe(390);
    expect(call?.min).toBe(90);
    expect(call?.max).toBe(300);
    expect(call?.buckets.boundaries).toEqual([1, 5, 10, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600]);
    expect(metrics.get('call_center.contact.duration')?.descriptor.unit).toBe('s');

    const active = metrics.get('call_center.contacts.active');
    expect(counterValue(active, { 'call_center.contact.channel': 'call' })).toBe(0);
    expect(counterValue(active, { 'call_center.contact.channel': 'whatsapp' })).toBe(1);
  });

  it('records break durations and overruns', async () => {
    const clock = new TestClock();
    h = createHarness({ now: clock.now });
    ingest(h, 'break', { type: 'meal', action: 'start', total_time: 1800, consumed_time: 0 });
    clock.advance(1900);
    ingest(h, 'break', { type: 'meal', action: 'end', total_time: 1800, consumed_time: 1900 });
    const metrics = await h.collectMetrics();
    const meal = histogramValue(metrics.get('call_center.break.duration'), {
      'call_center.break.type': 'meal',
      'call_center.break.end_reason': 'end',
    });
    expect(meal?.count).toBe(1);
    expect(meal?.sum).toBe(1900);
    expect(counterValue(metrics.get('call_center.break.overruns'), { 'call_center.break.type': 'meal' })).toBe(1);
  });

  it('counts every accepted event in call_center.events past the SDK’s series limit, folded into one overflow series', async () => {
    h = createHarness({ operatorOnMetrics: true });
    for (let i = 0; i < 2100; i++) ingest(h, 'ops_scorecard', { audit_count: 1, performance_group: 'g' }, { operator: { id: `op-${i}` } });
    const events = (await h.collectMetrics()).get('call_center.events');
    expect(counterValue(events)).toBe(2100);
    expect(events?.dataPoints.length).toBeLessThanOrEqual(2000);
    expect(counterValue(events, { 'otel.metric.overflow': true })).toBe(2100 - 1996);
  });

  it('puts the operator id on metrics only when asked', async () => {
    h = createHarness();
    ingest(h, 'contact', minimalContact(), { operator: { id: 'op-9' } });
    let metrics = await h.collectMetrics();
    for (const metric of metrics.values()) {
      for (const point of metric.dataPoints) expect(point.attributes).not.toHaveProperty('call_center.operator.id');
    }
    await h.shutdown();

    h = createHarness({ operatorOnMetrics: true });
    ingest(h, 'contact', minimalContact(), { operator: { id: 'op-9' } });
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.End }), { operator: { id: 'op-9' } });
    metrics = await h.collectMetrics();
    expect(counterValue(metrics.get('call_center.events'), { 'call_center.operator.id': 'op-9' })).toBe(2);
    expect(histogramValue(metrics.get('call_center.contact.duration'), { 'call_center.operator.id': 'op-9' })?.count).toBe(1);
  });

  it('never puts sensitive or free-text attributes on metrics', async () => {
    h = createHarness({ operatorOnMetrics: true, operator: { id: 'op-1', name: 'Asha', team: 'night' } });
    const { fullContact } = await import('./helpers/events.js');
    ingest(h, 'contact', fullContact());
    ingest(h, 'contact', { ...fullContact(), action: CallCenterAction.End });
    const metrics = await h.collectMetrics();
    const keys = new Set<string>();
    for (const metric of metrics.values()) for (const point of metric.dataPoints) for (const key of Object.keys(point.attributes)) keys.add(key);
    expect([...keys].sort()).toEqual([
      'call_center.contact.channel',
      'call_center.contact.end_reason',
      'call_center.contact.type',
      'call_center.event.action',
      'call_center.event.type',
      'call_center.operator.id',
    ]);
  });
});
