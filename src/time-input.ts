import type { HrTime } from '@opentelemetry/api';

/**
 * An epoch-milliseconds time as the [seconds, nanoseconds] the OpenTelemetry
 * SDK would make of it (the same arithmetic as its `millisToHrTime`). Given
 * a plain number, the SDK first asks whether it is a time relative to the
 * process or page start (below `performance.timeOrigin / 2` for log records,
 * not above `performance.now()` for spans): that misreads a valid early time
 * such as 1 000 ms (1970) as "now-ish", and costs a read of the clock or of
 * `timeOrigin` on every time handed over (~50-100 ns each, measured).
 */
export function timeInput(ms: number): HrTime {
  return [Math.trunc(ms / 1e3), Math.round((ms % 1e3) * 1e6)];
}

/** The time between two epoch-milliseconds times, in seconds, never negative (event times can arrive out of order): what duration metrics record. */
export const seconds = (fromMs: number, toMs: number): number => Math.max(0, toMs - fromMs) / 1000;
