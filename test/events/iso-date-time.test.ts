import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoDateTime } from '../../src/events/iso-date-time.js';
import { ISO_DATE_TIME } from './schemas.js';

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
/** Date-times near and across every boundary the pattern draws: months, days per month and leap years, hours, zones. */
const dateTime = fc
  .record({
    year: fc.oneof(fc.constantFrom(0, 1900, 2000, 2024, 2025, 2100, 2400, 9999), fc.integer({ min: 0, max: 9999 })).map((y) => String(y).padStart(4, '0')),
    month: two(13),
    day: two(32),
    hour: two(25),
    minute: two(61),
    second: two(61),
    fraction: fc.constantFrom('', '.1', '.87', '.123456789', '.'),
    zone: fc.oneof(
      fc.constantFrom('Z', '', 'z', '+02:00', '-00:00'),
      fc.tuple(fc.constantFrom('+', '-'), two(25), two(61)).map(([s, h, m]) => `${s}${h}:${m}`),
    ),
  })
  .map((d) => `${d.year}-${d.month}-${d.day}T${d.hour}:${d.minute}:${d.second}${d.fraction}${d.zone}`);

describe('the date-time check', () => {
  it('gives the verdict of zod’s pattern on date-times around every boundary, and on any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          dateTime,
          fc.string(),
          dateTime.map((s) => ` ${s}`),
        ),
        (value) => {
          expect(isIsoDateTime(value)).toBe(ISO_DATE_TIME.test(value));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('knows February of leap years', () => {
    expect(['2024-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2025-02-29T00:00:00Z'].map(isIsoDateTime)).toEqual([true, true, false, false]);
  });
});
