import type { SpanContext } from '@opentelemetry/api';
import { report } from '../diag.js';
import { nowOf, type IngestEvent } from '../ingest/ingest-event.js';
import { BreakSpans } from './breaks.js';
import { ContactSpans } from './contacts.js';
import type { ForcedEndReason, OpenSpan } from './open-spans.js';
import { onPageEvents } from './page-events.js';
import { saveOpenSpans, takeSavedSpans, toSaved, type SavedSpan } from './page-session.js';
import { flushProvider, onProviderShutdown, resolveProvider } from './provider-shutdown.js';
import { metricOperator, type SpanOwner } from './span-owner.js';
import { SweepTimer, sweepIntervalMs } from './sweep-timer.js';

/**
 * The one owner of lifecycle state: open contacts and breaks, the sweep
 * timer, the page-hide and provider-shutdown hooks. One per realm, shared by
 * every enabled instrumentation (each a {@link SpanOwner}), so that an
 * instance that takes over (a second registration, a hot reload) continues
 * what the previous one opened, and so that nothing here depends on which
 * instance is asked.
 */
export class Lifecycle {
  readonly contacts = new ContactSpans((owner) => this.#providerOf(owner));
  readonly breaks = new BreakSpans((owner) => this.#providerOf(owner));
  /** Enabled owners, in the order they were enabled: the last one inherits what a disabled one leaves. */
  readonly #owners = new Set<SpanOwner>();
  readonly #hooked = new WeakSet<object>();
  readonly #sweeper = new SweepTimer(() => {
    try {
      this.contacts.open.sweep();
      this.breaks.open.sweep();
      const last = [...this.#owners].at(-1);
      if (last) this.#expireWaiting(last, last.config.now());
    } catch (cause) {
      report('error', 'sweeping open spans failed', cause);
    }
    return this.#pending > 0;
  });
  #removePageEvents: (() => void) | undefined;
  /** Whether what the previous page saved has been taken (once per page). */
  #restored = false;

  get openCount(): number {
    return this.contacts.open.size + this.breaks.open.size;
  }

  /** Open spans, and saved ones waiting for their next event: what the sweep looks after. */
  get #pending(): number {
    return this.openCount + this.contacts.waiting.size + this.breaks.waiting.size;
  }

  /** An instrumentation was enabled. */
  attach(owner: SpanOwner): void {
    this.#owners.delete(owner);
    this.#owners.add(owner);
    // In a browser, a closing tab would lose its open spans: end them and flush; a page back from the
    // back/forward cache takes them up again (its scripts did not run again, so attach is not called).
    this.#removePageEvents ??= onPageEvents({ hidden: () => this.#pageHide(), restoredFromCache: () => this.#restoreFromCache() });
    if (!this.#restored) {
      this.#restored = true;
      this.#restore(owner);
    }
    // An instance with shorter timeouts gets the timer's interval down to its own.
    this.#retime();
  }

  /**
   * An owner's configuration changed (setConfig): its open spans are held to the new limits at once (the oldest
   * evicted past a lower maximum), its next event sweeps whatever the new clock reads, the timer takes the new interval.
   */
  reconfigured(owner: SpanOwner): void {
    owner.nextSweepMs = Number.NEGATIVE_INFINITY;
    try {
      const nowMs = owner.config.now();
      this.contacts.open.trim(owner, nowMs);
      this.breaks.open.trim(owner, nowMs);
    } catch (cause) {
      report('error', 'holding open spans to the new configuration failed', cause);
    }
    this.#retime();
  }

  #restoreFromCache(): void {
    const owner = [...this.#owners].at(-1);
    // With no instance enabled, the next one to attach restores.
    if (owner) this.#restore(owner);
    else this.#restored = false;
  }

