import { ccDiag } from './diag.js';
import type { CallCenterEventType } from './events/enums.js';
import { validateEvent } from './events/validate.js';
import type { CallCenterEventMap, LogIngestEventOptions, LogIngestEventResult } from './types.js';

/** What the facade needs of an instrumentation. */
export interface IngestTarget {
  logIngestEvent<T extends CallCenterEventType>(
    type: T,
    event: CallCenterEventMap[T],
    options?: LogIngestEventOptions,
  ): LogIngestEventResult;
}

const OK: LogIngestEventResult = Object.freeze({ ok: true });

// Enabled instrumentations, oldest first; the facade delegates to the last.
const enabled: IngestTarget[] = [];

/** @internal Called by an instrumentation when it is enabled. */
export function bindFacade(target: IngestTarget): void {
  unbindFacade(target);
  enabled.push(target);
}

/** @internal Called by an instrumentation when it is disabled. */
export function unbindFacade(target: IngestTarget): void {
  const i = enabled.indexOf(target);
  if (i !== -1) enabled.splice(i, 1);
}

/**
 * The platform's documented entry point. Delegates to the most recently
 * enabled {@link CallCenterInstrumentation}; while none is enabled it still
 * validates the event (and reports a bad one through `diag`) but emits
 * nothing, like the OpenTelemetry API's no-op providers.
 */
export const CallCenter = {
  logIngestEvent<T extends CallCenterEventType>(
    type: T,
    event: CallCenterEventMap[T],
    options?: LogIngestEventOptions,
  ): LogIngestEventResult {
    const target = enabled[enabled.length - 1];
    if (target) return target.logIngestEvent(type, event, options);
    const result = validateEvent(type, event);
    if (result.ok) return OK;
    ccDiag.warn(`${result.error.message} (dropped; no CallCenterInstrumentation is enabled)`);
    return result;
  },
};
