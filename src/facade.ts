import { resolveConfig } from './config.js';
import { report } from './diag.js';
import { failure } from './errors.js';
import type { CallCenterEventType } from './events/enums.js';
import { HeldEvents, type TakenEvents } from './ingest/held-events.js';
import { timeOf } from './ingest/ingest-event.js';
import { IngestPipeline, isRefusal } from './ingest/pipeline.js';
import { createPrivacyPolicy } from './privacy/policy.js';
import type { CallCenterEventMap, LogIngestEventOptions, LogIngestEventResult } from './types.js';

/** What the facade needs of an instrumentation. */
export interface IngestTarget {
  logIngestEvent<T extends CallCenterEventType>(type: T, event: CallCenterEventMap[T], options?: LogIngestEventOptions): LogIngestEventResult;
  /** Emits events the facade held while no instrumentation was enabled, and counts those it dropped or refused meanwhile. */
  takeHeld(taken: TakenEvents): void;
}

const PENDING: LogIngestEventResult = Object.freeze({ ok: true, pending: true });

// Enabled instrumentations, oldest first; the facade delegates to the last.
const enabled: IngestTarget[] = [];
const held = new HeldEvents();
/** Checks events while no instrumentation is enabled: the default configuration and privacy policy. */
let defaults: IngestPipeline | undefined;

/**
 * @internal Called by an instrumentation when it is enabled. What the facade
 * holds goes to it: at once when `enable()` was called on it, or, when it
 * enabled itself in its constructor, after the current task (set-up code
 * such as `registerInstrumentations` gives it its providers in the same
 * tick, and the held events should reach those).
 */
export function bindFacade(target: IngestTarget, fromConstructor: boolean): void {
  unbindFacade(target);
  enabled.push(target);
  if (held.empty) return;
  if (fromConstructor) queueMicrotask(handOver);
  else handOver();
}

/** @internal Called by an instrumentation when it is disabled. */
export function unbindFacade(target: IngestTarget): void {
  const i = enabled.indexOf(target);
  if (i !== -1) enabled.splice(i, 1);
}

/**
 * @internal Called by an instrumentation before it emits an event: what the
 * facade holds for it (it enabled itself and the hand-over waits for the end
 * of the task) goes first, so that no event overtakes one logged before it.
 */
export function handOverBefore(target: IngestTarget): void {
  if (!held.empty && enabled[enabled.length - 1] === target) handOver();
}

/** Gives what is held to the instrumentation the facade goes to now, if any. */
function handOver(): void {
  const target = enabled[enabled.length - 1];
  if (!target || held.empty) return;
  const taken = held.take();
  try {
    target.takeHeld(taken);
  } catch (cause) {
    report('error', 'emitting the events held before an instrumentation was enabled failed', cause);
  }
}

/**
 * The platform's documented entry point. Delegates to the most recently
 * enabled {@link CallCenterInstrumentation}. While none is enabled it checks
 * the event (a bad one is refused and reported through `diag`) and holds a
 * good one, with its time, for the first instance that is enabled: the
 * result is then `{ ok: true, pending: true }`. At most 1 000 are held; past
 * that the oldest are dropped, and counted (`not_enabled`) by the instance.
 * Never throws.
 */
export const CallCenter = {
  logIngestEvent<T extends CallCenterEventType>(type: T, event: CallCenterEventMap[T], options?: LogIngestEventOptions): LogIngestEventResult {
    const target = enabled[enabled.length - 1];
    // What is held goes first (the instance sees to it: handOverBefore).
    if (target) return target.logIngestEvent(type, event, options);
    try {
      defaults ??= new IngestPipeline(resolveConfig({}), createPrivacyPolicy(undefined));
      const ev = defaults.check(type, event, options);
      if (!isRefusal(ev)) {
        // Its time is now: read before it waits.
        timeOf(ev);
        held.hold(ev);
        return PENDING;
      }
      report('warn', `${ev.message} (dropped; no CallCenterInstrumentation is enabled)`);
      held.refused(ev);
      return { ok: false, error: ev };
    } catch (cause) {
      return { ok: false, error: failure('unknown', 'internal_error', 'checking an event failed; please report it', cause) };
    }
  },
};
