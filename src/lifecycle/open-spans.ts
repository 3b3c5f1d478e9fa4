import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { ATTR_BREAK_END_REASON, ATTR_CONTACT_END_REASON } from '../semconv.js';
import { timeInput } from '../time-input.js';
import { PairMap } from '../pair-map.js';
import type { SpanOwner } from './span-owner.js';

/** Why the instrumentation ended a span itself rather than on an event. */
export type ForcedEndReason = 'timeout' | 'evicted' | 'disabled' | 'shutdown' | 'page_hide' | 'superseded';

export interface OpenSpan {
  readonly span: Span;
  /** Its key: the operator's id ('' when none is known) and, for contacts, the contact id. */
  readonly operatorKey: string;
  readonly idKey: string;
  /** When the span started, epoch ms. */
  readonly startMs: number;
  /** Who records its end; changed when its instrumentation hands it over. */
  owner: SpanOwner;
  /** The SDK provider its span came from: only that provider's shutdown ends it. */
  readonly provider: object;
  /** Which span of the contact or break this is: 1, then 2, 3, … after each page reload. */
  readonly segment: number;
}

/**
 * Told when a span of this kind ends, by an event or forced, for the owner's
 * metrics: just before the span ends, so it may still set the span's attributes.
 */
export type ClosedFunction<T> = (entry: T, reason: string, endMs: number, forced: boolean) => void;

type Kind = 'contact' | 'break';

function limitsOf(kind: Kind, owner: SpanOwner): { max: number; timeoutMs: number } {
  const c = owner.config;
  return kind === 'contact' ? { max: c.maxOpenContacts, timeoutMs: c.contactTimeoutMs } : { max: c.maxOpenBreaks, timeoutMs: c.breakTimeoutMs };
}

/** The status description of a span the instrumentation ended itself. */
export function forcedEndMessage(kind: Kind, reason: ForcedEndReason, owner: SpanOwner): string {
  const { max, timeoutMs } = limitsOf(kind, owner);
  switch (reason) {
    case 'timeout':
      return `${kind} open longer than ${kind}TimeoutMs (${timeoutMs} ms)`;
    case 'evicted':
      return `more than ${max} ${kind}s open (maxOpen${kind === 'contact' ? 'Contacts' : 'Breaks'}): the oldest was ended`;
    case 'disabled':
      return `instrumentation disabled while the ${kind} was open`;
    case 'shutdown':
      return `tracer provider shut down while the ${kind} was open`;
    case 'page_hide':
      return `the page went away (tab closed, navigation) while the ${kind} was open`;
    case 'superseded':
      return `a ${kind} of another type started before this one ended`;
  }
}

/**
 * The open spans of one kind, keyed, bounded in number and in age.
 * Every way a span leaves (its ending event, timeout, eviction, disable,
 * shutdown) goes through one place that records the end reason, marks forced
 * ends ERROR with a description, ends the span no earlier than it started,
 * and tells the owner's metrics.
 */
export class OpenSpans<T extends OpenSpan> {
  /** By key, for the lookup every event makes. */
  readonly #byKey = new PairMap<T>();
  /** In the order they opened (a Set keeps it): eviction takes the first. */
  readonly #open = new Set<T>();
  readonly #kind: Kind;
  readonly #closed: ClosedFunction<T>;

  constructor(kind: Kind, closed: ClosedFunction<T>) {
    this.#kind = kind;
    this.#closed = closed;
  }

  get size(): number {
    return this.#open.size;
  }

  get(operatorKey: string, idKey: string): T | undefined {
    return this.#byKey.get(operatorKey, idKey);
  }

  values(): IterableIterator<T> {
    return this.#open.values();
  }

  /** Adds an entry, first evicting the oldest ones if its owner's maximum is reached. */
  add(entry: T, nowMs: number): void {
    const c = entry.owner.config;
    const max = this.#kind === 'contact' ? c.maxOpenContacts : c.maxOpenBreaks;
    if (this.#open.size >= max) {
      for (const oldest of this.#open) {
        if (this.#open.size < max) break;
        this.forceEnd(oldest, 'evicted', nowMs);
      }
    }
    this.#open.add(entry);
    this.#byKey.set(entry.operatorKey, entry.idKey, entry);
  }

  /** Evicts `owner`'s oldest open spans past its maximum (lowered by setConfig); other owners' spans are theirs to bound. */
  trim(owner: SpanOwner, nowMs: number): void {
    const { max } = limitsOf(this.#kind, owner);
    let over = -max;
    for (const entry of this.#open) if (entry.owner === owner) over++;
    for (const entry of this.#open) {
      if (over <= 0) break;
      if (entry.owner !== owner) continue;
      this.forceEnd(entry, 'evicted', nowMs);
      over--;
    }
  }

  /** Ends an open span on the event that closes it (`end`, `terminate`). */
  end(entry: T, reason: string, atMs: number): void {
    this.#remove(entry);
    this.#end(entry, reason, atMs, false);
  }

  /**
   * Ends an open span for a reason of the instrumentation's. `silent`: its
   * end is not recorded in the metrics, because the contact or break goes on
   * on the next page and is recorded once, at its real end.
   */
  forceEnd(entry: T, reason: ForcedEndReason, atMs: number, silent = false): void {
    this.#remove(entry);
    this.#end(entry, reason, atMs, true, silent);
  }

  /** Ends every span open longer than its owner's timeout, by its owner's clock; `only` limits it to one owner's spans. */
  sweep(only?: SpanOwner): void {
    for (const entry of this.#open) {
      if (only && entry.owner !== only) continue;
      const nowMs = entry.owner.config.now();
      if (nowMs - entry.startMs > limitsOf(this.#kind, entry.owner).timeoutMs) this.forceEnd(entry, 'timeout', nowMs);
    }
  }

  /** Ends every open span that `which` selects (all by default), e.g. on disable, provider shutdown, page hide; those `silent` selects without recording them (see `forceEnd`). */
  endWhere(reason: ForcedEndReason, which: (entry: T) => boolean = () => true, silent?: (entry: T) => boolean): T[] {
    const ended: T[] = [];
    for (const entry of this.#open) {
      if (!which(entry)) continue;
      this.forceEnd(entry, reason, entry.owner.config.now(), silent?.(entry) ?? false);
      ended.push(entry);
    }
    return ended;
  }

  #remove(entry: T): void {
    this.#open.delete(entry);
    this.#byKey.delete(entry.operatorKey, entry.idKey);
  }

  #end(entry: T, reason: string, atMs: number, forced: boolean, silent = false): void {
    const endMs = Math.max(atMs, entry.startMs);
    const { span } = entry;
    span.setAttribute(this.#kind === 'contact' ? ATTR_CONTACT_END_REASON : ATTR_BREAK_END_REASON, reason);
    if (forced) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: forcedEndMessage(this.#kind, reason as ForcedEndReason, entry.owner) });
      // The standard attribute for why an operation failed, beside our own end reason.
      span.setAttribute(ATTR_ERROR_TYPE, reason);
    }
    if (!silent) this.#closed(entry, reason, endMs, forced);
    span.end(timeInput(endMs));
  }
}
