// setConfig, and a second instance, change the limits and the clock the open contacts are held to (found in
// review: each of these kept the old ones).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { minimalContact } from '../helpers/events.js';
import { ingest, TestClock } from '../helpers/lifecycle.js';
import { createHarness, type Harness } from '../helpers/otel.js';

let h: Harness | undefined;
let h2: Harness | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await h2?.shutdown();
  await h?.shutdown();
  h = h2 = undefined;
});

const ended = (harness: Harness, id: string) => harness.spans.getFinishedSpans().find((s) => s.attributes['call_center.contact.id'] === id);

describe('setConfig applies a shorter contactTimeoutMs to open contacts', () => {
  it('control: configured at construction, a contact 10 s past a 5 s timeout is ended on the next event', () => {
    const clock = new TestClock();
    h = createHarness({ now: clock.now, contactTimeoutMs: 5_000 });
    ingest(h, 'contact', minimalContact({ contact_id: 'stale' }));
    clock.advance(10);
    ingest(h, 'contact', minimalContact({ contact_id: 'fresh' }));
    expect(ended(h, 'stale')?.attributes['call_center.contact.end_reason']).toBe('timeout');
  });

  it('set by setConfig, the same contact is ended on the next event too', () => {
    const clock = new TestClock();
    h = createHarness({ now: clock.now }); // default 4 h timeout: inline sweeps every 60 s
    ingest(h, 'contact', minimalContact({ contact_id: 'stale' }));
    h.instrumentation.setConfig({ now: clock.now, contactTimeoutMs: 5_000 });
    clock.advance(10);
    ingest(h, 'contact', minimalContact({ contact_id: 'fresh' }));
    expect(ended(h, 'stale')?.attributes['call_center.contact.end_reason']).toBe('timeout');
  });

  it('set by setConfig, the sweep timer follows the new timeout (no event arriving)', () => {
    vi.useFakeTimers();
    h = createHarness();
    ingest(h, 'contact', minimalContact({ contact_id: 'stale' }));
    h.instrumentation.setConfig({ contactTimeoutMs: 5_000 });
    vi.advanceTimersByTime(20_000);
    expect(ended(h, 'stale')?.attributes['call_center.contact.end_reason']).toBe('timeout');
  });

  it('set by setConfig, a new clock that reads earlier than the old one still has timeouts checked on events', () => {
    const real = new TestClock('2025-06-01T00:00:00.000Z');
    h = createHarness({ now: real.now, contactTimeoutMs: 5_000 });
    ingest(h, 'contact', minimalContact({ contact_id: 'before-switch' }));
    ingest(h, 'contact', minimalContact({ contact_id: 'before-switch', action: 'end' }));
    const sim = new TestClock('2025-01-01T00:00:00.000Z');
    h.instrumentation.setConfig({ now: sim.now, contactTimeoutMs: 5_000 });
    ingest(h, 'contact', minimalContact({ contact_id: 'stale' }));
    sim.advance(3_600);
    ingest(h, 'contact', minimalContact({ contact_id: 'fresh' }));
    expect(ended(h, 'stale')?.attributes['call_center.contact.end_reason']).toBe('timeout');
  });
});

describe('the sweep timer follows the shortest timeout of the enabled instances', () => {
  it('a second instance with a 5 s timeout gets its contacts timed out without events', () => {
    vi.useFakeTimers();
    h = createHarness();
    ingest(h, 'contact', minimalContact({ contact_id: 'long' }));
    h2 = createHarness({ contactTimeoutMs: 5_000 });
    ingest(h2, 'contact', minimalContact({ contact_id: 'short' }));
    vi.advanceTimersByTime(20_000);
    expect(ended(h2, 'short')?.attributes['call_center.contact.end_reason']).toBe('timeout');
  });
});

describe('setConfig applies a lower maxOpenContacts to the contacts already open', () => {
  it('past the new maximum, the oldest are evicted at once', () => {
    const clock = new TestClock();
    h = createHarness({ now: clock.now });
    for (const id of ['c1', 'c2', 'c3', 'c4']) ingest(h, 'contact', minimalContact({ contact_id: id }));
    h.instrumentation.setConfig({ now: clock.now, maxOpenContacts: 2 });
    expect(h.spans.getFinishedSpans().map((s) => [s.attributes['call_center.contact.id'], s.attributes['call_center.contact.end_reason']])).toEqual([
      ['c1', 'evicted'],
      ['c2', 'evicted'],
    ]);
  });

  it('leaves the contacts another instance owns to that instance’s maximum', () => {
    h = createHarness({ maxOpenContacts: 2 });
    h2 = createHarness();
    for (let i = 0; i < 5; i++) ingest(h2, 'contact', minimalContact({ contact_id: `b${i}` }));
    h.instrumentation.setConfig({ maxOpenContacts: 2, validation: 'strict' });
    expect(h2.spans.getFinishedSpans().map((s) => s.attributes['call_center.contact.end_reason'])).toEqual([]);
  });
});
