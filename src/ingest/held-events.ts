import type { CallCenterValidationError } from '../errors.js';
import type { CallCenterEventType } from '../events/enums.js';
import { isEventType } from '../events/validate.js';
import type { IngestEvent } from './ingest-event.js';
import { sanitizeMeta } from './meta.js';

/** Events held at most while no instrumentation is enabled; past it the oldest go. */
export const MAX_HELD_EVENTS = 1000;

/** What the first instance enabled takes: the events to emit, and how many were dropped (over the bound) or refused meanwhile. */
export interface TakenEvents {
  readonly events: readonly IngestEvent[];
  /** By event type. */
  readonly dropped: Partial<Record<CallCenterEventType, number>>;
  /** By event type (`unknown` for an unknown one) and rejection reason. */
  readonly refused: ReadonlyArray<{ readonly eventType: string; readonly reason: CallCenterValidationError['reason']; readonly count: number }>;
}

/**
 * Events logged through the facade before any instrumentation is enabled,
 * already checked (their snapshots, never the caller's objects), waiting
 * for the first instance to be enabled. Bounded: the oldest are dropped
 * first, and counted by type so the instance can report them
 * (`not_enabled`); refused ones are counted too, for
 * `call_center.events.rejected`.
 */
export class HeldEvents {
  #events: IngestEvent[] = [];
  #dropped: Partial<Record<CallCenterEventType, number>> = {};
  /** Whether anything was dropped or refused since the last take: `empty` is read on every event. */
  #counted = false;
  /** By `type|reason`: a few types and reasons, so a few entries. */
  #refused = new Map<string, { eventType: string; reason: CallCenterValidationError['reason']; count: number }>();

  /** Nothing to hand over: no event held, none dropped or refused. */
  get empty(): boolean {
    return this.#events.length === 0 && !this.#counted;
  }

  hold(ev: IngestEvent): void {
    // `meta` is the one field the snapshot holds by reference: it is read now, into its sanitised copy, not when the event is replayed.
    const at = ev.plan.rules.at.meta;
    if (at !== undefined && ev.slots[at] !== undefined) ev.slots[at] = sanitizeMeta(ev.slots[at], ev.plan.limits.maxStringLength);
    if (this.#events.length >= MAX_HELD_EVENTS) {
      const oldest = this.#events.shift()!;
      this.#dropped[oldest.type] = (this.#dropped[oldest.type] ?? 0) + 1;
      this.#counted = true;
    }
    this.#events.push(ev);
  }

  /** An event the facade refused while no instance was enabled. */
  refused(error: CallCenterValidationError): void {
    const eventType = isEventType(error.eventType) ? error.eventType : 'unknown';
    const key = `${eventType}|${error.reason}`;
    this.#counted = true;
    const entry = this.#refused.get(key);
    if (entry) entry.count++;
    else this.#refused.set(key, { eventType, reason: error.reason, count: 1 });
  }

  /** Everything held and counted; the holder is empty afterwards. */
  take(): TakenEvents {
    const taken = { events: this.#events, dropped: this.#dropped, refused: [...this.#refused.values()] };
    this.#events = [];
    this.#dropped = {};
    this.#refused = new Map();
    this.#counted = false;
    return taken;
  }
}
