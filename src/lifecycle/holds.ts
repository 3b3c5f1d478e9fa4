/**
 * A contact's holds: `pause` puts it on hold, the next `resume` (or the
 * contact's end) takes it off. Kept as plain numbers so that they survive a
 * page reload in `sessionStorage`.
 *
 * - A `pause` while on hold does not start another hold: the first one goes on.
 * - A `resume` while not on hold changes nothing.
 * - Other actions (`transfer`, `update`, ...) leave a hold as it is.
 * - A hold still open when the contact ends counts up to the end.
 * - Times out of order never make a negative hold.
 */
export interface Holds {
  /** When the open hold began, epoch ms; undefined when not on hold. */
  pausedAtMs: number | undefined;
  /** Holds ended so far, summed, ms. */
  totalMs: number;
  /** Holds begun so far. */
  count: number;
}

export const noHolds = (): Holds => ({ pausedAtMs: undefined, totalMs: 0, count: 0 });

/** A `pause`: a new hold begins unless one is open. */
export function beginHold(holds: Holds, atMs: number): void {
  if (holds.pausedAtMs !== undefined) return;
  holds.pausedAtMs = atMs;
  holds.count += 1;
}

/** A `resume` or the contact's end: the open hold ends; returns its length in ms, or undefined when none was open. */
export function endHold(holds: Holds, atMs: number): number | undefined {
  if (holds.pausedAtMs === undefined) return undefined;
  const ms = Math.max(0, atMs - holds.pausedAtMs);
  holds.pausedAtMs = undefined;
  holds.totalMs += ms;
  return ms;
}

/** Holds read back from storage: undefined unless every number is one this module could have written. */
export function savedHolds(x: unknown): Holds | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const h = x as Record<string, unknown>;
  const paused = h.pausedAtMs;
  if (paused !== undefined && (typeof paused !== 'number' || !Number.isFinite(paused))) return undefined;
  if (typeof h.totalMs !== 'number' || !Number.isFinite(h.totalMs) || h.totalMs < 0) return undefined;
  if (!Number.isSafeInteger(h.count) || (h.count as number) < 0) return undefined;
  return { pausedAtMs: paused as number | undefined, totalMs: h.totalMs, count: h.count as number };
}
