import { millisToHrTime } from '@opentelemetry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CallCenterAction } from '../src/index.js';
import { timeInput } from '../src/time-input.js';
import { minimalContact } from './helpers/events.js';
import { ingest, ms } from './helpers/lifecycle.js';
import { createHarness, type Harness } from './helpers/otel.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.shutdown();
  h = undefined;
});

describe('times handed to the SDK', () => {
  it('are [seconds, nanoseconds], as the SDK makes them of epoch milliseconds, early ones included', () => {
    expect(timeInput(1_790_000_000_123)).toEqual([1_790_000_000, 123_000_000]);
    expect(timeInput(1_000)).toEqual([1, 0]);
    expect(timeInput(61_500.25)).toEqual([61, 500_250_000]);
    expect(timeInput(0)).toEqual([0, 0]);
    for (const ms of [1_790_000_000_123.456, 1_000_000_000_000, 999.999, 1_790_000_000_000 + 1e-4]) expect(timeInput(ms)).toEqual(millisToHrTime(ms));
  });

  it('are exported as given, even in 1970, where the SDK would read a number as a performance time', () => {
    h = createHarness();
    ingest(h, 'contact', minimalContact(), { timestamp: 1_000 });
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.Pause }), { timestamp: 31_000 });
    ingest(h, 'contact', minimalContact({ action: CallCenterAction.End }), { timestamp: 61_000 });
    const [span] = h.spans.getFinishedSpans();
    expect([ms(span!.startTime), ms(span!.events[0]!.time), ms(span!.endTime)]).toEqual([1_000, 31_000, 61_000]);
    expect(h.records().map((r) => ms(r.hrTime))).toEqual([1_000, 31_000, 61_000]);
  });
});
