import { afterEach, describe, expect, it } from 'vitest';
import { CallCenterAction, type CallCenterValidationError } from '../../src/index.js';
import { minimalContact } from '../helpers/events.js';
import { ingest, TestClock } from '../helpers/lifecycle.js';
import { counterValue, createHarness, type Harness } from '../helpers/otel.js';
import { KEEP_ALL } from '../helpers/privacy.js';

let h: Harness;
afterEach(() => h.shutdown());

function rejected(result: { ok: boolean; error?: CallCenterValidationError }): CallCenterValidationError {
  expect(result.ok).toBe(false);
  return result.error!;
}

describe('times: between 1970 and the clock plus maxClockSkewMs', () => {
  it('refuses a timestamp in microseconds, naming the option and saying why, and emits nothing for it', async () => {
    h = createHarness();
    const error = rejected(h.instrumentation.logIngestEvent('contact', minimalContact(), { timestamp: Date.now() * 1000 }));
    expect(error.reason).toBe('invalid_value');
    expect(error.issues.map((i) => i.path)).toEqual(['timestamp']);
    expect(error.message).toMatch(/timestamp: .*microseconds/);
    expect(h.records()).toHaveLength(0);
    expect(counterValue((await h.collectMetrics()).get('call_center.events.rejected'), { 'call_center.rejection.reason': 'invalid_value' })).toBe(1);
  });

  it('accepts up to now + maxClockSkewMs and refuses one millisecond more, and anything before 1970', () => {
    const clock = new TestClock();
    h = createHarness({ now: clock.now, maxClockSkewMs: 60_000 });
    expect(h.instrumentation.logIngestEvent('contact', minimalContact(), { timestamp: clock.ms + 60_000 }).ok).toBe(true);
    expect(rejected(h.instrumentation.logIngestEvent('contact', minimalContact(), { timestamp: clock.ms + 60_001 })).issues[0]?.path).toBe('timestamp');
    expect(rejected(h.instrumentation.logIngestEvent('contact', minimalContact(), { timestamp: -1 })).issues[0]?.path).toBe('timestamp');
    expect(h.instrumentation.logIngestEvent('contact', minimalContact(), { timestamp: new Date(0) }).ok).toBe(true);
  });

  it('holds a time against the clock as it is now, not as it was read earlier in the same job', () => {
    // The default clock is read once per job for the window (inWindow); a time outside the window by that earlier
    // reading is held against a fresh one before it is refused.
    h = createHarness({ maxClockSkewMs: 0 });
    const first = Date.now();
    expect(h.instrumentation.logIngestEvent('contact', minimalContact({ contact_start_time: new Date(first).toISOString() })).ok).toBe(true);
    while (Date.now() < first + 20) {
      // the same job, later
    }
    const later = new Date(first + 10).toISOString();
    expect(h.instrumentation.logIngestEvent('contact', minimalContact({ contact_start_time: later })).ok).toBe(true);
    expect(h.instrumentation.logIngestEvent('contact', minimalContact(), { timestamp: first + 10 }).ok).toBe(true);
    expect(rejected(h.instrumentation.logIngestEvent('contact', minimalContact({ contact_start_time: new Date(Date.now() + 60_000).toISOString() }))).issues[0]?.path).toBe(
      'contact_start_time',
    );
  });

  it('refuses a contact_start_time before 1970 or after the allowed skew', () => {
    h = createHarness();
    for (const start of ['0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '9999-01-01T00:00:00Z']) {
      const error = rejected(h.instrumentation.logIngestEvent('contact', minimalContact({ contact_start_time: start })));
      expect(error.issues).toEqual([expect.objectContaining({ path: 'contact_start_time', code: 'invalid_value' })]);
    }
    expect(h.records()).toHaveLength(0);
  });

  it('refuses durations outside 0 to 31 days, so a reconstructed span can never start before 1970', () => {
    h = createHarness();
    for (const contact_duration of [1e12, -1, 2_678_400.5]) {
      const error = rejected(h.instrumentation.logIngestEvent('contact', minimalContact({ action: CallCenterAction.End, contact_duration })));
      expect(error.issues).toEqual([expect.objectContaining({ path: 'contact_duration', code: 'invalid_value' })]);
    }
    for (const field of ['total_time', 'consumed_time'] as const) {
      const event = { type: 'tea', action: 'start', total_time: 60, consumed_time: 0, [field]: 1e12 } as const;
      expect(rejected(h.instrumentation.logIngestEvent('break', event)).issues[0]?.path).toBe(field);
    }
    expect(h.instrumentation.logIngestEvent('contact', minimalContact({ action: CallCenterAction.End, contact_duration: 2_678_400 })).ok).toBe(true);
    expect(h.spans.getFinishedSpans()).toHaveLength(1);
  });
});

describe('strings', () => {
  it('cuts a 10 MB free-text field to maxStringLength on the log record, the span and the span event', () => {
    h = createHarness({ privacy: KEEP_ALL, maxStringLength: 1000 });
    const huge = 'x'.repeat(10 * 1024 * 1024);
    ingest(h, 'contact', minimalContact({ contact_sub_type: huge, contact_summary: huge }));
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.Pause, contact_sub_type: `y${huge}` }));
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.End }));
    const [span] = h.spans.getFinishedSpans();
    const strings = [
      ...h.records().flatMap((r) => [r.body, ...Object.values(r.attributes)]),
      ...Object.values(span!.attributes),
      ...span!.events.flatMap((e) => [e.name, ...Object.values(e.attributes ?? {})]),
    ].filter((v): v is string => typeof v === 'string');
    expect(Math.max(...strings.map((s) => s.length))).toBe(1000);
    expect(h.records()[0]?.attributes['call_center.contact.sub_type']).toBe(`${'x'.repeat(999)}…`);
    expect(span!.events[0]?.attributes?.['call_center.contact.sub_type']).toBe(`y${'x'.repeat(998)}…`);
  });

  it('never cuts between the halves of a surrogate pair, and leaves a lone surrogate in free text to the UTF-8 encoders', () => {
    h = createHarness({ maxStringLength: 256 });
    ingest(h, 'contact', minimalContact({ contact_sub_type: `${'a'.repeat(254)}😀tail`, contact_resolution: 'bad \uD800 half' }));
    const { attributes } = h.records()[0]!;
    expect(attributes['call_center.contact.sub_type']).toBe(`${'a'.repeat(254)}…`);
    // Every UTF-8 encoder makes it U+FFFD; the Collector does so over OTLP/JSON and protobuf and accepts the batch.
    expect(attributes['call_center.contact.resolution']).toBe('bad \uD800 half');
  });

  it('refuses identifiers over 256 characters or with lone surrogates rather than cut or merge them', () => {
    h = createHarness();
    const long = rejected(h.instrumentation.logIngestEvent('contact', minimalContact({ contact_id: 'c'.repeat(257) })));
    expect(long.issues).toEqual([expect.objectContaining({ path: 'contact_id', code: 'invalid_value' })]);
    const operator = rejected(h.instrumentation.logIngestEvent('contact', minimalContact(), { operator: { id: 'o'.repeat(300) } }));
    expect(operator.issues).toEqual([expect.objectContaining({ path: 'operator.id', code: 'invalid_value' })]);
    // Two ids that differ only in a lone surrogate would be one id (and one hash) once encoded as UTF-8.
    for (const contact_id of ['c\uD800', 'c\uDBFF']) {
      expect(rejected(h.instrumentation.logIngestEvent('contact', minimalContact({ contact_id }))).issues[0]?.path).toBe('contact_id');
    }
    expect(h.records()).toHaveLength(0);
  });

  it('bounds a kept meta: every string and the whole tree', () => {
    h = createHarness({ privacy: KEEP_ALL, maxStringLength: 300 });
    const meta = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'v'.repeat(10_000)]));
    ingest(h, 'contact', minimalContact({ meta }));
    const kept = JSON.stringify(h.records()[0]?.attributes['call_center.meta']);
    expect(kept.length).toBeLessThan(4 * 300 + 500);
    expect(kept).toContain(`${'v'.repeat(299)}…`);
  });
});

describe('fields', () => {
  it('refuses an event with more own fields than any contract event could have, without reading them', () => {
    h = createHarness();
    const event: Record<string, unknown> = { ...minimalContact() };
    for (let i = 0; i < 100_000; i++) event[`f${i}`] = i;
    const error = rejected(h.instrumentation.logIngestEvent('contact', event as never));
    expect(error.issues).toEqual([expect.objectContaining({ path: '', code: 'invalid_value' })]);
    expect(error.message).toMatch(/100005 fields/);
  });
});
