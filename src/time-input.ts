import type { TimeInput } from '@opentelemetry/api';

/** Before 2001-09-09, epoch milliseconds could be mistaken by the SDK for a performance timestamp (see below). */
const SMALL_EPOCH_MS = 1e12;

/**
 * An epoch-milliseconds time as the OpenTelemetry SDK will read it right.
 * The SDK takes a plain number below `performance.timeOrigin / 2` (log
 * records) or not above `performance.now()` (spans) for a time relative to
 * the process or page start, so a valid early time such as 1 000 ms (1970)
 * would be exported as "now-ish". Such times go as [seconds, nanoseconds];
 * every realistic time stays a number, with nothing allocated.
 */
export function timeInput(ms: number): TimeInput {
  if (ms >= SMALL_EPOCH_MS) return ms;
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}
