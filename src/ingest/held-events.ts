import type { CallCenterEventType } from '../events/enums.js';
import type { IngestEvent } from './ingest-event.js';

/** Events held at most while no instrumentation is enabled; past it the oldest go. */
export const MAX_HELD_EVENTS = 1000;

/**
 * Events logged through the facade before any instrumentation is enabled,
 * already checked (their snapshots, never the caller's objects), waiting
 * for the first instance to be enabled. Bounded: the oldest are dropped
 * first, and counted by type so the instance can report them
 * (`not_enabled`).
 */
export class HeldEvents {
  #events: IngestEvent[] = [];
  #dropped: Partial<Record<CallCenterEventType, number>> = {};

  get size(): number {
    return this.#events.length;
  }

  hold(ev: IngestEvent): void {
    if (this.#events.length >= MAX_HELD_EVENTS) {
      const oldest = this.#events.shift()!;
      this.#dropped[oldest.type] = (this.#dropped[oldest.type] ?? 0) + 1;
    }
    this.#events.push(ev);
  }

  /** Everything held, and how many of each type were dropped; the holder is empty afterwards. */
  take(): { events: IngestEvent[]; dropped: Partial<Record<CallCenterEventType, number>> } {
    const taken = { events: this.#events, dropped: this.#dropped };
    this.#events = [];
    this.#dropped = {};
    return taken;
  }
}