  /**
   * Takes what the previous page in this tab saved: each contact or break
   * goes on at its next event. One whose timeout passes first is recorded as
   * timed out by the next sweep (the next event, or the timer), not here: at
   * enable, the meter provider may not be set yet.
   */
  #restore(owner: SpanOwner): void {
    for (const saved of takeSavedSpans()) (saved.kind === 'contact' ? this.contacts : this.breaks).waiting.add(saved);
    if (!this.#sweeper.running && this.#pending > 0) this.#sweeper.run(this.#intervalMs(owner));
  }

  /** Saved contacts and breaks whose timeout has passed with no event to continue them: recorded as timed out, at their timeout. */
  #expireWaiting(owner: SpanOwner, nowMs: number): void {
    const { contactTimeoutMs, breakTimeoutMs } = owner.config;
    this.#endWaiting(owner, 'timeout', (saved) => saved.startMs + (saved.kind === 'contact' ? contactTimeoutMs : breakTimeoutMs), nowMs);
  }

  /** Records the end of every waiting contact and break whose end time (`endMsOf`) is not after `nowMs`, with `reason`. */
  #endWaiting(owner: SpanOwner, reason: ForcedEndReason, endMsOf: (saved: SavedSpan) => number, nowMs: number): void {
    for (const spans of [this.contacts, this.breaks]) {
      if (spans.waiting.size === 0) continue;
      for (const saved of spans.waiting.takeWhere((s) => endMsOf(s) <= nowMs)) spans.endWaiting(saved, owner, reason, endMsOf(saved));
    }
  }

  /**
   * An instrumentation was disabled: its open spans go on under the most
   * recently enabled one still enabled, or, when none is, are ended
   * (end reason `disabled`) so that nothing silently disappears.
   */
  detach(owner: SpanOwner): void {
    if (!this.#owners.delete(owner)) return;
    const heir = [...this.#owners].at(-1);
    const mine = (entry: OpenSpan) => entry.owner === owner;
    if (heir) {
      for (const entry of this.contacts.open.values()) if (mine(entry)) entry.owner = heir;
      for (const entry of this.breaks.open.values()) if (mine(entry)) entry.owner = heir;
    } else {
      this.#endWhere('disabled', mine);
      // Nobody is left to continue what the previous page saved either.
      try {
        const nowMs = owner.config.now();
        this.#endWaiting(owner, 'disabled', () => nowMs, nowMs);
      } catch (cause) {
        report('error', 'ending the contacts and breaks saved by the previous page failed', cause);
      }
    }
    if (this.#owners.size === 0) {
      // Nobody is left to continue anything: what was known of ended contacts goes too.
      this.contacts.forgetEnded();
      this.#removePageEvents?.();
      this.#removePageEvents = undefined;
    }
    if (this.#pending === 0) this.#sweeper.stop();
  }

  /** Applies one accepted contact or break event; returns the span context its log record belongs to. */
  onEvent(ev: IngestEvent, owner: SpanOwner): SpanContext | undefined {
    // Timeouts follow the configured clock only: an event's own time never ends anybody's spans.
    const wasOpen = this.#pending;
    if (wasOpen > 0) {
      const nowMs = nowOf(ev);
      if (nowMs >= owner.nextSweepMs) this.#sweep(owner, nowMs);
    }
    const span = ev.type === 'contact' ? this.contacts.onEvent(ev, owner) : ev.type === 'break' ? this.breaks.onEvent(ev, owner) : undefined;
    if (wasOpen === 0 && this.#pending > 0) {
      // With nothing open there was nothing to sweep, so the clock was not read for it: the sweep that would
      // have found nothing is due now, as if it had run before the event.
      const nowMs = nowOf(ev);
      if (nowMs >= owner.nextSweepMs) owner.nextSweepMs = nowMs + sweepIntervalMs(owner);
    }
    if (!this.#sweeper.running && this.#pending > 0) this.#sweeper.run(this.#intervalMs(owner));
    return span;
  }

  /** Visits the open contacts an owner records metrics for. */
  openContacts(owner: SpanOwner, visit: (channel: string, operator: ReturnType<typeof metricOperator>) => void): void {
    for (const entry of this.contacts.open.values()) if (entry.owner === owner) visit(entry.channel, metricOperator(owner, entry.operatorId));
  }

  /** The SDK provider a new span of `owner` comes from; its shutdown is hooked once, to end that provider's spans only. */
  #providerOf(owner: SpanOwner): object {
    const provider = resolveProvider(owner.tracerProvider);
    if (!this.#hooked.has(provider)) {
      this.#hooked.add(provider);
      onProviderShutdown(provider, () => this.#endWhere('shutdown', (entry) => entry.provider === provider));
    }
    return provider;
  }

  #sweep(owner: SpanOwner, nowMs: number): void {
    this.contacts.open.sweep(owner);
    this.breaks.open.sweep(owner);
    this.#expireWaiting(owner, nowMs);
    owner.nextSweepMs = nowMs + sweepIntervalMs(owner);
  }

  #endWhere(reason: ForcedEndReason, which: (entry: OpenSpan) => boolean, silent?: (entry: OpenSpan) => boolean): OpenSpan[] {
    const ended: OpenSpan[] = [];
    try {
      ended.push(...this.contacts.open.endWhere(reason, which, silent), ...this.breaks.open.endWhere(reason, which, silent));
    } catch (cause) {
      report('error', `ending open spans (${reason}) failed`, cause);
    }
    if (this.#pending === 0) this.#sweeper.stop();
    return ended;
  }

  /**
   * The page is going away: every open span is ended (`page_hide`) and
   * flushed. Where sessionStorage takes them (up to `MAX_SAVED`), the open
   * contacts and breaks, then those still waiting from the previous page,
   * are saved for the next page in this tab, which continues them: their
   * handle time and duration are recorded once, at their real end, not
   * here. What is not saved is recorded here, ended by the page hide.
   */
  #pageHide(): void {
    const open: OpenSpan[] = [...this.contacts.open.values(), ...this.breaks.open.values()];
    const waiting = [...this.contacts.waiting.values(), ...this.breaks.waiting.values()];
    const savedCount = saveOpenSpans([
      ...[...this.contacts.open.values()].map((e) => ({ ...toSaved('contact', e, e.channel, e.type, e.operatorId), holds: e.holds })),
      ...[...this.breaks.open.values()].map((e) => ({ ...toSaved('break', e, '', e.type, e.operatorId), overrun: e.overrun })),
      ...waiting,
    ]);
    const saved = new Set(open.slice(0, savedCount));
    const ended = this.#endWhere(
      'page_hide',
      () => true,
      (entry) => saved.has(entry),
    );
    // The waiting ones follow the open ones in what was saved: those saved are the next page's now (this one, back
    // from the back/forward cache, takes them from storage again); the others end here.
    const unsaved = new Set(waiting.slice(Math.max(0, savedCount - open.length)));
    for (const spans of [this.contacts, this.breaks]) spans.waiting.takeWhere((s) => !unsaved.has(s));
    const owner = [...this.#owners].at(-1);
    if (owner && unsaved.size > 0) {
      try {
        const nowMs = owner.config.now();
        this.#endWaiting(owner, 'page_hide', () => nowMs, nowMs);
      } catch (cause) {
        report('error', 'ending the saved contacts and breaks that could not be saved again failed', cause);
      }
    }
    for (const provider of new Set(ended.map((entry) => entry.provider))) flushProvider(provider);
  }

  /** The timer's interval: that of the enabled instance with the shortest timeouts. */
  #intervalMs(fallback: SpanOwner): number {
    let ms = sweepIntervalMs(fallback);
    for (const owner of this.#owners) ms = Math.min(ms, sweepIntervalMs(owner));
    return ms;
  }

  /** A running timer takes the interval the instances call for now. */
  #retime(): void {
    const owner = [...this.#owners].at(-1);
    if (this.#sweeper.running && owner) this.#sweeper.run(this.#intervalMs(owner));
  }
}

/** The realm's lifecycle state, shared by every instrumentation loaded from this copy of the package. */
export const lifecycle = /*#__PURE__*/ new Lifecycle();
